"""Who reads the audit trail (pure; no Django)."""

from __future__ import annotations

from collections.abc import Sequence

from zhengwu.core.decisions import Citation, Decision
from zhengwu.org.rules import PositionFact, PositionKind

AUDIT_READERS = frozenset({PositionKind.ADMINISTRATOR, PositionKind.SECRETARY_GENERAL, PositionKind.OFFICE_DIRECTOR})


def may_read_audit(is_superuser: bool, positions: Sequence[PositionFact], citation: Citation | None) -> Decision:
    """The whole audit trail is read by the system administrator, the 秘书长 and the 办公室主任;
    everyone sees the history of the matters they can open.  ``citation``: the confidentiality
    article (art. 61), since the trail names people and matters across the government."""
    if is_superuser or any(p.kind in AUDIT_READERS for p in positions):
        return Decision.allow("audit.read", "可以查阅审计记录。", citation)
    return Decision.refuse(
        "audit.not_permitted",
        "审计记录仅限系统管理员、秘书长和办公室主任查阅；您可以在各事项页面查看该事项的办理记录。",
        citation,
        "Only the system administrator, the secretary-general and the office director may read the audit trail.",
    )
