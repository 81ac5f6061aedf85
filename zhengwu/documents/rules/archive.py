"""归档 (art. 53): the whole dossier of a complete document goes into the electronic archive, which
is read-only from then on.  Pure rules, no Django.

- :func:`may_archive`: the government office's staff archive;
- :func:`check_complete`: only a complete document is archived — an outgoing document once issued
  (and, if it owes a 报备 under art. 49, once filed), a submission once answered or closed;
- :func:`check_not_archived`: a document is archived once;
- :func:`may_change`: nothing about an archived document changes any more; every action that
  writes to a document asks this first;
- :func:`retention_years`, :func:`destroy_after`: the retention period the archiver chooses —
  永久, 定期30年 or 定期10年 — counted from 1 January of the year after the document was completed
  (国家档案局《机关文件材料归档范围和文书档案保管期限规定》, 2006).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from enum import StrEnum

from zhengwu.core.decisions import Decision
from zhengwu.core.i18n import _
from zhengwu.core.rulebook_view import RulebookView
from zhengwu.documents.rules.kinds import DocState, Flow
from zhengwu.org.rules import ADMINISTRATORS, PositionFact

PROVISION = "archive.dossier"

COMPLETE_STATES: dict[str, frozenset[str]] = {
    Flow.OUTGOING: frozenset({DocState.ISSUED}),
    Flow.SUBMISSION: frozenset({DocState.ANSWERED, DocState.CLOSED}),
}


class Retention(StrEnum):
    """保管期限; ``zhengwu.documents.models.Retention`` adds the labels."""

    TEN_YEARS = "10y"
    THIRTY_YEARS = "30y"
    PERMANENT = "permanent"


RETENTION_YEARS: dict[str, int | None] = {
    Retention.TEN_YEARS: 10,
    Retention.THIRTY_YEARS: 30,
    Retention.PERMANENT: None,
}
RETENTION_LABELS: dict[str, str] = {
    Retention.TEN_YEARS: "定期10年",
    Retention.THIRTY_YEARS: "定期30年",
    Retention.PERMANENT: "永久",
}


def may_archive(actor_positions: Sequence[PositionFact], office_unit_id: int | None, rb: RulebookView) -> Decision:
    """The government office's staff (not the system administrator) archive dossiers."""
    citation = rb.cite(PROVISION)
    if office_unit_id is not None and any(
        p.unit_id == office_unit_id and p.kind not in ADMINISTRATORS for p in actor_positions
    ):
        return Decision.allow("archive.office_staff", _("由州人民政府办公室归档。"), citation)
    return Decision.refuse(
        "archive.not_office_staff",
        _("公文办理完毕后由州人民政府办公室整理归档，您无权归档。"),
        citation,
    )


def check_complete(flow: str, state: str, state_label: str, filing_pending: bool, rb: RulebookView) -> Decision:
    """Only a complete document is archived: an outgoing one issued (and filed, if it must be), a
    submission answered or closed."""
    citation = rb.cite(PROVISION)
    if state not in COMPLETE_STATES.get(flow, frozenset()):
        done = "印发" if flow == Flow.OUTGOING else "答复或办结"
        return Decision.refuse(
            "archive.incomplete",
            _("公文当前状态为“{state_label}”，尚未办理完毕；{done}后方可归档。", state_label=state_label, done=done),
            citation,
            state=state,
        )
    if filing_pending:
        return Decision.refuse(
            "archive.filing_pending",
            _("本件冠以“经自治州人民政府同意”字样，尚未向州人民政府办公室报备；报备后方可归档。"),
            citation,
        )
    return Decision.allow("archive.complete", _("公文已办理完毕，可以归档。"), citation)


def check_not_archived(archived: bool, rb: RulebookView) -> Decision:
    citation = rb.cite(PROVISION)
    if archived:
        return Decision.refuse("archive.already", _("本件已经归档，不能重复归档。"), citation)
    return Decision.allow("archive.not_yet", _("本件尚未归档。"), citation)


def may_change(document_archived: bool, rb: RulebookView, what: str = "办理") -> Decision:
    """An archived document is read-only: no action may change it (「本件已归档，不能修改」)."""
    citation = rb.cite(PROVISION)
    if document_archived:
        return Decision.refuse(
            "archive.read_only",
            _("本件已归档，档案只读，不能{what}。", what=what),
            citation,
        )
    return Decision.allow("archive.open", _("本件尚未归档。"), citation)


def check_retention(retention: str, rb: RulebookView) -> Decision:
    citation = rb.cite(PROVISION)
    if retention in RETENTION_YEARS:
        return Decision.allow(
            "archive.retention",
            _("保管期限：{RETENTION_LABELS}。", RETENTION_LABELS=RETENTION_LABELS[retention]),
            citation,
            years=RETENTION_YEARS[retention],
        )
    return Decision.refuse(
        "archive.bad_retention",
        _("请选择保管期限：永久、定期30年或定期10年。"),
        citation,
    )


def retention_years(retention: str) -> int | None:
    """10, 30, or None for 永久."""
    return RETENTION_YEARS[retention]


def destroy_after(completed_on: dt.date, years: int | None) -> dt.date | None:
    """The last day of the retention period: counted from 1 January of the year after completion,
    it ends on 31 December of ``completed_on.year + years``.  None when kept permanently."""
    if years is None:
        return None
    return dt.date(completed_on.year + years, 12, 31)


def may_read_package(may_read_document: bool, rb: RulebookView) -> Decision:
    """The archive package is the document's whole dossier: whoever may read the document may take
    it (for transfer to the archives, or to read it offline), nobody else."""
    citation = rb.cite(PROVISION)
    if may_read_document:
        return Decision.allow("archive.may_read", _("您可以查阅本件公文，也可以下载其归档包。"), citation)
    return Decision.refuse("archive.not_a_reader", _("您无权查阅本件公文，也不能下载其归档包。"), citation)


def check_package_exists(archived: bool, rb: RulebookView) -> Decision:
    citation = rb.cite(PROVISION)
    if archived:
        return Decision.allow("archive.package", _("本件已归档，归档包可以下载。"), citation)
    return Decision.refuse("archive.no_package", _("本件尚未归档，没有归档包可以下载。"), citation)


def check_package_intact(intact: bool, problems: str, rb: RulebookView) -> Decision:
    """A package that no longer matches its manifest is not handed out as the archive: it is
    reported for investigation (the archive's copy has been changed)."""
    citation = rb.cite(PROVISION)
    if intact:
        return Decision.allow("archive.intact", _("归档包完整，校验一致。"), citation)
    return Decision.refuse(
        "archive.damaged",
        _(
            "归档包未通过SM3校验（{problems}），不能作为档案提供下载；请报告系统管理员和档案部门查明原因。",
            problems=problems,
        ),
        citation,
    )
