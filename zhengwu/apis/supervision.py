"""API for 督查督办 and the compliance view (issue 5)."""

from ninja import Router

router = Router(tags=["supervision"])
