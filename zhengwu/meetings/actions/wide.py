"""A department's prefecture-wide meeting (全州性会议, art. 44): the 分管 leader's consent, a formal request,
approval; a yearly quota per department with recorded exceptions; venue limits; county heads need approval."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal, InvalidOperation

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.utils import timezone

from zhengwu.audit import services as audit
from zhengwu.core.actions import copy_back, lock
from zhengwu.core.decisions import Decision, InvalidInput, require
from zhengwu.core.i18n import _
from zhengwu.core.transitions import require_checks
from zhengwu.meetings import rules, selectors
from zhengwu.meetings.actions.common import (
    actor_person,
    governor_person,
    in_unit,
    people_of_unit,
    portfolio_holder,
    rb_on,
)
from zhengwu.meetings.models import PrefectureMeetingRequest, RequestState
from zhengwu.notices import services as notices
from zhengwu.org.models import Unit
from zhengwu.org.services import users_of

URL = "/meetings/wide/"


def _lock(req: PrefectureMeetingRequest) -> PrefectureMeetingRequest:
    return lock(req, "unit")


@transaction.atomic
def create_request(
    actor: AbstractBaseUser,
    *,
    unit: Unit,
    title: str,
    date: dt.date,
    venue: str,
    city: str = "阿图什市",
    outside_reason: str = "",
    high_end_hotel: bool = False,
    scenic_area: bool = False,
    invites_county_heads: bool = False,
    video_conference: bool = True,
    budget: str | Decimal = "0",
    exception_reason: str = "",
) -> PrefectureMeetingRequest:
    rb = rb_on(date)
    if not in_unit(actor, unit):
        require(
            Decision.refuse(
                "meetings.wide.unit", _("由{name}提出申请。", name=unit.name), rb.cite("meetings.prefecture_wide")
            )
        )
    require(rules.check_wide_issuer(unit.kind, rb))
    if not title.strip():
        raise InvalidInput(_("请填写会议名称。"), field="title")
    if not venue.strip():
        raise InvalidInput(_("请填写会场。"), field="venue")
    try:
        amount = Decimal(str(budget))
    except InvalidOperation as exc:
        raise InvalidInput(_("经费预算应为金额（元）。"), field="budget") from exc
    if amount < 0:
        raise InvalidInput(_("经费预算不能为负数。"), field="budget")
    req = PrefectureMeetingRequest(
        unit=unit,
        title=title.strip()[:200],
        date=date,
        city=(city.strip() or "阿图什市")[:60],
        venue=venue.strip()[:200],
        outside_reason=outside_reason.strip()[:300],
        high_end_hotel=high_end_hotel,
        scenic_area=scenic_area,
        invites_county_heads=invites_county_heads,
        video_conference=video_conference,
        budget=amount,
        exception_reason=exception_reason.strip()[:300],
        created_by_id=actor.pk,
        created_at=timezone.now(),
    )
    refusals = [
        d
        for d in rules.check_wide_request(selectors.wide_facts(req), rb)
        if not d.allowed and d.code in {"meetings.wide.venue", "meetings.wide.outside"}
    ]
    require(*refusals)
    req.save()
    strict = "（在阿图什市以外召开，从严控制）" if req.outside_atushi else ""
    audit.record(
        actor=actor,
        action="meetings.wide.create",
        target=req,
        citation=rb.cite("meetings.prefecture_wide"),
        summary=f"{unit.name}拟召开全州性会议：{req.title}{strict}，预算{amount}元"
        + ("，视频会议" if video_conference else ""),
        details={"city": req.city, "budget": str(amount), "video": video_conference},
    )
    notices.send(
        users_of([portfolio_holder(unit, date)]),
        f"全州性会议待同意：{req.title}",
        "",
        rb.cite("meetings.prefecture_wide"),
        URL,
    )
    return req


@transaction.atomic
def consent_request(actor: AbstractBaseUser, request: PrefectureMeetingRequest) -> PrefectureMeetingRequest:
    req = _lock(request)
    rb = rb_on(req.date)
    require_checks(*selectors.consent_wide_checks(actor, req))
    req.state, req.consent_by = RequestState.CONSENTED, actor_person(actor)
    req.save(update_fields=["state", "consent_by"])
    audit.record(
        actor=actor,
        action="meetings.wide.consent",
        target=req,
        citation=rb.cite("meetings.prefecture_wide"),
        summary=f"分管领导同意{req.unit.name}召开{req.title}",
        details={},
    )
    return copy_back(request, req)


@transaction.atomic
def submit_request(actor: AbstractBaseUser, request: PrefectureMeetingRequest) -> PrefectureMeetingRequest:
    """The formal request to the government, after the 分管 leader's consent."""
    req = _lock(request)
    rb = rb_on(req.date)
    require_checks(*selectors.submit_wide_checks(actor, req))
    req.state = RequestState.SUBMITTED
    req.save(update_fields=["state"])
    audit.record(
        actor=actor,
        action="meetings.wide.submit",
        target=req,
        citation=rb.cite("meetings.prefecture_wide"),
        summary=f"{req.unit.name}正式报请召开{req.title}"
        + (f"（申请例外：{req.exception_reason}）" if req.exception_reason else ""),
        details={},
    )
    notices.send(
        users_of([governor_person(timezone.localdate())]),
        f"全州性会议待批准：{req.title}",
        "",
        rb.cite("meetings.prefecture_wide"),
        URL,
    )
    return copy_back(request, req)


@transaction.atomic
def decide_request(
    actor: AbstractBaseUser,
    request: PrefectureMeetingRequest,
    approve: bool,
    *,
    grant_exception: bool = False,
    approve_county_heads: bool = False,
) -> PrefectureMeetingRequest:
    req = _lock(request)
    rb = rb_on(req.date)
    require_checks(*selectors.decide_wide_checks(actor, req))
    require(rules.check_exception_grantable(grant_exception, bool(req.exception_reason), rb))
    req.exception_approved = grant_exception
    req.county_heads_approved = approve_county_heads and req.invites_county_heads
    if approve:
        require(*rules.check_wide_request(selectors.wide_facts(req), rb, final=True))
    req.state = RequestState.APPROVED if approve else RequestState.REFUSED
    req.decided_by, req.decided_at = actor_person(actor), timezone.now()
    req.save(update_fields=["exception_approved", "county_heads_approved", "state", "decided_by", "decided_at"])
    audit.record(
        actor=actor,
        action="meetings.wide.decide",
        target=req,
        citation=rb.cite("meetings.prefecture_wide"),
        summary=("批准" if approve else "不批准")
        + f"{req.unit.name}召开{req.title}"
        + ("（批准超过年度次数的例外）" if grant_exception else ""),
        details={"approve": approve, "exception": grant_exception, "county_heads": req.county_heads_approved},
    )
    notices.send(
        users_of(people_of_unit(req.unit, timezone.localdate())),
        f"全州性会议申请已处理：{req.title}",
        "",
        rb.cite("meetings.prefecture_wide"),
        URL,
    )
    return copy_back(request, req)
