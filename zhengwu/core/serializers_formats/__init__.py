"""Serialization modules for ``SERIALIZATION_MODULES`` (:mod:`zhengwu.core.serializers`)."""
