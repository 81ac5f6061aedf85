"""The ``json`` format of ``dumpdata``/``loaddata``, keeping microseconds."""

from django.core.serializers.json import Deserializer

from zhengwu.core.serializers import JsonSerializer as Serializer

__all__ = ["Deserializer", "Serializer"]
