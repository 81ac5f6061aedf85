"""A renamed model's audit records stay readable: a record keeps the object type it was written
with (the chain's hash covers it), and the readers also ask for the labels the model had before."""

from __future__ import annotations

import pytest
from django.apps import apps
from django.db import transaction

from zhengwu.audit import services as audit
from zhengwu.audit.models import AuditRecord
from zhengwu.meetings.models import AgreedItem

pytestmark = pytest.mark.article(63)


def test_each_former_label_belongs_to_a_current_model_and_names_none() -> None:
    current = {m._meta.label_lower for m in apps.get_models()}
    for label, former in audit.FORMER_OBJECT_TYPES.items():
        assert label in current, label
        assert not set(former) & current, former


def test_the_history_of_an_agreed_item_includes_records_written_as_meetings_decision(user) -> None:
    item = AgreedItem(pk=987654)  # only its label and key are read
    with transaction.atomic():
        old = audit.record(actor=user("clerk_wendian"), action="test.old", summary="旧记录")
    # as the record was written before the rename (the label is set here, after hashing, since a
    # test cannot write under the old model name any more)
    AuditRecord.objects.filter(pk=old.pk).update(object_type="meetings.decision", object_id="987654")
    with transaction.atomic():
        new = audit.record(actor=user("clerk_wendian"), action="test.new", summary="新记录", target=item)
    assert new.object_type == "meetings.agreeditem"
    assert list(audit.history_for(item).values_list("action", flat=True)) == ["test.old", "test.new"]
