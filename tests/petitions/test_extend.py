"""延期: up to 30 days, once, approved by a government leader, the reason told (art. 35;
《信访工作条例》art. 34)."""

from __future__ import annotations

import pytest

from tests.petitions.conftest import D
from zhengwu.audit.models import AuditRecord
from zhengwu.core.decisions import InvalidInput, Refused
from zhengwu.petitions.actions import decide_acceptance, extend

pytestmark = pytest.mark.article(35)


def test_a_leader_extends_by_up_to_30_days_once(letter, user) -> None:
    petition = letter()
    decide_acceptance(user("xfj_head"), petition, True, "书面告知")
    assert petition.handle_due == D(2026, 4, 7)
    with pytest.raises(Refused):
        extend(user("xfj_head"), petition, 30, "情况复杂。", "书面告知")  # not a government leader
    with pytest.raises(Refused):
        extend(user("vice_ayigul"), petition, 31, "情况复杂。", "书面告知")
    with pytest.raises(InvalidInput):
        extend(user("vice_ayigul"), petition, 30, " ", "书面告知")
    extend(user("vice_ayigul"), petition, 30, "涉及多个部门，需实地核查。", "书面告知")
    assert (petition.handle_due, petition.extended_days) == (D(2026, 5, 7), 30)  # 05-07, after 劳动节
    assert petition.extension_approved_by.user.username == "vice_ayigul"
    record = AuditRecord.objects.get(action="petitions.extend", object_id=str(petition.pk))
    assert "涉及多个部门" in record.summary
    assert "书面告知" in record.summary
    with pytest.raises(Refused):
        extend(user("governor"), petition, 5, "再延。", "电话")
