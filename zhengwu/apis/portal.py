"""API for 政务公开: publication queue, 依申请公开 (staff side; issue 6)."""

from ninja import Router

router = Router(tags=["portal"])
