"""受理: decided within 15 days and told to the petitioner; handling 60 days from acceptance
(art. 35; 《信访工作条例》arts. 22–23, 34)."""

from __future__ import annotations

import pytest

from tests.petitions.conftest import D, unit
from zhengwu.core.decisions import InvalidInput, Refused
from zhengwu.notices.models import Notice
from zhengwu.petitions.actions import decide_acceptance
from zhengwu.petitions.models import State
from zhengwu.timers.models import Timer

pytestmark = pytest.mark.article(35)


def test_accepted_and_sent_to_the_handling_unit(letter, user) -> None:
    petition = letter()
    decide_acceptance(user("xfj_head"), petition, True, "书面告知", handling_unit=unit("jyj"))
    assert (petition.state, petition.handling_unit.code) == (State.HANDLING, "jyj")
    assert petition.handle_due == D(2026, 4, 7)  # 02-05 + 60 days = 04-06, 清明 (04-04..06): 04-07
    assert Notice.objects.filter(recipient__username="jyj_head", title__contains="信访事项交办").exists()
    pending = set(Timer.objects.filter(state="pending").values_list("key", flat=True))
    assert f"petitions.{petition.pk}.accept.overdue" not in pending
    assert f"petitions.{petition.pk}.handle.overdue" in pending


def test_not_accepted_needs_its_reason_and_how_the_petitioner_was_told(letter, user) -> None:
    petition = letter()
    with pytest.raises(InvalidInput) as bad:
        decide_acceptance(user("xfj_head"), petition, False, "书面告知", reason=" ")
    assert bad.value.field == "reason"
    with pytest.raises(InvalidInput) as bad:
        decide_acceptance(user("xfj_head"), petition, True, " ")
    assert bad.value.field == "told_how"
    petition.refresh_from_db()
    assert petition.state == State.REGISTERED
    decide_acceptance(user("xfj_head"), petition, False, "书面告知", reason="已经人民法院受理。")
    assert petition.state == State.NOT_ACCEPTED
    with pytest.raises(Refused):
        decide_acceptance(user("xfj_head"), petition, True, "书面告知")


def test_only_the_bureau_decides(letter, user) -> None:
    petition = letter()
    with pytest.raises(Refused):
        decide_acceptance(user("jyj_head"), petition, True, "书面告知")
