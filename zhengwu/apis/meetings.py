"""API for 会议 (issue 4)."""

from ninja import Router

router = Router(tags=["meetings"])
