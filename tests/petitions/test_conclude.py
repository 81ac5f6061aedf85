"""办结: the handling unit or the bureau records the handling opinion and how it was answered."""

from __future__ import annotations

import pytest

from tests.petitions.conftest import D
from zhengwu.core.decisions import InvalidInput, Refused
from zhengwu.petitions.actions import conclude, decide_acceptance
from zhengwu.petitions.models import State
from zhengwu.timers.models import Timer

pytestmark = pytest.mark.article(35)


def test_the_handling_unit_concludes(letter, user, frozen) -> None:
    petition = letter()
    decide_acceptance(user("xfj_head"), petition, True, "书面告知")
    with pytest.raises(Refused):
        conclude(user("fgw_clerk"), petition, "已处理。", "书面答复")
    with pytest.raises(InvalidInput):
        conclude(user("jyj_head"), petition, " ", "书面答复")
    frozen.move_to("2026-03-02 10:00 +0800")
    conclude(user("jyj_head"), petition, "经核查，食堂已整改。", "书面答复")
    assert (petition.state, petition.concluded_on) == (State.CONCLUDED, D(2026, 3, 2))
    assert not Timer.objects.filter(key__startswith=f"petitions.{petition.pk}.", state="pending").exists()
    with pytest.raises(Refused):
        conclude(user("jyj_head"), petition, "再办结。", "书面答复")
