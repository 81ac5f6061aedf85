"""Pure rules of the office's records: who reads the registers (art. 61), who does the office's
work on them — the overdue filings (art. 49), cancelling a number (art. 52).  No Django."""

from __future__ import annotations

from collections.abc import Sequence

from zhengwu.core.decisions import Citation, Decision
from zhengwu.documents.rules.intake import ADMINISTRATOR
from zhengwu.org.rules import GOVERNMENT_LEADERS, PositionFact


def _office_staff(positions: Sequence[PositionFact], office_unit_id: int | None) -> bool:
    return office_unit_id is not None and any(
        p.unit_id == office_unit_id and p.kind != ADMINISTRATOR for p in positions
    )


def may_read_registers(positions: Sequence[PositionFact], office_unit_id: int | None,
                       citation: Citation | None) -> Decision:
    """The registers list every document the government received and sent, whoever it concerns:
    read by the government office's staff (who keep them) and the government's leaders — not by a
    department, nor by the system administrator's seat (art. 61)."""
    if _office_staff(positions, office_unit_id) or any(p.kind in GOVERNMENT_LEADERS for p in positions):
        return Decision.allow("registers.read", "可以查阅收文、发文登记簿。", citation)
    return Decision.refuse(
        "registers.not_permitted",
        "收文、发文登记簿仅限州人民政府办公室工作人员和州人民政府领导查阅；您可以在公文列表中查看与本单位有关的公文。",
        citation, "Only the government office's staff and the government's leaders read the registers.",
    )


def may_handle_records(positions: Sequence[PositionFact], office_unit_id: int | None, citation: Citation | None,
                       what: str) -> Decision:
    """Office work on the records — the overdue filings, cancelling a document number — is done by
    the government office's staff."""
    if _office_staff(positions, office_unit_id):
        return Decision.allow("records.office_staff", f"由州人民政府办公室{what}。", citation)
    return Decision.refuse("records.not_office_staff", f"只有州人民政府办公室的工作人员可以{what}。", citation,
                           "Only the government office's staff may do this.")
