"""The register of major matters reported upward (art. 16)."""

from __future__ import annotations

import pytest

from tests.reporting.conftest import unit
from zhengwu.audit.models import AuditRecord
from zhengwu.core.decisions import InvalidInput, Refused
from zhengwu.reporting.models import UpwardReport

pytestmark = [pytest.mark.article(16), pytest.mark.usefixtures("frozen")]


def test_the_office_registers_a_request_to_the_autonomous_region_government(make_upward):
    report = make_upward()
    assert report.state == "registered"
    assert AuditRecord.objects.get(action="reporting.upward.register").article == 16


def test_and_a_situation_reported_to_the_prefecture_party_committee(make_upward):
    report = make_upward(recipient=unit("party-committee"), category="situation", form="report", title="汛情报告")
    assert report.get_form_display() == "报告"


def test_a_department_may_not_keep_the_register_and_the_npc_is_not_an_upward_recipient(make_upward):
    with pytest.raises(Refused) as exc:
        make_upward(actor="fgw_head")
    assert exc.value.decisions[0].citation.article == 16
    with pytest.raises(Refused) as exc:
        make_upward(recipient=unit("npc-standing"))
    assert exc.value.decisions[0].code == "reports.upward.recipient"
    with pytest.raises(InvalidInput):
        make_upward(title=" ")
    assert not UpwardReport.objects.exists()
