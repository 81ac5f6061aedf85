"""The governments zhengwu ships with, each a folder of configuration (``government.toml``, its
rulebook, its demo organization): see :mod:`zhengwu.core.government` and ``docs/adopting.md``."""
