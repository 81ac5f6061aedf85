"""The pure organization rules (arts. 6, 7, 49, 58): plain facts in, decisions out, no database."""

from __future__ import annotations

import datetime as dt

import pytest

from zhengwu.org.rules import (
    AbsenceFact,
    ActingFact,
    AppointmentFact,
    Authority,
    OrgFacts,
    PortfolioFact,
    PositionFact,
    absence_route,
    check_absence_dates,
    may_entrust,
    may_record_for,
    resolve_holder,
)

D = dt.date
DAY = D(2026, 12, 2)
START = D(2023, 1, 1)

GOV_UNIT, OFFICE_UNIT, FGW_UNIT = 100, 200, 300

GOVERNOR = PositionFact(1, "governor", "州长", GOV_UNIT, "government", "州人民政府")
EXEC_VICE = PositionFact(2, "executive_vice_governor", "常务副州长", GOV_UNIT, "government", "州人民政府")
VICE = PositionFact(3, "vice_governor", "副州长", GOV_UNIT, "government", "州人民政府")
SEC_GEN = PositionFact(4, "secretary_general", "秘书长", OFFICE_UNIT, "office", "州政府办公室")
OFFICE_DIRECTOR = PositionFact(5, "office_director", "办公室主任", OFFICE_UNIT, "office", "州政府办公室")
FGW_HEAD = PositionFact(6, "unit_head", "主任", FGW_UNIT, "department", "州发展改革委")
FGW_DEPUTY = PositionFact(7, "unit_deputy", "副主任", FGW_UNIT, "department", "州发展改革委")
FGW_CLERK = PositionFact(8, "clerk", "办公室科员", FGW_UNIT, "department", "州发展改革委")
OFFICE_CLERK = PositionFact(9, "clerk", "文电科科员", OFFICE_UNIT, "office", "州政府办公室")

PEOPLE = {
    11: ("买买提", GOVERNOR),
    12: ("张建华", EXEC_VICE),
    13: ("刘振东", VICE),
    14: ("王立新", SEC_GEN),
    15: ("陈静", OFFICE_DIRECTOR),
    16: ("周强", FGW_HEAD),
    17: ("马丽", FGW_DEPUTY),
    18: ("孙磊", FGW_CLERK),
    19: ("李娜", OFFICE_CLERK),
}
APPOINTMENTS = tuple(AppointmentFact(pid, name, pos, START) for pid, (name, pos) in PEOPLE.items())
PORTFOLIOS = (PortfolioFact(VICE.id, frozenset({FGW_UNIT}), START),)
AWAY = (DAY, D(2026, 12, 4))


def facts(absent: tuple[int, ...] = (), acting: tuple[ActingFact, ...] = ()) -> OrgFacts:
    absences = tuple(AbsenceFact(pid, *AWAY) for pid in absent)
    return OrgFacts(APPOINTMENTS, absences, acting, PORTFOLIOS)


ENTRUSTED = ActingFact(GOVERNOR.id, EXEC_VICE.id, *AWAY, 6)


# ------------------------------------------------------------------ resolve_holder


@pytest.mark.article(6)
def test_governor_present_holds_the_governors_authority(kizilsu) -> None:
    holder = resolve_holder(Authority("governor"), DAY, facts(), kizilsu)
    assert holder is not None
    assert holder.person_id == 11
    assert not holder.away
    assert holder.acting_for is None
    assert holder.basis is not None
    assert holder.basis.citation is not None
    assert holder.basis.citation.article == 6


@pytest.mark.article(6)
def test_governor_away_with_entrustment_the_executive_vice_governor_presides(kizilsu) -> None:
    holder = resolve_holder(Authority("governor"), DAY, facts(absent=(11,), acting=(ENTRUSTED,)), kizilsu)
    assert holder is not None
    assert holder.person_id == 12
    assert holder.position.kind == "executive_vice_governor"
    assert holder.acting_for is not None
    assert holder.acting_for.person_id == 11
    assert holder.basis is not None
    assert holder.basis.citation is not None
    assert holder.basis.citation.article == 6
    assert holder.basis.explanation.endswith("（《工作规则》第六条）")
    assert "代州长" in holder.label


@pytest.mark.article(6)
def test_entrustment_outside_its_dates_does_not_apply(kizilsu) -> None:
    later = D(2026, 12, 10)
    f = OrgFacts(APPOINTMENTS, (AbsenceFact(11, later, later),), (ENTRUSTED,), PORTFOLIOS)
    holder = resolve_holder(Authority("governor"), later, f, kizilsu)
    assert holder is not None
    assert holder.person_id == 11
    assert holder.away


@pytest.mark.article(6)
def test_governor_away_without_entrustment_still_holds_it_marked_away(kizilsu) -> None:
    holder = resolve_holder(Authority("governor"), DAY, facts(absent=(11,)), kizilsu)
    assert holder is not None
    assert holder.person_id == 11
    assert holder.away
    assert holder.acting_for is None
    assert holder.basis is not None
    assert "未委托" in holder.basis.message


@pytest.mark.article(6)
def test_entrusted_stand_in_who_is_away_too_does_not_hold(kizilsu) -> None:
    holder = resolve_holder(Authority("governor"), DAY, facts(absent=(11, 12), acting=(ENTRUSTED,)), kizilsu)
    assert holder is not None
    assert holder.person_id == 11
    assert holder.away


@pytest.mark.article(49)
def test_unit_head_away_with_a_deputy_acting(kizilsu) -> None:
    deputy_acts = ActingFact(FGW_HEAD.id, FGW_DEPUTY.id, *AWAY, 49)
    present = resolve_holder(Authority("head", FGW_UNIT), DAY, facts(), kizilsu)
    assert present is not None
    assert present.person_id == 16
    away = facts(absent=(16,), acting=(deputy_acts,))
    holder = resolve_holder(Authority("head", FGW_UNIT), DAY, away, kizilsu)
    assert holder is not None
    assert holder.person_id == 17
    assert holder.acting_for is not None
    assert holder.acting_for.person_id == 16
    assert holder.basis is not None
    assert holder.basis.citation is not None
    assert holder.basis.citation.article == 49


@pytest.mark.article(7)
def test_portfolio_leader_of_a_unit(kizilsu) -> None:
    holder = resolve_holder(Authority("portfolio", FGW_UNIT), DAY, facts(), kizilsu)
    assert holder is not None
    assert holder.person_id == 13
    assert not holder.away
    assert holder.basis is not None
    assert holder.basis.citation is not None
    assert holder.basis.citation.article == 7


@pytest.mark.article(7, 40)
def test_portfolio_leader_away_is_marked_away_and_not_replaced(kizilsu) -> None:
    holder = resolve_holder(Authority("portfolio", FGW_UNIT), DAY, facts(absent=(13,)), kizilsu)
    assert holder is not None
    assert holder.person_id == 13
    assert holder.away


def test_nobody_holds_an_authority_nobody_is_appointed_to(kizilsu) -> None:
    assert resolve_holder(Authority("head", 999), DAY, facts(), kizilsu) is None
    assert resolve_holder(Authority("portfolio", OFFICE_UNIT), DAY, facts(), kizilsu) is None
    assert resolve_holder(Authority("governor"), DAY, OrgFacts(()), kizilsu) is None


def test_appointment_ended_before_the_day_does_not_hold(kizilsu) -> None:
    ended = AppointmentFact(11, "买买提", GOVERNOR, START, D(2026, 6, 30))
    f = OrgFacts((ended, *APPOINTMENTS[1:]))
    assert resolve_holder(Authority("governor"), DAY, f, kizilsu) is None


def test_authority_checks_its_shape() -> None:
    with pytest.raises(ValueError, match="unknown authority"):
        Authority("king")
    with pytest.raises(ValueError, match="names no unit"):
        Authority("governor", 1)
    with pytest.raises(ValueError, match="names no unit"):
        Authority("head")


# ------------------------------------------------------------------ absence_route (art. 58)


@pytest.mark.article(58)
def test_vice_governor_reports_to_the_governor_and_the_office_informs_the_other_leaders(kizilsu) -> None:
    route = absence_route(VICE, 13, DAY, facts(), kizilsu, office_leaders=[14, 15])
    assert route.decision.allowed
    assert route.report_to == (11,)
    assert set(route.inform) == {12, 14}
    assert 13 not in route.inform
    assert not route.via_office
    assert route.decision.citation is not None
    assert route.decision.citation.article == 58
    assert route.decision.explanation == (
        "副州长离州外出应事先报告州长，由政府办公室通报其他政府领导同志（《工作规则》第五十八条）"
    )


@pytest.mark.article(58)
def test_secretary_general_reports_to_the_governor(kizilsu) -> None:
    route = absence_route(SEC_GEN, 14, DAY, facts(), kizilsu, office_leaders=[14, 15])
    assert route.decision.allowed
    assert route.report_to == (11,)
    assert set(route.inform) == {12, 13}


@pytest.mark.article(58)
def test_unit_head_reports_via_the_office_which_informs_governor_and_portfolio_leader(kizilsu) -> None:
    route = absence_route(FGW_HEAD, 16, DAY, facts(), kizilsu, office_leaders=[14, 15])
    assert route.decision.allowed
    assert route.via_office
    assert route.report_to == (14, 15)
    assert route.inform == (11, 13)
    assert route.decision.citation is not None
    assert route.decision.citation.article == 58
    assert route.decision.explanation.endswith("（《工作规则》第五十八条）")
    assert "州发展改革委主要负责人" in route.decision.message


@pytest.mark.article(58)
def test_a_clerk_is_not_covered_by_article_58(kizilsu) -> None:
    route = absence_route(FGW_CLERK, 18, DAY, facts(), kizilsu, office_leaders=[14, 15])
    assert not route.decision.allowed
    assert route.decision.code == "leave.not_covered"
    assert route.report_to == ()
    assert route.inform == ()
    assert route.decision.citation is not None
    assert route.decision.citation.article == 58
    assert route.decision.explanation == (
        "请销假报告适用于副州长、秘书长和各部门行政主要负责人；州发展改革委办公室科员外出按本单位请假制度办理，"
        "不在本系统报告（《工作规则》第五十八条）"
    )


@pytest.mark.article(6, 58)
def test_governors_own_absence_informs_the_other_leaders(kizilsu) -> None:
    route = absence_route(GOVERNOR, 11, DAY, facts(), kizilsu, office_leaders=[14, 15])
    assert route.decision.allowed
    assert route.report_to == ()
    assert set(route.inform) == {12, 13, 14}
    assert route.decision.citation is not None
    assert route.decision.citation.article == 6


# ------------------------------------------------------------------ who may record, dates


@pytest.mark.article(58)
def test_may_record_for_self_office_and_not_others(kizilsu) -> None:
    assert may_record_for(13, [VICE], 13, OFFICE_UNIT, kizilsu).allowed
    by_office = may_record_for(19, [OFFICE_CLERK], 16, OFFICE_UNIT, kizilsu)
    assert by_office.allowed
    assert by_office.code == "leave.by_office"
    refused = may_record_for(18, [FGW_CLERK], 13, OFFICE_UNIT, kizilsu)
    assert not refused.allowed
    assert refused.explanation == (
        "外出和销假由本人报告，或由政府办公室代为登记；您无权为他人登记（《工作规则》第五十八条）"
    )
    # a department head is not the office either
    assert not may_record_for(16, [FGW_HEAD], 13, OFFICE_UNIT, kizilsu).allowed


@pytest.mark.article(58)
def test_check_absence_dates(kizilsu) -> None:
    today = D(2026, 12, 1)
    backwards = check_absence_dates(D(2026, 12, 5), D(2026, 12, 4), today, kizilsu)
    assert not backwards.allowed
    assert backwards.explanation == "预计返回日期不能早于离州日期，请更正（《工作规则》第五十八条）"
    ahead = check_absence_dates(D(2026, 12, 2), D(2026, 12, 4), today, kizilsu)
    assert ahead.allowed
    assert ahead.facts["late"] is False
    same_day = check_absence_dates(today, today, today, kizilsu)
    assert same_day.allowed
    assert same_day.facts["late"] is False
    late = check_absence_dates(D(2026, 11, 28), D(2026, 12, 4), today, kizilsu)
    assert late.allowed
    assert late.facts["late"] is True
    assert "补报" in late.message


# ------------------------------------------------------------------ may_entrust (art. 6)


@pytest.mark.article(6)
def test_only_the_governor_entrusts_and_only_the_executive_vice_governor(kizilsu) -> None:
    ok = may_entrust([GOVERNOR], EXEC_VICE, GOVERNOR, kizilsu)
    assert ok.allowed
    assert ok.citation is not None
    assert ok.citation.article == 6
    not_exec = may_entrust([GOVERNOR], VICE, GOVERNOR, kizilsu)
    assert not not_exec.allowed
    assert not_exec.code == "acting.not_executive"
    assert not_exec.explanation.endswith("不能委托副州长（《工作规则》第六条）")
    by_exec = may_entrust([EXEC_VICE], EXEC_VICE, GOVERNOR, kizilsu)
    assert not by_exec.allowed
    assert by_exec.explanation == "只有州长本人可以委托他人主持政府工作（《工作规则》第六条）"
    assert not may_entrust([OFFICE_CLERK], EXEC_VICE, GOVERNOR, kizilsu).allowed


@pytest.mark.article(49)
def test_unit_head_may_name_only_a_deputy_of_the_same_unit(kizilsu) -> None:
    assert may_entrust([FGW_HEAD], FGW_DEPUTY, FGW_HEAD, kizilsu).allowed
    assert not may_entrust([FGW_HEAD], FGW_CLERK, FGW_HEAD, kizilsu).allowed
    assert not may_entrust([FGW_DEPUTY], FGW_DEPUTY, FGW_HEAD, kizilsu).allowed
