"""The administrator sets a leader's portfolio (分管, art. 7); who_holds the portfolio follows."""

from __future__ import annotations

import pytest

from tests.org.conftest import D, notified, org_counts
from zhengwu.audit.models import AuditRecord
from zhengwu.core.decisions import InvalidInput, Refused
from zhengwu.org.admin_actions import UnitFields, create_unit, set_portfolio
from zhengwu.org.models import Portfolio, Position, Unit
from zhengwu.org.services import who_holds


def _leader(username: str) -> Position:
    return Position.objects.get(appointments__person__user__username=username)


def _units(*codes: str) -> list[Unit]:
    return [Unit.objects.get(code=c) for c in codes]


@pytest.mark.article(7)
def test_a_new_unit_joins_a_portfolio_and_the_old_one_ends_the_day_before(user) -> None:
    admin = user("admin")
    tjj = create_unit(admin, "tjj", UnitFields(name="克孜勒苏柯尔克孜自治州统计局", kind="department"))
    old = Portfolio.objects.get(leader=_leader("vice_liu"))
    new = set_portfolio(
        admin, _leader("vice_liu"), "发展改革、自然资源、统计", [*_units("fgw", "zrzyj"), tjj], D(2026, 7, 1)
    )
    old.refresh_from_db()
    assert old.end == D(2026, 6, 30)
    assert set(new.units.values_list("code", flat=True)) == {"fgw", "zrzyj", "tjj"}
    assert who_holds("portfolio:tjj", D(2026, 6, 30)) is None
    assert who_holds("portfolio:tjj", D(2026, 7, 1)).person_name == "刘振东"
    assert who_holds("portfolio:fgw", D(2026, 6, 30)).person_name == "刘振东"
    record = AuditRecord.objects.get(action="org.portfolio.set", object_id=str(new.pk))
    assert record.article == 7
    assert record.details["replaces"] == [old.pk]
    assert AuditRecord.objects.filter(action="org.portfolio.end", object_id=str(old.pk)).exists()
    assert "vice_liu" in notified("分管调整")


@pytest.mark.article(7)
def test_a_unit_led_by_another_leader_is_refused(user) -> None:
    before = org_counts()
    with pytest.raises(Refused) as refused:
        set_portfolio(
            user("admin"), _leader("exec_vice"), "财政、司法、教育", _units("czj", "sfj", "jyj"), D(2026, 7, 1)
        )
    assert "克孜勒苏柯尔克孜自治州教育局自2023-01-01起由副州长分管" in refused.value.explanations[0]
    assert refused.value.explanations[0].endswith("（《工作规则》第七条）")
    assert org_counts() == before


@pytest.mark.article(7)
def test_moving_a_unit_between_leaders(user) -> None:
    admin = user("admin")
    set_portfolio(admin, _leader("vice_ayigul"), "外事、信访", _units("wsb", "xfj"), D(2026, 7, 1))
    set_portfolio(admin, _leader("exec_vice"), "财政、司法、教育", _units("czj", "sfj", "jyj"), D(2026, 7, 1))
    assert who_holds("portfolio:jyj", D(2026, 6, 30)).person_name == "阿依古丽·吐尔逊"
    assert who_holds("portfolio:jyj", D(2026, 7, 1)).person_name == "张建华"


@pytest.mark.article(7)
@pytest.mark.parametrize("username", ["vice_liu", "office_director"])
def test_others_may_not_set_portfolios(user, username) -> None:
    before = org_counts()
    with pytest.raises(Refused) as refused:
        set_portfolio(user(username), _leader("vice_liu"), "发展改革", _units("fgw"), D(2026, 7, 1))
    assert refused.value.explanations[0].endswith("（《工作规则》第七条）")
    assert org_counts() == before


@pytest.mark.article(7)
def test_a_unit_head_does_not_lead_a_portfolio(user) -> None:
    with pytest.raises(Refused, match="不能分管单位"):
        set_portfolio(user("admin"), _leader("fgw_head"), "统计", _units("czj"), D(2026, 7, 1))


@pytest.mark.parametrize(
    ("areas", "codes", "start", "field"),
    [
        ("", ("fgw",), D(2026, 7, 1), "areas"),
        ("发展改革", (), D(2026, 7, 1), "units"),
        ("发展改革", ("gov",), D(2026, 7, 1), "units"),
        ("发展改革", ("fgw",), None, "start"),
        ("发展改革", ("fgw",), D(2023, 1, 1), "start"),  # not after the current portfolio's start
    ],
)
def test_bad_input_names_the_field(user, areas, codes, start, field) -> None:
    before = org_counts()
    with pytest.raises(InvalidInput) as invalid:
        set_portfolio(user("admin"), _leader("vice_liu"), areas, _units(*codes), start)
    assert invalid.value.field == field
    assert org_counts() == before
