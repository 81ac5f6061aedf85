"""答复: the lead unit's 函, signed as art. 49 requires and issued; answered when issued (art. 31)."""

from __future__ import annotations

import pytest

from tests.suggestions.conftest import answer
from zhengwu.core.decisions import Refused
from zhengwu.documents.actions.outgoing import submit_for_review
from zhengwu.documents.models import DocState
from zhengwu.suggestions.actions import draft_answer
from zhengwu.suggestions.models import Suggestion

pytestmark = pytest.mark.article(31)


def test_the_lead_unit_answers_with_an_issued_letter(user, assigned) -> None:
    with pytest.raises(Refused):
        draft_answer(user("czj_head"), assigned, "答复。")  # the co-unit does not answer
    doc = draft_answer(user("jyj_head"), assigned, "代表：您的建议收悉……")
    assert (doc.doc_type, doc.issuer.code, doc.state) == ("han", "jyj", DocState.DRAFT)
    assert [u.code for u in doc.main_recipients.all()] == ["npc-standing"]
    s = Suggestion.objects.get(pk=assigned.pk)
    assert s.answer_document_id == doc.pk
    assert not s.answered  # a draft is not an answer
    with pytest.raises(Refused):
        draft_answer(user("jyj_head"), assigned, "第二份答复。")
    submit_for_review(user("jyj_head"), doc)
    assert not Suggestion.objects.get(pk=assigned.pk).answered


def test_answered_once_the_letter_is_issued(user, assigned) -> None:
    doc = answer(user, assigned)
    s = Suggestion.objects.get(pk=assigned.pk)
    assert doc.number
    assert s.answered
    assert s.status_label == "已答复，待反馈意见"
