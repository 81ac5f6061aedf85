"""办理结果公开 (art. 31): the answer is queued for publication unless it may not be disclosed."""

from __future__ import annotations

import pytest

from tests.suggestions.conftest import answer
from zhengwu.core.decisions import Refused
from zhengwu.portal.models import ItemKind, PublicationItem
from zhengwu.suggestions.actions import decide_publication

pytestmark = pytest.mark.article(31)


def test_the_answer_is_queued_for_publication(user, assigned) -> None:
    with pytest.raises(Refused):
        decide_publication(user("clerk_ducha"), assigned)  # not answered yet
    doc = answer(user, assigned)
    with pytest.raises(Refused):
        decide_publication(user("fgw_clerk"), assigned)
    decide_publication(user("clerk_ducha"), assigned)
    item = PublicationItem.objects.get(kind=ItemKind.SUGGESTION_ANSWER, source_id=assigned.pk)
    assert (item.doc_number, item.provision) == (doc.number, "suggestions.publication")
    assert "现答复如下" in item.body
    with pytest.raises(Refused) as refused:
        decide_publication(user("clerk_ducha"), assigned)
    assert refused.value.explanations == ["本轮答复已作出公开决定（《工作规则》第三十一条）"]


def test_withheld_on_a_ground_with_the_reason_recorded(user, assigned) -> None:
    answer(user, assigned)
    with pytest.raises(Refused):
        decide_publication(user("clerk_ducha"), assigned, "inconvenient")
    decide_publication(user("clerk_ducha"), assigned, "privacy")
    assert "个人隐私" in assigned.withhold_reason
    assert not PublicationItem.objects.filter(kind=ItemKind.SUGGESTION_ANSWER, source_id=assigned.pk).exists()
