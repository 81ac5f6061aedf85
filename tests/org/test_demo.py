"""The demo government loads (again), with valid organization codes (GB 11714-1997)."""

from __future__ import annotations

import pytest

from zhengwu.org.codes import org_code_problem
from zhengwu.org.demo import ACCOUNTS, load_demo_government
from zhengwu.org.management.commands.demo import load_demo
from zhengwu.org.models import Person, Unit


@pytest.mark.article(4)
def test_the_demo_loads_again_without_change(db) -> None:
    people = Person.objects.count()
    load_demo()
    assert Person.objects.count() == people
    assert Person.objects.filter(is_demo=True).count() == len(ACCOUNTS)


def test_every_demo_code_is_valid(db) -> None:
    codes = list(Unit.objects.filter(is_demo=True).exclude(org_code="").values_list("code", "org_code"))
    assert len(codes) == 13
    assert [c for c in codes if org_code_problem(c[1])] == []


def test_a_demo_loaded_with_a_former_code_is_corrected(db) -> None:
    Unit.objects.filter(code="fgw").update(org_code="01047840X")
    Unit.objects.filter(code="czj").update(org_code="010478999")  # set by hand: kept
    load_demo_government()
    assert Unit.objects.get(code="fgw").org_code == "010478403"
    assert Unit.objects.get(code="czj").org_code == "010478999"
