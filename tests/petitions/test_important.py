"""An important letter goes to a government leader, who reads it and writes an instruction; it
stays open until then and is then followed as a supervision item (art. 35)."""

from __future__ import annotations

import pytest

from tests.petitions.conftest import unit
from zhengwu.core.decisions import Refused
from zhengwu.notices.models import Notice
from zhengwu.petitions.actions import conclude, decide_acceptance, instruct, read_letter, route_important
from zhengwu.petitions.models import State
from zhengwu.supervision.models import SupervisionItem

pytestmark = pytest.mark.article(35)


def test_routed_by_default_to_the_portfolio_leader_of_the_unit_concerned(letter) -> None:
    petition = letter("jyj", important=True)
    assert petition.leader.user.username == "vice_ayigul"
    assert Notice.objects.filter(recipient__username="vice_ayigul", title__contains="重要来信待阅批").exists()
    assert letter("fgw", important=True).leader.user.username == "vice_liu"


def test_only_a_government_leader_may_receive_it(letter, user) -> None:
    from zhengwu.org.models import Person

    petition = letter()
    with pytest.raises(Refused):
        route_important(user("xfj_head"), petition, Person.objects.get(user__username="jyj_head"))
    with pytest.raises(Refused):
        route_important(user("fgw_clerk"), petition)
    route_important(user("xfj_head"), petition, Person.objects.get(user__username="governor"))
    assert petition.leader.user.username == "governor"


def test_the_leader_reads_then_instructs_and_it_becomes_a_supervision_item(letter, user) -> None:
    petition = letter("jyj", important=True)
    decide_acceptance(user("xfj_head"), petition, True, "书面告知")
    with pytest.raises(Refused) as open_still:
        conclude(user("jyj_head"), petition, "已整改。", "书面答复")
    assert "尚待领导批示" in open_still.value.explanations[-1]
    with pytest.raises(Refused):
        read_letter(user("vice_liu"), petition)  # not routed to him
    with pytest.raises(Refused) as unread:
        instruct(user("vice_ayigul"), petition, "请教育局认真核查。")
    assert "请先阅读来信全文" in unread.value.explanations[0]
    read_letter(user("vice_ayigul"), petition)
    instruct(user("vice_ayigul"), petition, "请教育局认真核查，依法依规处理。")
    item = SupervisionItem.objects.get(pk=petition.followup_id)
    assert (item.origin, item.lead_unit.code, item.due) == ("petition", "jyj", petition.handle_due)
    assert "依法依规处理" in item.description
    with pytest.raises(Refused):
        instruct(user("vice_ayigul"), petition, "再批一次。")
    with pytest.raises(Refused) as instructed:
        route_important(user("xfj_head"), petition)
    assert instructed.value.explanations == ["本件已有领导批示，不需再呈阅（《工作规则》第三十五条）"]
    conclude(user("jyj_head"), petition, "经核查已整改到位。", "书面答复")
    assert petition.state == State.CONCLUDED


def test_a_department_clerk_may_not_instruct(letter, user) -> None:
    petition = letter("jyj", important=True)
    with pytest.raises(Refused):
        instruct(user("fgw_clerk"), petition, "同意。")
    assert unit("jyj").code == "jyj"
