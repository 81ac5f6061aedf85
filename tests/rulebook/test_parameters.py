"""Administrators edit a rulebook's parameters, with a reason, audited under the parameter's article."""

from __future__ import annotations

import pytest
from django.conf import settings

from zhengwu.audit.models import AuditRecord
from zhengwu.audit.services import action_records
from zhengwu.core.decisions import InvalidInput, Refused
from zhengwu.rulebook.actions import edit_parameter
from zhengwu.rulebook.models import Parameter, RulebookVersion
from zhengwu.rulebook.services import rulebook_view


@pytest.fixture
def reply_days(db) -> Parameter:
    return Parameter.objects.select_related("version").get(
        version__code=settings.ZHENGWU_RULEBOOK_CODE, key="countersign.reply_days"
    )


def snapshot(p: Parameter) -> tuple[object, int, int]:
    p.refresh_from_db()
    return p.value, RulebookVersion.objects.get(pk=p.version_id).revision, action_records().count()


@pytest.mark.article(50)
def test_admin_edits_a_parameter(user, reply_days) -> None:
    revision = reply_days.version.revision
    assert rulebook_view().param("countersign.reply_days").value == 7
    edit_parameter(user("admin"), reply_days, "10", "州政府办公室通知")
    reply_days.refresh_from_db()
    assert reply_days.value == 10
    assert RulebookVersion.objects.get(pk=reply_days.version_id).revision == revision + 1
    assert rulebook_view().param("countersign.reply_days").value == 10
    record = AuditRecord.objects.filter(action="rulebook.parameter.edit").last()
    assert record is not None
    assert record.article == 50
    assert record.details == {
        "key": "countersign.reply_days",
        "old": 7,
        "new": 10,
        "reason": "州政府办公室通知",
        "rulebook_version": {"id": reply_days.version_id, "label": reply_days.version.version_label},
    }
    assert record.actor.username == "admin"


@pytest.mark.article(50)
def test_a_second_edit_bumps_the_revision_again(user, reply_days) -> None:
    edit_parameter(user("admin"), reply_days, "9", "第一次")
    edit_parameter(user("admin"), reply_days, "8", "第二次")
    assert rulebook_view().param("countersign.reply_days").value == 8


@pytest.mark.article(50)
def test_clerk_may_not_edit_a_parameter(user, reply_days) -> None:
    before = snapshot(reply_days)
    with pytest.raises(Refused) as refused:
        edit_parameter(user("clerk_wendian"), reply_days, "10", "理由")
    assert refused.value.decisions[0].code == "admin.required"
    assert snapshot(reply_days) == before
    assert rulebook_view().param("countersign.reply_days").value == 7


@pytest.mark.parametrize(
    ("raw", "reason", "field"),
    [("七", "理由", "value"), ("10", "  ", "reason"), ("-1", "理由", "value"), ("", "理由", "value")],
)
def test_bad_values_and_missing_reasons_are_invalid(user, reply_days, raw, reason, field) -> None:
    before = snapshot(reply_days)
    with pytest.raises(InvalidInput) as error:
        edit_parameter(user("admin"), reply_days, raw, reason)
    assert error.value.field == field
    assert snapshot(reply_days) == before
    assert rulebook_view().param("countersign.reply_days").value == 7


class _Rollback(Exception):
    pass


@pytest.mark.article(50)
def test_a_rolled_back_edit_leaves_no_stale_view(user, reply_days) -> None:
    from django.db import transaction

    def edit_then_roll_back() -> None:
        with transaction.atomic():
            edit_parameter(user("admin"), reply_days, "12", "将回滚")
            assert rulebook_view().param("countersign.reply_days").value == 12
            raise _Rollback

    with pytest.raises(_Rollback):
        edit_then_roll_back()
    assert rulebook_view().param("countersign.reply_days").value == 7
    fresh = Parameter.objects.get(pk=reply_days.pk)
    edit_parameter(user("admin"), fresh, "5", "正式修改")
    assert rulebook_view().param("countersign.reply_days").value == 5
