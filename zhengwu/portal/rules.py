"""政务公开 as pure rules (arts. 27–30; 《政府信息公开条例》).  No Django.

- 索引号: ``<organization code>/<year>-<5-digit serial>`` (01047834X/2023-03544), given once when
  an item is published and never changed (:func:`index_number`, :func:`parse_index_number`);
- who publishes and withholds: the office's staff with the duty 信息公开, or the office's
  leadership (:func:`may_manage`); who approves an extension of an application's time limit: the
  office's leadership (:func:`may_approve_extension`);
- the publication queue: due 20 working days after the information was formed or changed
  (``disclosure.proactive_days``, 条例第二十六条), late after that (:func:`publication_status`);
- withholding cites its exemption (条例第十四至十六条, :data:`EXEMPTIONS`);
- applications (依申请公开, 条例第三十三条): answered within ``disclosure.application_days``
  working days of receipt, extendable once by ``disclosure.application_extension_days`` with
  approval; time spent consulting a third party (up to ``disclosure.third_party_days`` working
  days, 条例第三十二条) is not counted (:func:`application_due`, :func:`excluded_days`);
- the reply types (:data:`REPLY_TYPES`) and the annual-report table (:func:`annual_report`).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from enum import StrEnum

from zhengwu.core.decisions import Decision
from zhengwu.core.i18n import Joined, _
from zhengwu.core.rulebook_view import RulebookView
from zhengwu.org.rules import PositionKind, UnitKind
from zhengwu.workdays.arith import WorkCalendar

PUBLISH = "portal.publish"
REGISTER = "disclosure.register"
APPLICATIONS = "disclosure.applications"
PROACTIVE = "disclosure.proactive"
INTERPRETATION = "portal.interpretation"

PROACTIVE_DAYS = "disclosure.proactive_days"
APPLICATION_DAYS = "disclosure.application_days"
EXTENSION_DAYS = "disclosure.application_extension_days"
THIRD_PARTY_DAYS = "disclosure.third_party_days"

DUTY = "信息公开"
OFFICE_LEADERS = frozenset(
    {PositionKind.OFFICE_DIRECTOR, PositionKind.SECRETARY_GENERAL, PositionKind.DEPUTY_SECRETARY_GENERAL}
)


class ItemState(StrEnum):
    """A publication item's state; ``zhengwu.portal.models.ItemState`` adds the labels."""

    QUEUED = "queued"
    PUBLISHED = "published"
    WITHHELD = "withheld"


class ApplicationState(StrEnum):
    """An application's state; ``zhengwu.portal.models.ApplicationState`` adds the labels."""

    RECEIVED = "received"
    CONSULTING = "consulting"
    ANSWERED = "answered"


class ReplyType(StrEnum):
    """条例第三十六条: the replies an application can get (labels in :data:`REPLY_TYPES`)."""

    DISCLOSED = "disclosed"
    PARTLY = "partly"
    REFUSED = "refused"
    UNAVAILABLE = "unavailable"
    NOT_PROCESSED = "not_processed"
    OTHER_CHANNEL = "other_channel"
    ALREADY_PUBLIC = "already_public"


# 条例第十四条至第十六条: what may be withheld, and why
EXEMPTIONS: dict[str, str] = {
    "state_secret": "依法确定为国家秘密的政府信息（《政府信息公开条例》第十四条）",
    "law_prohibits": "法律、行政法规禁止公开的政府信息（《政府信息公开条例》第十四条）",
    "security": "公开后可能危及国家安全、公共安全、经济安全、社会稳定的政府信息（《政府信息公开条例》第十四条）",
    "third_party": "涉及商业秘密、个人隐私等公开会对第三方合法权益造成损害的政府信息（《政府信息公开条例》第十五条）",
    "internal": "人事管理、后勤管理、内部工作流程等内部事务信息（《政府信息公开条例》第十六条第一款）",
    "process": "讨论记录、过程稿、磋商信函、请示报告等过程性信息以及"
    "行政执法案卷信息（《政府信息公开条例》第十六条第二款）",
}

# 条例第三十六条: the replies an application can get
REPLY_TYPES: dict[str, str] = {
    ReplyType.DISCLOSED: "予以公开",
    ReplyType.PARTLY: "部分公开",
    ReplyType.REFUSED: "不予公开",
    ReplyType.UNAVAILABLE: "无法提供",
    ReplyType.NOT_PROCESSED: "不予处理",
    ReplyType.OTHER_CHANNEL: "告知通过其他途径办理",
    ReplyType.ALREADY_PUBLIC: "告知已主动公开的获取方式",
}
NEEDS_EXEMPTION = frozenset({ReplyType.REFUSED, ReplyType.PARTLY})


@dataclass(frozen=True)
class StaffFact:
    """One position the actor holds today, with its duties (信息公开, 文电…)."""

    kind: str
    unit_kind: str
    duties: str = ""


# -- 索引号 --------------------------------------------------------------------------------------

INDEX_RE = re.compile(r"^(?P<org>[0-9A-Z]{8}-?[0-9A-Z])/(?P<year>\d{4})-(?P<serial>\d{5})$")


def index_number(org_code: str, year: int, serial: int) -> str:
    """01047834X/2023-03544."""
    if not org_code:
        raise ValueError("发文机关没有组织机构代码，无法生成索引号")
    if not 1 <= serial <= 99999:
        raise ValueError(f"索引号顺序号{serial}超出五位数范围")
    return f"{org_code}/{year:04d}-{serial:05d}"


def parse_index_number(text: str) -> tuple[str, int, int] | None:
    m = INDEX_RE.match(text.strip())
    if m is None:
        return None
    return m["org"], int(m["year"]), int(m["serial"])


def check_index_body(org_code: str, issuer: str, rb: RulebookView) -> Decision:
    if not org_code:
        return Decision.refuse(
            "portal.no_org_code",
            _("{value}没有登记组织机构代码，无法生成索引号，请先在组织机构中补充。", value=issuer or "发文机关"),
            rb.cite(PUBLISH),
        )
    return Decision.allow("portal.org_code", _("索引号按发文机关的组织机构代码生成。"), rb.cite(PUBLISH))


# -- who ---------------------------------------------------------------------------------------


def _is_gongkai(p: StaffFact) -> bool:
    return p.unit_kind == UnitKind.OFFICE and p.kind == PositionKind.CLERK and DUTY in p.duties


def may_manage(staff: Sequence[StaffFact], rb: RulebookView) -> Decision:
    """Publish, withhold, answer applications: the office's 信息公开 staff or its leadership."""
    if any(_is_gongkai(p) or p.kind in OFFICE_LEADERS or p.kind == PositionKind.ADMINISTRATOR for p in staff):
        return Decision.allow(
            "portal.may_manage",
            _("由州政府办公室政务公开工作人员或办公室负责同志办理。"),
            rb.cite(PUBLISH),
        )
    return Decision.refuse(
        "portal.may_not_manage",
        _("只有州政府办公室负责信息公开的工作人员或办公室负责同志可以办理政务公开事项。"),
        rb.cite(PUBLISH),
    )


def may_approve_extension(staff: Sequence[StaffFact], rb: RulebookView) -> Decision:
    """Extending an application's time limit needs the approval of the office's leadership (条例第三十三条)."""
    if any(p.kind in OFFICE_LEADERS for p in staff):
        return Decision.allow(
            "portal.may_extend", _("延长答复期限经政府信息公开工作机构负责人同意。"), rb.cite(APPLICATIONS)
        )
    return Decision.refuse(
        "portal.may_not_extend",
        _("延长答复期限须经州政府办公室负责同志（秘书长、副秘书长或办公室主任）同意。"),
        rb.cite(APPLICATIONS),
    )


# -- the publication queue ---------------------------------------------------------------------


def check_state(state: str, wanted: str, verb: str, rb: RulebookView) -> Decision:
    labels: dict[str, str] = {ItemState.QUEUED: "待发布", ItemState.PUBLISHED: "已发布", ItemState.WITHHELD: "不予公开"}
    if state != wanted:
        return Decision.refuse(
            "portal.state",
            _("该信息当前为「{get}」，不能{verb}。", get=labels.get(state, state), verb=verb),
            rb.cite(PUBLISH),
        )
    return Decision.allow("portal.state", _("可以{verb}。", verb=verb), rb.cite(PUBLISH))


def check_withhold(exemption: str, reason: str, rb: RulebookView) -> Decision:
    if exemption not in EXEMPTIONS:
        return Decision.refuse(
            "portal.exemption",
            _("不予公开须写明依据（《政府信息公开条例》第十四条至第十六条规定的情形）。"),
            rb.cite(REGISTER),
        )
    if not reason.strip():
        return Decision.refuse("portal.withhold_reason", _("不予公开须写明理由。"), rb.cite(REGISTER))
    return Decision.allow(
        "portal.withhold", _("不予公开：{EXEMPTIONS}。", EXEMPTIONS=EXEMPTIONS[exemption]), rb.cite(REGISTER)
    )


def publication_status(due_on: dt.date, today: dt.date, cal: WorkCalendar, at_risk_days: int = 3) -> str:
    """``overdue`` after the due day, ``at_risk`` within ``at_risk_days`` working days of it, else ``ok``."""
    if today > due_on:
        return "overdue"
    if cal.working_days_between(today, due_on) <= at_risk_days:
        return "at_risk"
    return "ok"


def check_interpretation(target_state: str, target_kind: str, title: str, body: str, rb: RulebookView) -> Decision:
    """A 解读 explains a published document or policy (art. 30)."""
    target = check_interpretation_target(target_state, target_kind, rb)
    return check_interpretation_text(title, body, rb) if target.allowed else target


def check_interpretation_target(target_state: str, target_kind: str, rb: RulebookView) -> Decision:
    """What a 解读 may explain: a published item that is not itself a 解读 (art. 30)."""
    if target_state != ItemState.PUBLISHED:
        return Decision.refuse(
            "portal.interpret_unpublished", _("政策解读须关联已公开的文件。"), rb.cite(INTERPRETATION)
        )
    if target_kind == "interpretation":
        return Decision.refuse(
            "portal.interpret_interpretation", _("不能对解读再作解读，请关联所解读的文件。"), rb.cite(INTERPRETATION)
        )
    return Decision.allow(
        "portal.interpret", _("政策文件与解读材料同步组织、同步审签、同步部署。"), rb.cite(INTERPRETATION)
    )


def check_interpretation_text(title: str, body: str, rb: RulebookView) -> Decision:
    if not title.strip() or not body.strip():
        return Decision.refuse("portal.interpret_empty", _("解读须有标题和正文。"), rb.cite(INTERPRETATION))
    return Decision.allow(
        "portal.interpret", _("政策文件与解读材料同步组织、同步审签、同步部署。"), rb.cite(INTERPRETATION)
    )


# -- applications ------------------------------------------------------------------------------


def excluded_days(started: dt.date, ended: dt.date, rb: RulebookView, cal: WorkCalendar) -> int:
    """Working days spent consulting a third party, not counted in the time limit — at most the
    third party's own time limit (``disclosure.third_party_days``)."""
    cap = rb.param(THIRD_PARTY_DAYS).as_int
    return max(0, min(cal.working_days_between(started, ended), cap))


def application_due(
    received_on: dt.date, rb: RulebookView, cal: WorkCalendar, *, extended: bool = False, paused_days: int = 0
) -> Decision:
    """The last day to answer: ``disclosure.application_days`` working days after receipt, plus the
    extension if approved, plus the consultation days not counted.  ``due`` in the facts."""
    days = rb.param(APPLICATION_DAYS).as_int
    extra = rb.param(EXTENSION_DAYS).as_int if extended else 0
    due = cal.add_working_days(received_on, days + extra + paused_days)
    parts = [_("自收到申请之日起{days}个工作日内答复", days=days)]
    if extended:
        parts.append(_("经批准延长{extra}个工作日", extra=extra))
    if paused_days:
        parts.append(_("征求第三方意见的{paused_days}个工作日不计算在内", paused_days=paused_days))
    return Decision.allow(
        "portal.application_due",
        _("{terms}，即{due}前。", terms=Joined(_("，"), parts), due=due.isoformat()),
        rb.param_citation(APPLICATION_DAYS),
        due=due,
        days=days + extra + paused_days,
    )


def check_extension(state: str, extended: bool, reason: str, rb: RulebookView) -> Decision:
    may = check_extension_state(state, extended, rb)
    if not may.allowed:
        return may
    reason_given = check_extension_reason(reason, rb)
    return may if reason_given.allowed else reason_given


def check_extension_reason(reason: str, rb: RulebookView) -> Decision:
    if not reason.strip():
        return Decision.refuse("portal.extend_reason", _("延长答复期限须写明理由。"), rb.cite(APPLICATIONS))
    return Decision.allow("portal.extend_reason", reason.strip(), rb.cite(APPLICATIONS))


def check_extension_state(state: str, extended: bool, rb: RulebookView) -> Decision:
    """An application not yet answered, whose time limit was not extended before, may be extended once."""
    if state == ApplicationState.ANSWERED:
        return Decision.refuse("portal.extend_answered", _("申请已答复，无需延期。"), rb.cite(APPLICATIONS))
    if extended:
        days = rb.param(EXTENSION_DAYS).as_int
        return Decision.refuse(
            "portal.extend_twice",
            _("答复期限只能延长一次，延长期限最长不超过{days}个工作日。", days=days),
            rb.param_citation(EXTENSION_DAYS),
        )
    return Decision.allow(
        "portal.extend", _("需要延长答复期限的，经负责人同意并告知申请人。"), rb.param_citation(EXTENSION_DAYS)
    )


def check_consultation(state: str, starting: bool, rb: RulebookView) -> Decision:
    if starting and state != ApplicationState.RECEIVED:
        return Decision.refuse("portal.consult_state", _("只有办理中的申请可以征求第三方意见。"), rb.cite(APPLICATIONS))
    if not starting and state != ApplicationState.CONSULTING:
        return Decision.refuse("portal.consult_state", _("该申请没有正在征求的第三方意见。"), rb.cite(APPLICATIONS))
    return Decision.allow(
        "portal.consult", _("征求第三方意见所需时间不计算在答复期限内。"), rb.param_citation(THIRD_PARTY_DAYS)
    )


def check_reply(state: str, reply_type: str, exemption: str, text: str, rb: RulebookView) -> Decision:
    may = check_reply_state(state, rb)
    return check_reply_content(reply_type, exemption, text, rb) if may.allowed else may


def check_reply_state(state: str, rb: RulebookView) -> Decision:
    """An application is answered once, not while a third party is consulted."""
    if state == ApplicationState.ANSWERED:
        return Decision.refuse("portal.reply_twice", _("申请已答复。"), rb.cite(APPLICATIONS))
    if state == ApplicationState.CONSULTING:
        return Decision.refuse(
            "portal.reply_consulting", _("正在征求第三方意见，请先记录征求意见结束。"), rb.cite(APPLICATIONS)
        )
    return Decision.allow("portal.reply_due", _("申请尚未答复。"), rb.cite(APPLICATIONS))


def check_reply_content(reply_type: str, exemption: str, text: str, rb: RulebookView) -> Decision:
    """The reply names one of the reply types, the exemption where it withholds, and its reasons."""
    if reply_type not in REPLY_TYPES:
        return Decision.refuse(
            "portal.reply_type",
            _("请选择答复类型（予以公开、部分公开、不予公开、无法提供、不予处理等）。"),
            rb.cite(APPLICATIONS),
        )
    if reply_type in NEEDS_EXEMPTION and exemption not in EXEMPTIONS:
        return Decision.refuse(
            "portal.reply_exemption",
            _("「{REPLY_TYPES}」须写明不予公开的依据。", REPLY_TYPES=REPLY_TYPES[reply_type]),
            rb.cite(APPLICATIONS),
        )
    if not text.strip():
        return Decision.refuse("portal.reply_text", _("答复须写明内容和理由。"), rb.cite(APPLICATIONS))
    return Decision.allow(
        "portal.reply", _("答复：{REPLY_TYPES}。", REPLY_TYPES=REPLY_TYPES[reply_type]), rb.cite(APPLICATIONS)
    )


@dataclass(frozen=True)
class ApplicationFact:
    received_on: dt.date
    answered_on: dt.date | None
    reply_type: str = ""
    late: bool = False


@dataclass(frozen=True)
class AnnualReport:
    """The table of the annual report on government information disclosure (申请情况)."""

    year: int
    carried_in: int
    received: int
    answered: int
    by_type: dict[str, int] = field(default_factory=dict)
    answered_late: int = 0
    carried_over: int = 0


def annual_report(facts: Iterable[ApplicationFact], year: int) -> AnnualReport:
    """Received in the year, carried in from earlier years, answered in the year (by reply type)
    and carried over to the next."""
    start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
    carried_in = received = answered = late = carried_over = 0
    by_type = dict.fromkeys(REPLY_TYPES, 0)
    for f in facts:
        if f.received_on > end:
            continue
        open_at_start = f.received_on < start and (f.answered_on is None or f.answered_on >= start)
        if f.received_on < start and not open_at_start:
            continue
        if open_at_start:
            carried_in += 1
        else:
            received += 1
        if f.answered_on is not None and f.answered_on <= end:
            answered += 1
            late += f.late
            by_type[f.reply_type] = by_type.get(f.reply_type, 0) + 1
        else:
            carried_over += 1
    return AnnualReport(year, carried_in, received, answered, by_type, late, carried_over)
