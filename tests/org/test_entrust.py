"""The 州长 entrusts the 常务副州长 to preside while away (art. 6)."""

from __future__ import annotations

import pytest

from tests.org.conftest import D, counts, notified
from zhengwu.audit.models import AuditRecord
from zhengwu.core.decisions import Refused
from zhengwu.org.actions import entrust, report_absence
from zhengwu.org.models import ActingArrangement

pytestmark = pytest.mark.usefixtures("frozen")

START, END = D(2026, 12, 2), D(2026, 12, 4)


@pytest.mark.article(6)
def test_governor_entrusts_the_executive_vice_governor_with_the_report(user, person, position) -> None:
    absence = report_absence(
        user("governor"), person("governor"), START, END, "北京", "visit", entrust_to=position("exec_vice")
    )
    arrangement = ActingArrangement.objects.get(absence=absence)
    assert arrangement.principal.kind == "governor"
    assert arrangement.acting.kind == "executive_vice_governor"
    assert (arrangement.start, arrangement.end) == (START, END)
    assert arrangement.article == 6
    record = AuditRecord.objects.get(action="org.acting.entrust", object_id=str(arrangement.pk))
    assert record.article == 6
    assert "exec_vice" in notified("受委托主持工作")


@pytest.mark.article(6)
def test_governor_may_not_entrust_an_ordinary_vice_governor(user, person, position) -> None:
    before = counts()
    with pytest.raises(Refused) as refused:
        report_absence(
            user("governor"), person("governor"), START, END, "北京", "visit", entrust_to=position("vice_liu")
        )
    assert refused.value.explanations[0].endswith("（《工作规则》第六条）")
    assert counts() == before  # the whole report rolls back


@pytest.mark.article(6)
def test_executive_vice_governor_may_not_entrust_for_the_governor(user, person, position) -> None:
    absence = report_absence(user("governor"), person("governor"), START, END, "北京", "visit")
    before = counts()
    with pytest.raises(Refused) as refused:
        entrust(user("exec_vice"), absence, position("exec_vice"))
    assert refused.value.explanations == ["只有州长本人可以委托他人主持政府工作（《工作规则》第六条）"]
    assert counts() == before


@pytest.mark.article(6)
def test_office_recording_the_governors_absence_may_not_entrust_for_him(user, person, position) -> None:
    before = counts()
    with pytest.raises(Refused):
        report_absence(
            user("clerk_wendian"), person("governor"), START, END, "北京", "visit", entrust_to=position("exec_vice")
        )
    assert counts() == before
