"""Clean-up (清理, art. 22): every document in force listed, its unit proposes, the 司法局 decides, and
废止 flows into its validity."""

from __future__ import annotations

import pytest

from zhengwu.core.decisions import Refused
from zhengwu.legislation.actions.after import close_cleanup, decide_cleanup, propose_cleanup, start_cleanup

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
