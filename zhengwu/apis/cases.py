"""API for 建议提案, 信访, 复议诉讼审计 (issue 5)."""

from ninja import Router

router = Router(tags=["cases"])
