"""Rulebook versions by effective date: a new version ends the one before it (art. 68)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from django.conf import settings

from zhengwu.core.decisions import InvalidInput, Refused
from zhengwu.rulebook import annotations
from zhengwu.rulebook.actions import import_version
from zhengwu.rulebook.models import RulebookVersion
from zhengwu.rulebook.services import NoRulebookInForce, rulebook_view, version_in_force

D = dt.date
FIXTURES = Path(__file__).parent / "fixtures"
COUNTY = (FIXTURES / "county-rules-tiao.txt").read_text(encoding="utf-8")
COUNTY_NOTES = annotations.load(FIXTURES / "county-rules-tiao.toml")
KIZILSU = settings.ZHENGWU_RULEBOOK_CODE
pytestmark = pytest.mark.article(68)


def test_county_rules_import_under_their_own_code(db) -> None:
    v = import_version(None, COUNTY, D(2024, 3, 25), COUNTY_NOTES)
    assert v.articles.count() == 15
    assert v.chapters.count() == 4
    assert v.ceases_on is None
    assert v.title == "青禾县人民政府工作规则"
    assert v.document_number == "青政发〔2024〕7号"
    assert version_in_force(D(2024, 3, 25), "qinghe-county") == v
    with pytest.raises(NoRulebookInForce):
        version_in_force(D(2024, 3, 24), "qinghe-county")
    # the Kizilsu rules are untouched
    assert version_in_force(D(2030, 1, 1)).effective_from == D(2023, 11, 13)


def test_a_later_version_ends_the_earlier_one(db) -> None:
    first = import_version(None, COUNTY, D(2024, 3, 25), COUNTY_NOTES)
    second = import_version(None, COUNTY, D(2025, 1, 1), code="qinghe-county")
    first.refresh_from_db()
    assert first.ceases_on == D(2025, 1, 1)
    assert second.ceases_on is None
    assert version_in_force(D(2024, 12, 31), "qinghe-county") == first
    assert version_in_force(D(2025, 1, 1), "qinghe-county") == second
    assert not first.in_force_on(D(2025, 1, 1))
    assert first.in_force_on(D(2024, 12, 31))


def test_a_version_slotted_in_between_is_relinked(db) -> None:
    first = import_version(None, COUNTY, D(2024, 3, 25), COUNTY_NOTES)
    third = import_version(None, COUNTY, D(2026, 1, 1), code="qinghe-county")
    second = import_version(None, COUNTY, D(2025, 1, 1), code="qinghe-county")
    first.refresh_from_db()
    second.refresh_from_db()
    third.refresh_from_db()
    assert (first.ceases_on, second.ceases_on, third.ceases_on) == (D(2025, 1, 1), D(2026, 1, 1), None)


def test_new_kizilsu_version_succeeds_the_2023_rules(db) -> None:
    old = version_in_force(D(2026, 1, 1))
    new = import_version(None, COUNTY, D(2030, 1, 1))
    old.refresh_from_db()
    assert new.code == KIZILSU
    assert old.ceases_on == D(2030, 1, 1)
    assert version_in_force(D(2029, 12, 31)) == old
    assert version_in_force(D(2030, 1, 1)) == new
    assert rulebook_view(D(2029, 12, 31)).cite("leave.report").article == 58


def test_same_effective_date_twice_is_invalid(db) -> None:
    import_version(None, COUNTY, D(2024, 3, 25), COUNTY_NOTES)
    with pytest.raises(InvalidInput, match="已有2024-03-25施行的版本") as error:
        import_version(None, COUNTY, D(2024, 3, 25), COUNTY_NOTES)
    assert error.value.field == "effective_from"
    assert RulebookVersion.objects.filter(code="qinghe-county").count() == 1


def test_only_an_administrator_imports(user) -> None:
    with pytest.raises(Refused):
        import_version(user("clerk_wendian"), COUNTY, D(2024, 3, 25), COUNTY_NOTES)
    assert not RulebookVersion.objects.filter(code="qinghe-county").exists()
    version = import_version(user("admin"), COUNTY, D(2024, 3, 25), COUNTY_NOTES)
    assert version.imported_by == user("admin")


def test_nothing_in_force_before_the_first_version(db) -> None:
    with pytest.raises(NoRulebookInForce, match="zhengwu rules import"):
        version_in_force(D(2020, 1, 1))
