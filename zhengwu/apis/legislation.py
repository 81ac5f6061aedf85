"""API for 规章和规范性文件 (issue 6)."""

from ninja import Router

router = Router(tags=["legislation"])
