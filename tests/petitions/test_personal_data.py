"""The petitioner's personal data: seen only by those handling the case, every view recorded;
everyone else sees it masked (art. 35)."""

from __future__ import annotations

import pytest

from zhengwu.audit.models import AuditRecord
from zhengwu.core.decisions import Refused
from zhengwu.petitions.actions import decide_acceptance, petitioner_for, view_petitioner

pytestmark = pytest.mark.article(35)


def views(petition) -> list[str]:
    return list(
        AuditRecord.objects.filter(action="petitions.view_personal_data", object_id=str(petition.pk)).values_list(
            "actor_name", flat=True
        )
    )


def test_those_handling_see_it_and_each_view_is_recorded(letter, user) -> None:
    petition = letter("jyj", important=True)
    assert view_petitioner(user("xfj_head"), petition).id_number == "653001198001011234"
    assert view_petitioner(user("vice_ayigul"), petition).name == "测试·张某某"  # the leader it went to
    with pytest.raises(Refused):
        view_petitioner(user("admin"), petition)  # not a handler of the case
    assert len(views(petition)) == 2
    with pytest.raises(Refused):
        view_petitioner(user("jyj_head"), petition)  # not yet assigned to the 教育局
    decide_acceptance(user("xfj_head"), petition, True, "书面告知")
    assert view_petitioner(user("jyj_head"), petition).address == "阿图什市测试路8号"
    assert len(views(petition)) == 3


def test_others_are_refused_and_see_it_masked(letter, user) -> None:
    petition = letter("jyj", important=True)
    with pytest.raises(Refused) as refused:
        view_petitioner(user("fgw_clerk"), petition)
    assert "仅限经办人员查看" in refused.value.explanations[0]
    with pytest.raises(Refused):
        view_petitioner(user("vice_liu"), petition)
    shown = petitioner_for(user("fgw_clerk"), petition)
    assert shown.masked
    assert (shown.name, shown.phone, shown.id_number) == ("测***", "138****5678", "65************1234")
    assert views(petition) == []
