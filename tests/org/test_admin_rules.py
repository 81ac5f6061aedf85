"""The pure rules of administering the organization (arts. 4, 6, 7, 8): plain facts, no database."""

from __future__ import annotations

import pytest

from tests.org.test_rules import (
    APPOINTMENTS,
    EXEC_VICE,
    FGW_CLERK,
    FGW_DEPUTY,
    FGW_HEAD,
    FGW_UNIT,
    GOVERNOR,
    OFFICE_CLERK,
    OFFICE_DIRECTOR,
    PORTFOLIOS,
    SEC_GEN,
    START,
    VICE,
    D,
)
from zhengwu.org.rules import (
    AppointmentFact,
    PortfolioFact,
    PositionFact,
    check_portfolio,
    check_position_place,
    check_seat,
    may_act_for,
    may_administer_org,
    may_revoke_acting,
)

ADMIN = PositionFact(20, "administrator", "系统管理员", 200, "office", "州政府办公室")
VICE_2 = PositionFact(21, "vice_governor", "副州长", 100, "government", "州人民政府")
GOVERNOR_2 = PositionFact(22, "governor", "州长", 100, "government", "州人民政府")
FGW_HEAD_2 = PositionFact(23, "unit_head", "党组书记、主任", FGW_UNIT, "department", "州发展改革委")
NEW_PERSON = 99
DAY = D(2026, 7, 1)


# ------------------------------------------------------------------ who administers


@pytest.mark.article(4)
def test_only_the_administrator_keeps_the_organization(kizilsu) -> None:
    assert may_administer_org([ADMIN], kizilsu).allowed
    assert not may_administer_org([], kizilsu).allowed  # no seat, no grant: a Django superuser is nobody here
    refused = may_administer_org([OFFICE_DIRECTOR], kizilsu)
    assert not refused.allowed
    assert refused.explanation == (
        "组织机构（单位、职务、人员和账号、任职、分管）由系统管理员维护，您无权修改（《工作规则》第四条）"
    )
    assert not may_administer_org([OFFICE_CLERK, GOVERNOR], kizilsu).allowed


@pytest.mark.article(7)
def test_the_portfolio_refusal_cites_article_7(kizilsu) -> None:
    refused = may_administer_org([VICE], kizilsu, "org.portfolio")
    assert refused.citation is not None
    assert refused.citation.article == 7


# ------------------------------------------------------------------ where a position sits (art. 4)


@pytest.mark.article(4)
def test_government_posts_sit_in_the_government(kizilsu) -> None:
    assert check_position_place("vice_governor", "副州长", "government", "州人民政府", kizilsu).allowed
    refused = check_position_place("vice_governor", "副州长", "department", "州财政局", kizilsu)
    assert not refused.allowed
    assert "副州长是人民政府组成人员，只能设在人民政府，不能设在州财政局" in refused.explanation
    assert check_position_place("secretary_general", "秘书长", "office", "州政府办公室", kizilsu).allowed
    assert not check_position_place("office_director", "办公室主任", "county", "乌恰县", kizilsu).allowed
    assert check_position_place("unit_head", "局长", "department", "州统计局", kizilsu).allowed


# ------------------------------------------------------------------ seats (arts. 4, 8)


@pytest.mark.article(4)
def test_a_single_seat_position_has_one_holder_at_a_time(kizilsu) -> None:
    taken = check_seat(GOVERNOR, NEW_PERSON, DAY, None, APPOINTMENTS, kizilsu)
    assert not taken.allowed
    assert taken.code == "org.seat.taken"
    assert "州人民政府州长同一时间只能由一人担任，现由买买提（2023-01-01至今）担任" in taken.message
    assert taken.explanation.endswith("（《工作规则》第四条）")
    # once the predecessor's appointment ends the day before, the successor may be appointed
    ended = tuple(
        a
        if a.position.id != GOVERNOR.id
        else AppointmentFact(a.person_id, a.person_name, a.position, a.start, D(2026, 6, 30))
        for a in APPOINTMENTS
    )
    assert check_seat(GOVERNOR, NEW_PERSON, DAY, None, ended, kizilsu).allowed
    assert not check_seat(GOVERNOR, NEW_PERSON, D(2026, 6, 30), None, ended, kizilsu).allowed


@pytest.mark.article(4)
def test_the_government_has_one_governor_even_across_two_positions(kizilsu) -> None:
    refused = check_seat(GOVERNOR_2, NEW_PERSON, DAY, None, APPOINTMENTS, kizilsu)
    assert refused.code == "org.seat.unique"
    # two 副州长 positions, each with its holder, are fine
    assert check_seat(VICE_2, NEW_PERSON, DAY, None, APPOINTMENTS, kizilsu).allowed


@pytest.mark.article(8)
def test_a_unit_has_one_head_at_a_time(kizilsu) -> None:
    refused = check_seat(FGW_HEAD_2, NEW_PERSON, DAY, None, APPOINTMENTS, kizilsu)
    assert refused.code == "org.seat.head"
    assert refused.citation is not None
    assert refused.citation.article == 8


@pytest.mark.article(4)
def test_deputies_and_clerks_may_be_several(kizilsu) -> None:
    assert check_seat(FGW_DEPUTY, NEW_PERSON, DAY, None, APPOINTMENTS, kizilsu).allowed
    assert check_seat(FGW_CLERK, NEW_PERSON, DAY, None, APPOINTMENTS, kizilsu).allowed


@pytest.mark.article(4)
def test_the_same_person_is_not_appointed_twice_to_the_same_position(kizilsu) -> None:
    refused = check_seat(FGW_CLERK, 18, DAY, None, APPOINTMENTS, kizilsu)
    assert refused.code == "org.seat.already"


# ------------------------------------------------------------------ portfolios (art. 7)


NAMES = {FGW_UNIT: "州发展改革委", 400: "州统计局"}
TITLES = {VICE.id: "副州长"}


@pytest.mark.article(7)
def test_a_unit_is_led_by_one_leader_at_a_time(kizilsu) -> None:
    refused = check_portfolio(EXEC_VICE, [FGW_UNIT, 400], DAY, PORTFOLIOS, NAMES, TITLES, kizilsu)
    assert not refused.allowed
    assert "州发展改革委自2023-01-01起由副州长分管" in refused.message
    assert refused.explanation.endswith("（《工作规则》第七条）")
    assert check_portfolio(EXEC_VICE, [400], DAY, PORTFOLIOS, NAMES, TITLES, kizilsu).allowed
    ended = (PortfolioFact(VICE.id, frozenset({FGW_UNIT}), START, D(2026, 6, 30)),)
    assert check_portfolio(EXEC_VICE, [FGW_UNIT], DAY, ended, NAMES, TITLES, kizilsu).allowed
    # the leader's own portfolio is replaced, not a clash
    assert check_portfolio(VICE, [FGW_UNIT], DAY, PORTFOLIOS, NAMES, TITLES, kizilsu).allowed


@pytest.mark.article(7)
def test_only_government_leaders_lead_portfolios(kizilsu) -> None:
    refused = check_portfolio(FGW_HEAD, [400], DAY, (), NAMES, TITLES, kizilsu)
    assert refused.code == "org.portfolio.leader"
    assert check_portfolio(SEC_GEN, [400], DAY, (), NAMES, TITLES, kizilsu).allowed


# ------------------------------------------------------------------ acting (arts. 6, 49)


@pytest.mark.article(6)
def test_who_may_act_for_whom() -> None:
    assert may_act_for(EXEC_VICE, GOVERNOR)
    assert not may_act_for(VICE, GOVERNOR)
    assert may_act_for(FGW_DEPUTY, FGW_HEAD)
    assert not may_act_for(FGW_CLERK, FGW_HEAD)


@pytest.mark.article(6)
def test_only_the_principal_revokes(kizilsu) -> None:
    assert may_revoke_acting([GOVERNOR], GOVERNOR, kizilsu).allowed
    refused = may_revoke_acting([EXEC_VICE], GOVERNOR, kizilsu)
    assert refused.explanation == "只有州长本人可以撤销对他人主持政府工作的委托（《工作规则》第六条）"
    assert may_revoke_acting([FGW_HEAD], FGW_HEAD, kizilsu).allowed
    assert not may_revoke_acting([OFFICE_DIRECTOR], FGW_HEAD, kizilsu).allowed
