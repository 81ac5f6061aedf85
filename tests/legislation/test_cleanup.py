"""Clean-up (清理, art. 22): every document in force listed, its unit proposes, the 司法局 decides, and
废止 flows into its validity."""

from __future__ import annotations

import pytest

from tests import support
from zhengwu.core.decisions import Refused
from zhengwu.legislation import selectors
from zhengwu.legislation.actions.after import close_cleanup, decide_cleanup, propose_cleanup, start_cleanup
from zhengwu.legislation.models import Cleanup, CleanupEntry

pytestmark = pytest.mark.article(22)


def test_a_cleanup_campaign(user, published) -> None:
    with pytest.raises(Refused):
        start_cleanup(user("fgw_head"), title="2026年规范性文件清理")
    campaign = start_cleanup(user("sfj_clerk"), title="2026年规范性文件清理")
    entry = campaign.entries.get(draft=published)
    assert entry.unit.code == "fgw"
    assert campaign.entries.count() >= 2  # the demo's document in force too
    with pytest.raises(Refused):
        propose_cleanup(user("czj_head"), entry, proposal="repeal", reason="过时")
    with pytest.raises(Refused):
        decide_cleanup(user("sfj_head"), entry, decision="repeal")  # nothing proposed yet
    propose_cleanup(user("fgw_clerk"), entry, proposal="repeal", reason="已被新规定替代")
    with pytest.raises(Refused):
        decide_cleanup(user("sfj_clerk"), entry, decision="repeal")  # the leaders decide
    decide_cleanup(user("sfj_head"), entry, decision="repeal", note="同意废止")
    published.refresh_from_db()
    assert published.validity == "repealed"
    with pytest.raises(Refused) as refused:
        close_cleanup(user("sfj_head"), campaign)  # the demo's entry is undecided
    assert refused.value.explanations[0].endswith("件文件未审定清理结果（《工作规则》第二十二条）")
    for other in campaign.entries.exclude(pk=entry.pk):
        propose_cleanup(
            user(other.unit.code + "_head" if other.unit.code != "office" else "clerk_wendian"), other, proposal="keep"
        )
        decide_cleanup(user("sfj_head"), other, decision="keep")
    close_cleanup(user("sfj_head"), campaign)
    with pytest.raises(Refused):
        propose_cleanup(user("fgw_clerk"), entry, proposal="keep")


PEOPLE = ["fgw_clerk", "fgw_head", "czj_head", "sfj_clerk", "sfj_head", "clerk_wendian", "governor"]


def test_the_clean_up_pages_offer_exactly_what_the_actions_do(user, published, client_as) -> None:
    """The read side of a clean-up (issue 14): each entry's 提出/审定 and the campaign's 结束 are offered
    exactly when the action would do them, at each stage, for people on both sides of each line."""
    assert not selectors.office_actions(user("fgw_head"))["start_cleanup"].allowed
    assert selectors.office_actions(user("sfj_clerk"))["start_cleanup"].allowed
    assert "开展清理（司法局）" not in client_as("fgw_head").get("/legislation/cleanups/").content.decode()
    assert "公布目录（司法局）" in client_as("sfj_clerk").get("/legislation/catalogue/").content.decode()
    assert "公布目录（司法局）" not in client_as("fgw_head").get("/legislation/catalogue/").content.decode()
    campaign = start_cleanup(user("sfj_clerk"), title="2026年规范性文件清理")
    entry = campaign.entries.get(draft=published)
    calls = {
        "propose": lambda actor, e: propose_cleanup(actor, e, proposal="repeal", reason="已被新规定替代"),
        "decide": lambda actor, e: decide_cleanup(actor, e, decision="repeal"),
    }
    stages = {
        "listed": lambda: None,
        "proposed": lambda: propose_cleanup(user("fgw_clerk"), entry, proposal="repeal", reason="已被新规定替代"),
        "decided": lambda: decide_cleanup(user("sfj_head"), entry, decision="repeal", note="同意废止"),
    }
    wrong, seen = [], set()
    for stage, reach in stages.items():
        reach()
        for username in PEOPLE:
            actor = user(username)
            offered = selectors.available_actions(actor, CleanupEntry.objects.get(pk=entry.pk))
            for name, call in calls.items():
                refused = support.refuses(call, actor, CleanupEntry.objects.get(pk=entry.pk))
                seen.add((name, offered[name].allowed))
                if offered[name].allowed == refused:
                    wrong.append((stage, username, name, offered[name].explanation))
            closing = selectors.available_actions(actor, Cleanup.objects.get(pk=campaign.pk))["close"]
            if closing.allowed == support.refuses(close_cleanup, actor, Cleanup.objects.get(pk=campaign.pk)):
                wrong.append((stage, username, "close", closing.explanation))
    assert wrong == []
    assert seen == {("propose", True), ("propose", False), ("decide", True), ("decide", False)}
    page = client_as("fgw_clerk").get(f"/legislation/cleanups/{campaign.pk}/").content.decode()
    assert 'value="propose"' not in page  # decided: the unit's proposal is closed
    assert 'value="close"' not in client_as("sfj_head").get(f"/legislation/cleanups/{campaign.pk}/").content.decode()
