"""Pure rules of the office's records: who reads the registers (art. 61), who does the office's
work on them — the overdue filings (art. 49), cancelling a number (art. 52) — and when cancelling
an issued document's number may withdraw its issue (arts. 52, 53).  No Django."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from zhengwu.core.decisions import Citation, Decision
from zhengwu.core.i18n import _
from zhengwu.core.rulebook_view import RulebookView
from zhengwu.core.transitions import Step
from zhengwu.org.rules import ADMINISTRATORS, GOVERNMENT_LEADERS, PositionFact


def _office_staff(positions: Sequence[PositionFact], office_unit_id: int | None) -> bool:
    return office_unit_id is not None and any(
        p.unit_id == office_unit_id and p.kind not in ADMINISTRATORS for p in positions
    )


def may_read_registers(
    positions: Sequence[PositionFact], office_unit_id: int | None, citation: Citation | None
) -> Decision:
    """The registers list every document the government received and sent, whoever it concerns:
    read by the government office's staff (who keep them) and the government's leaders — not by a
    department, nor by the system administrator's seat (art. 61)."""
    if _office_staff(positions, office_unit_id) or any(p.kind in GOVERNMENT_LEADERS for p in positions):
        return Decision.allow("registers.read", _("可以查阅收文、发文登记簿。"), citation)
    return Decision.refuse(
        "registers.not_permitted",
        _(
            "收文、发文登记簿仅限州人民政府办公室工作人员和州人民政府领导查阅；您可以在公文列表中查看与本单位有关的公文。"
        ),
        citation,
    )


def may_handle_records(
    positions: Sequence[PositionFact], office_unit_id: int | None, citation: Citation | None, what: str
) -> Decision:
    """Office work on the records — the overdue filings, cancelling a document number — is done by
    the government office's staff."""
    if _office_staff(positions, office_unit_id):
        return Decision.allow("records.office_staff", _("由州人民政府办公室{what}。", what=what), citation)
    return Decision.refuse(
        "records.not_office_staff",
        _("只有州人民政府办公室的工作人员可以{what}。", what=what),
        citation,
    )


# -- cancelling the number of an issued document: the issue is withdrawn (art. 52) ---------------

NUMBER_PROVISION = "documents.paperless"  # art. 52: registration, numbering and online distribution
ARCHIVE_PROVISION = "archive.dossier"  # art. 53: the archive is read-only

# A document number is in use from when it is taken until it is cancelled, once (art. 52).
IN_USE, CANCELLED = "in_use", "cancelled"
NUMBER_STATE_LABELS = {IN_USE: "在用", CANCELLED: "已作废"}
CANCEL_NUMBER = Step.of("records.number.cancel", _("作废"), (IN_USE,), NUMBER_PROVISION, subject=_("该发文字号"))


def number_state(cancelled: bool) -> tuple[str, str]:
    """The state of a document number and its label, for :data:`CANCEL_NUMBER`."""
    state = CANCELLED if cancelled else IN_USE
    return state, NUMBER_STATE_LABELS[state]


@dataclass(frozen=True)
class IssueFacts:
    """What stands in the way of withdrawing an issued document's issue when its number is cancelled.

    ``published_index``: the 索引号 under which the portal has published it (主动公开), if it has;
    ``publication_cited``: its queued portal item is named by another item's validity change, so
    it cannot be taken off the queue; ``request_title``/``request_archived``: the request this reply
    answered (and marked 已答复), when that request has been archived since."""

    number: str
    title: str
    archived: bool = False
    published_index: str = ""
    published_on: dt.date | None = None
    publication_cited: bool = False
    request_title: str = ""
    request_archived: bool = False

    @property
    def label(self) -> str:
        return f"{self.number}《{self.title}》"


def may_withdraw_issue(facts: IssueFacts, rb: RulebookView) -> list[Decision]:
    """作废发文字号 of an issued document withdraws its issue: the document goes back to 已签发,
    its deliveries are withdrawn from the recipients' inboxes, and it can be issued again under the
    next number.  Refused, each with what to do instead, when the issue can no longer be undone
    by cancelling the number:

    - the document is archived (art. 53: the archive is read-only);
    - the portal has published it (主动公开): a published document is withdrawn from the portal,
      or revoked by another document, first;
    - it answered a request that has been archived since.
    A reply's request that is not archived goes back to the state it had before this reply
    answered it (the action does that); the filing obligation and an unpublished portal entry of
    the document are closed with the issue and opened again when it is issued again."""
    number = rb.cite(NUMBER_PROVISION)
    out = []
    if facts.archived:
        out.append(
            Decision.refuse(
                "withdraw.archived",
                _(
                    ("{label}已归档，档案只读，不能作废其发文字号、撤回印发；如需更正，请另行发文更正或撤销。"),
                    label=facts.label,
                ),
                rb.cite(ARCHIVE_PROVISION),
            )
        )
    if facts.published_index:
        day = facts.published_on
        when = f"已于{day.year}年{day.month}月{day.day}日" if day else "已"
        out.append(
            Decision.refuse(
                "withdraw.published",
                _(
                    (
                        "{label}{when}在政府网站主动公开（索引号{published_index}），"
                        "不能直接作废其发文字号：请先撤回网站上的公开信息，或另行发文撤销、"
                        "废止本件。"
                    ),
                    label=facts.label,
                    when=when,
                    published_index=facts.published_index,
                ),
                number,
            )
        )
    elif facts.publication_cited:
        out.append(
            Decision.refuse(
                "withdraw.publication_cited",
                _(
                    (
                        "{label}的待公开信息已被其他公开信息的有效性变更引用，不能撤出公开队列，"
                        "因而不能作废其发文字号；请先由信息公开工作人员处理该引用。"
                    ),
                    label=facts.label,
                ),
                number,
            )
        )
    if facts.request_archived:
        out.append(
            Decision.refuse(
                "withdraw.request_archived",
                _(
                    (
                        "{label}答复的来文《{request_title}》已归档，不能撤回对它的答复，"
                        "因而不能作废本件的发文字号；如需更正，请另行发文。"
                    ),
                    label=facts.label,
                    request_title=facts.request_title,
                ),
                rb.cite(ARCHIVE_PROVISION),
            )
        )
    if not out:
        out.append(
            Decision.allow(
                "withdraw.allowed",
                _(
                    ("作废{number}，撤回{label}的印发：公文退回已签发、待登记印发，各收文单位的来文一并撤回。"),
                    number=facts.number,
                    label=facts.label,
                ),
                number,
            )
        )
    return out
