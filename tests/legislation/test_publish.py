"""Signature per art. 49 and issue through the documents flow, then publication (有效) on the portal,
filing opened (art. 22) and, for a successor, the predecessor repealed."""

from __future__ import annotations

import pytest

from tests.legislation.conftest import unit
from zhengwu.core.decisions import Refused
from zhengwu.documents.actions.outgoing import (
    issue,
    record_signing_step,
    review,
    revise_outgoing,
    sign,
    submit_for_review,
)
from zhengwu.documents.selectors import signing_requirement_for
from zhengwu.legislation.actions.adoption import prepare_document, publish
from zhengwu.legislation.models import NormativeDraft
from zhengwu.portal.models import ItemKind
from zhengwu.portal.services import queued_for

pytestmark = pytest.mark.article(22)


def issued(user, draft: NormativeDraft) -> NormativeDraft:
    doc = prepare_document(user("clerk_wendian"), draft)
    submit_for_review(user("clerk_wendian"), doc)
    review(user("office_director"), doc, True, "")
    record_signing_step(user("vice_liu"), doc, "同意。")
    sign(user("governor"), doc)
    issue(user("clerk_wendian"), doc)
    return draft


@pytest.mark.article(49)
def test_the_governor_signs_and_the_office_issues_and_publishes(user, deliberated) -> None:
    doc = prepare_document(user("clerk_wendian"), deliberated)
    assert deliberated.state == "signing"
    assert signing_requirement_for(doc).who.startswith("签发人：买买提·艾力（州长）")
    submit_for_review(user("clerk_wendian"), doc)
    review(user("office_director"), doc, True, "")
    record_signing_step(user("vice_liu"), doc, "同意。")
    with pytest.raises(Refused) as refused:
        publish(user("clerk_gongkai"), deliberated)  # not issued yet
    assert refused.value.explanations == ["公文尚未登记印发，不能公布（《工作规则》第二十二条）"]
    sign(user("governor"), doc)
    issue(user("clerk_wendian"), doc)
    with pytest.raises(Refused):
        publish(user("fgw_clerk"), deliberated)  # the office publishes the government's
    publish(user("clerk_gongkai"), deliberated)
    deliberated.refresh_from_db()
    assert (deliberated.state, deliberated.validity, deliberated.doc_number) == (
        "published",
        "in_force",
        "克政发〔2026〕1号",
    )
    item = queued_for(deliberated, ItemKind.NORMATIVE)
    assert item is not None
    assert (item.validity, item.doc_number) == ("in_force", "克政发〔2026〕1号")
    assert sorted(f.recipient.code for f in deliberated.filings.all()) == ["npc-standing", "xj-gov"]
    assert {f.due.isoformat() for f in deliberated.filings.all()} == {"2026-11-13"}


def test_a_text_changed_after_review_is_not_signed_issued_or_published(user, deliberated) -> None:
    doc = prepare_document(user("clerk_wendian"), deliberated)
    revise_outgoing(user("clerk_wendian"), doc, doc.versions.get().body + "\n第六条 违者没收违法所得。")
    submit_for_review(user("clerk_wendian"), doc)
    review(user("office_director"), doc, True, "")
    record_signing_step(user("vice_liu"), doc, "同意。")
    with pytest.raises(Refused) as unsigned:  # the review passed the draft's text, not this one
        sign(user("governor"), doc)
    assert any("重新审核" in e and "第二十二条" in e for e in unsigned.value.explanations)
    with pytest.raises(Refused):
        issue(user("clerk_wendian"), doc)
    with pytest.raises(Refused):
        publish(user("clerk_gongkai"), deliberated)


def test_nothing_is_signed_before_deliberation(user, passed) -> None:
    with pytest.raises(Refused):
        prepare_document(user("clerk_wendian"), passed)


def test_a_departments_own_document_records_its_number(user, frozen) -> None:
    import datetime as dt

    from tests.legislation.conftest import BODY
    from zhengwu.legislation.actions.adoption import record_deliberation, record_unit_issue
    from zhengwu.legislation.actions.drafting import create_draft
    from zhengwu.legislation.actions.review import review as legal_review
    from zhengwu.legislation.actions.review import submit_for_review as submit_legal

    draft = create_draft(
        user("fgw_clerk"),
        kind="normative",
        title="发改委涉密文件",
        body=BODY.replace("罚款", "批评"),
        drafting_unit=unit("fgw"),
        government_issues=False,
        secret=True,
        secret_reason="涉密",
    )
    submit_legal(user("fgw_head"), draft)
    legal_review(user("sfj_clerk"), draft, passed=True, reasons="通报批评系内部管理措施，同意。")
    record_deliberation(user("fgw_head"), draft, meeting_ref="委务会议", held_on=dt.date(2026, 9, 28))
    record_unit_issue(user("fgw_head"), draft, doc_number="克发改规〔2026〕1号", written_on=dt.date(2026, 9, 28))
    publish(user("fgw_clerk"), draft)
    assert [f.recipient.code for f in draft.filings.all()] == ["gov"]
