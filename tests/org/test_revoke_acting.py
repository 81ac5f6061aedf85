"""Revoking an acting arrangement early (art. 6): not begun, it never applies; begun, it ends yesterday."""

from __future__ import annotations

import pytest

from tests.org.conftest import D, counts, notified
from zhengwu.audit.models import AuditRecord
from zhengwu.core.decisions import Refused
from zhengwu.org.actions import report_absence, report_return, revoke_acting
from zhengwu.org.models import ActingArrangement
from zhengwu.org.services import who_holds

START, END = D(2026, 12, 2), D(2026, 12, 4)


@pytest.fixture
def entrusted(user, person, position, frozen) -> ActingArrangement:
    absence = report_absence(
        user("governor"), person("governor"), START, END, "北京", "visit", entrust_to=position("exec_vice")
    )
    return ActingArrangement.objects.get(absence=absence)


@pytest.mark.article(6)
def test_revoked_before_it_begins_it_never_applies(user, entrusted) -> None:
    revoked = revoke_acting(user("governor"), entrusted)
    assert revoked.revoked_at is not None
    assert revoked.ended_early_at is None
    during = who_holds("governor", D(2026, 12, 3))
    assert during.person_name == "买买提·艾力"
    assert during.away
    record = AuditRecord.objects.get(action="org.acting.revoke", object_id=str(entrusted.pk))
    assert record.article == 6
    assert record.details["void"] is True
    assert "exec_vice" in notified("撤销委托")


@pytest.mark.article(6)
def test_revoked_while_running_it_ends_yesterday(user, entrusted, frozen) -> None:
    frozen.move_to("2026-12-03 10:00 +0800")
    revoked = revoke_acting(user("governor"), entrusted)
    assert (revoked.end, revoked.revoked_at) == (D(2026, 12, 2), None)
    assert revoked.ended_early_at is not None
    assert who_holds("governor", D(2026, 12, 2)).person_name == "张建华"  # the day it covered stays
    assert who_holds("governor", D(2026, 12, 3)).person_name == "买买提·艾力"
    # the return later does not stretch it again
    report_return(user("governor"), entrusted.absence, D(2026, 12, 3))
    revoked.refresh_from_db()
    assert revoked.end == D(2026, 12, 2)


@pytest.mark.article(6)
@pytest.mark.parametrize("username", ["exec_vice", "office_director"])
def test_only_the_governor_revokes(user, entrusted, username) -> None:
    before = counts()
    with pytest.raises(Refused) as refused:
        revoke_acting(user(username), entrusted)
    assert refused.value.explanations == ["只有州长本人可以撤销对他人主持政府工作的委托（《工作规则》第六条）"]
    assert counts() == before
    entrusted.refresh_from_db()
    assert entrusted.in_force


@pytest.mark.article(6)
def test_revoking_twice_is_refused(user, entrusted, frozen) -> None:
    revoke_acting(user("governor"), entrusted)
    with pytest.raises(Refused) as refused:
        revoke_acting(user("governor"), entrusted)
    assert refused.value.explanations == ["该代理安排已撤销（《工作规则》第六条）"]


@pytest.mark.article(6)
def test_an_expired_arrangement_needs_no_revoking(user, entrusted, frozen) -> None:
    frozen.move_to("2026-12-07 10:00 +0800")
    with pytest.raises(Refused) as refused:
        revoke_acting(user("governor"), entrusted)
    assert refused.value.explanations == ["该代理安排已于2026-12-04期满，无需撤销（《工作规则》第六条）"]
