"""Who holds an authority on a day (arts. 6, 7, 49), read from the database."""

from __future__ import annotations

import pytest

from tests.org.conftest import D
from zhengwu.org.actions import report_absence, report_return
from zhengwu.org.services import parse_authority, who_holds

START, END = D(2026, 12, 2), D(2026, 12, 4)


@pytest.mark.article(6)
def test_governor_holds_when_present(db, frozen) -> None:
    holder = who_holds("governor", D(2026, 12, 3))
    assert holder is not None
    assert holder.person_name == "买买提·艾力"
    assert holder.acting_for is None
    assert not holder.away


@pytest.mark.article(6)
def test_executive_vice_governor_holds_while_the_governor_is_away_then_the_governor_again(
    user, person, position, frozen
) -> None:
    absence = report_absence(
        user("governor"), person("governor"), START, END, "北京", "visit", entrust_to=position("exec_vice")
    )
    before = who_holds("governor", D(2026, 12, 1))
    assert before is not None
    assert before.person_name == "买买提·艾力"

    during = who_holds("governor", D(2026, 12, 3))
    assert during is not None
    assert during.person_name == "张建华"
    assert during.position.kind == "executive_vice_governor"
    assert during.acting_for is not None
    assert during.acting_for.person_name == "买买提·艾力"
    assert during.basis is not None
    assert during.basis.citation is not None
    assert during.basis.citation.article == 6
    assert during.label == "张建华（常务副州长，代州长）"

    frozen.move_to("2026-12-03 18:00 +0800")
    report_return(user("governor"), absence, D(2026, 12, 3))
    after = who_holds("governor", D(2026, 12, 3))
    assert after is not None
    assert after.person_name == "买买提·艾力"
    assert not after.away
    still_acting_day_before = who_holds("governor", D(2026, 12, 2))
    assert still_acting_day_before is not None
    assert still_acting_day_before.person_name == "张建华"


@pytest.mark.article(6)
def test_governor_away_without_entrustment_is_marked_away(user, person, frozen) -> None:
    report_absence(user("governor"), person("governor"), START, END, "北京", "visit")
    holder = who_holds("governor", D(2026, 12, 3))
    assert holder is not None
    assert holder.person_name == "买买提·艾力"
    assert holder.away


@pytest.mark.article(7)
def test_portfolio_and_head_authorities_by_unit_code(db, frozen) -> None:
    portfolio = who_holds("portfolio:fgw", D(2026, 12, 3))
    assert portfolio is not None
    assert portfolio.person_name == "刘振东"
    assert portfolio.basis is not None
    assert portfolio.basis.citation is not None
    assert portfolio.basis.citation.article == 7
    head = who_holds("head:fgw", D(2026, 12, 3))
    assert head is not None
    assert head.person_name == "周强"


@pytest.mark.article(7, 40)
def test_portfolio_leader_away_is_marked_away(user, person, frozen) -> None:
    report_absence(user("vice_liu"), person("vice_liu"), START, END, "乌鲁木齐", "trip")
    holder = who_holds("portfolio:zrzyj", D(2026, 12, 3))
    assert holder is not None
    assert holder.person_name == "刘振东"
    assert holder.away


def test_unknown_authority_text_is_a_lookup_error(db) -> None:
    with pytest.raises(LookupError, match="没有代码为“nowhere”的单位"):
        parse_authority("head:nowhere")
    with pytest.raises(LookupError, match="无法识别的权限"):
        parse_authority("king")
    with pytest.raises(LookupError):
        parse_authority("governor:fgw")


@pytest.mark.article(7)
def test_each_vice_governor_holds_their_own_portfolio(db) -> None:
    expected = {
        "fgw": "刘振东",
        "zrzyj": "刘振东",
        "czj": "张建华",
        "jyj": "阿依古丽·吐尔逊",
        "xfj": "阿依古丽·吐尔逊",
    }
    for unit, name in expected.items():
        holder = who_holds(f"portfolio:{unit}", D(2026, 6, 1))
        assert holder is not None
        assert holder.person_name == name, unit


@pytest.mark.article(6)
def test_the_executive_vice_governor_and_secretary_general_are_posts_of_their_own(db) -> None:
    executive = who_holds("executive", D(2026, 12, 1))
    secretary = who_holds("secretary_general", D(2026, 12, 1))
    assert executive is not None
    assert secretary is not None
    assert (executive.person_name, secretary.person_name) == ("张建华", "王立新")
    assert executive.basis is not None
    assert executive.basis.citation is not None
    assert executive.basis.citation.article == 6
