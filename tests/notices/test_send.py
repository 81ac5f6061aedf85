"""Notices reach the workbench, and by e-mail those who have an address, only once the action commits."""

from __future__ import annotations

import pytest
from django.core import mail
from django.db import transaction

from zhengwu.notices.models import Notice
from zhengwu.notices.services import send


@pytest.mark.django_db(transaction=True)
def test_a_notice_is_mailed_after_commit_and_not_after_a_rollback(demo_loaded, user) -> None:
    governor, clerk = user("governor"), user("clerk_wendian")
    governor.email = "governor@example.gov.cn"
    governor.save(update_fields=["email"])

    with transaction.atomic():
        send([governor, clerk], "报告离州外出", "请知悉。")
        assert mail.outbox == []  # nothing leaves before the action commits
    assert [m.to for m in mail.outbox] == [["governor@example.gov.cn"]]
    assert mail.outbox[0].subject == "[政务] 报告离州外出"
    assert Notice.objects.filter(title="报告离州外出").count() == 2

    with pytest.raises(Undo):
        _send_then_fail(governor)
    assert len(mail.outbox) == 1
    assert not Notice.objects.filter(title="撤回的通知").exists()


class Undo(Exception):
    """Rolls the transaction back."""


@transaction.atomic
def _send_then_fail(user) -> None:
    send([user], "撤回的通知")
    raise Undo
