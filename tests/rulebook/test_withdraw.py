"""Withdrawing a version that has not taken effect; the one before it is in force again (art. 68)."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.rulebook.texts import reissued
from zhengwu.audit.models import AuditRecord
from zhengwu.core.decisions import Refused
from zhengwu.rulebook import rules
from zhengwu.rulebook.actions import import_version, withdraw_version
from zhengwu.rulebook.models import Article, RulebookVersion
from zhengwu.rulebook.services import version_in_force

D = dt.date
pytestmark = pytest.mark.article(68)
TODAY = D(2026, 11, 28)


def test_rule_only_a_version_not_yet_in_force(kizilsu) -> None:
    cite = kizilsu.cite("rulebook.versions")
    assert rules.may_withdraw(D(2027, 1, 1), None, TODAY, cite).allowed
    in_force = rules.may_withdraw(D(2023, 11, 13), None, TODAY, cite)
    assert not in_force.allowed
    assert in_force.code == "rulebook.withdraw.in_force"
    assert in_force.explanation.endswith("（《工作规则》第六十八条）")
    assert "zhengwu rules annotate" in in_force.message
    past = rules.may_withdraw(D(2022, 6, 1), D(2023, 11, 13), TODAY, cite)
    assert (past.allowed, past.code) == (False, "rulebook.withdraw.past")
    assert "2023-11-13停止执行" in past.message
    assert not rules.may_withdraw(TODAY, None, TODAY, cite).allowed  # in force from today


def test_withdrawing_restores_the_predecessor(user) -> None:
    old = version_in_force(TODAY)
    new = import_version(None, reissued(), D(2030, 1, 1))
    old.refresh_from_db()
    assert old.ceases_on == D(2030, 1, 1)
    pk = new.pk

    assert withdraw_version(user("admin"), new, TODAY) == old
    old.refresh_from_db()
    assert old.ceases_on is None
    assert not RulebookVersion.objects.filter(pk=pk).exists()
    assert not Article.objects.filter(version_id=pk).exists()
    assert version_in_force(D(2030, 1, 2)) == old
    withdrawn = AuditRecord.objects.get(action="rulebook.withdraw", object_id=str(pk))
    assert "撤回尚未施行的" in withdrawn.summary
    assert withdrawn.citation == "《工作规则》第六十八条"
    relinked = AuditRecord.objects.get(action="rulebook.relink", object_id=str(old.pk))
    assert "2030-01-01" in relinked.summary
    assert "无（继续施行）" in relinked.summary
    # the same date can now be imported again
    assert import_version(None, reissued(), D(2030, 1, 1)).effective_from == D(2030, 1, 1)


def test_a_version_between_two_others_hands_its_dates_back(db) -> None:
    first = version_in_force(TODAY)
    middle = import_version(None, reissued(), D(2030, 1, 1))
    last = import_version(None, reissued(), D(2031, 1, 1))
    withdraw_version(None, middle, TODAY)
    first.refresh_from_db()
    last.refresh_from_db()
    assert (first.ceases_on, last.ceases_on) == (D(2031, 1, 1), None)


def test_a_version_in_force_or_past_is_not_withdrawn(db) -> None:
    current = version_in_force(TODAY)
    with pytest.raises(Refused, match="正在施行，不能撤回") as error:
        withdraw_version(None, current, TODAY)
    assert "第六十八条" in str(error.value)
    new = import_version(None, reissued(), D(2030, 1, 1))
    with pytest.raises(Refused, match="停止执行，期间办理的事项引用了它"):
        withdraw_version(None, current, D(2030, 6, 1))
    assert RulebookVersion.objects.filter(pk__in=[current.pk, new.pk]).count() == 2
    assert not AuditRecord.objects.filter(action="rulebook.withdraw").exists()


def test_only_an_administrator_withdraws(user) -> None:
    new = import_version(None, reissued(), D(2030, 1, 1))
    with pytest.raises(Refused, match="只有系统管理员"):
        withdraw_version(user("clerk_wendian"), new, TODAY)
    assert RulebookVersion.objects.filter(pk=new.pk).exists()
