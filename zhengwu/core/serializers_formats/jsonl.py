"""The ``jsonl`` format of ``dumpdata``/``loaddata``, keeping microseconds."""

from django.core.serializers.jsonl import Deserializer

from zhengwu.core.serializers import JsonlSerializer as Serializer

__all__ = ["Deserializer", "Serializer"]
