"""Each step applies the rulebook version in force on the day it is taken (art. 68), not the one
in force when the document was drafted, unless the new version's transition rule says records
opened before it finish under the earlier one.  The document keeps the version it was drafted
under; each audit record names the version that applied."""

from __future__ import annotations

import pytest

from tests.documents.conftest import D, unit
from tests.rulebook.texts import reissued
from zhengwu.audit.models import AuditRecord
from zhengwu.documents.actions.countersign import request_countersign
from zhengwu.rulebook.actions import import_version
from zhengwu.rulebook.models import Parameter, RulebookVersion
from zhengwu.rulebook.services import forget_views, rulebook_of
from zhengwu.workdays.services import add_working_days


def _version_2027(reply_days: int, transition: str = "") -> RulebookVersion:
    new = import_version(None, reissued(), D(2027, 1, 1))
    Parameter.objects.filter(version=new, key="countersign.reply_days").update(value=reply_days)
    if transition:
        RulebookVersion.objects.filter(pk=new.pk).update(metadata={**new.metadata, "transition": transition})
    forget_views()
    return RulebookVersion.objects.get(pk=new.pk)


@pytest.mark.article(68)
def test_a_countersign_asked_under_a_new_version_takes_that_versions_period(user, make_request, frozen) -> None:
    doc = make_request("fgw")  # drafted on 2026-12-01, under the 2023 rules
    drafted_under = doc.rulebook_version_id
    new = _version_2027(reply_days=3)
    frozen.move_to("2027-01-04 09:00 +0800")
    (task,) = request_countersign(user("fgw_clerk"), doc, [unit("czj")])
    assert task.due == add_working_days(D(2027, 1, 4), 3)
    doc.refresh_from_db()
    assert doc.rulebook_version_id == drafted_under  # the version it was drafted under is kept
    assert rulebook_of(doc).version_id == new.pk
    record = AuditRecord.objects.get(action="documents.countersign.request", object_id=str(doc.pk))
    assert record.details["rulebook_version"] == {"id": new.pk, "label": new.version_label}


@pytest.mark.article(68)
def test_a_transition_rule_keeps_records_opened_before_under_the_earlier_version(user, make_request, frozen) -> None:
    doc = make_request("fgw")
    _version_2027(reply_days=3, transition="keep")
    frozen.move_to("2027-01-04 09:00 +0800")
    (task,) = request_countersign(user("fgw_clerk"), doc, [unit("czj")])
    assert task.due == add_working_days(D(2027, 1, 4), 7)
    record = AuditRecord.objects.get(action="documents.countersign.request", object_id=str(doc.pk))
    assert record.details["rulebook_version"]["id"] == doc.rulebook_version_id
    later = make_request("fgw", title="关于新事项的请示")  # opened under the new version: its period
    (other,) = request_countersign(user("fgw_clerk"), later, [unit("czj")])
    assert other.due == add_working_days(D(2027, 1, 4), 3)
