"""Review after changes (arts. 49, 51): a revision of the 正文 under review or awaiting signature
goes back to review, audited, and the reviewers are told; steps before signing taken on an
earlier version no longer count; a change after signature goes back to the signer (复核), or,
when he can no longer sign that day, to whoever art. 49 names now — and the page says so."""

from __future__ import annotations

import pytest

from tests.documents.conftest import notified, unit
from tests.documents.test_outgoing_flow import BODY, awaiting_signature, drafted_reply, instructed_request
from zhengwu.audit.models import AuditRecord
from zhengwu.core.decisions import InvalidInput, Refused
from zhengwu.documents.actions.outgoing import (
    record_signing_step,
    review,
    revise_outgoing,
    sign,
    submit_for_review,
)
from zhengwu.documents.models import DocState, OpinionKind
from zhengwu.documents.selectors import signing_requirement_for

pytestmark = pytest.mark.usefixtures("frozen")


def _last_revision(doc) -> AuditRecord:
    return AuditRecord.objects.filter(action="documents.outgoing.revise", object_id=str(doc.pk)).last()


@pytest.mark.article(51)
def test_a_draft_revised_stays_a_draft(user) -> None:
    reply = drafted_reply(user, instructed_request(user))
    revise_outgoing(user("clerk_wendian"), reply, BODY + "\n补充。")
    assert reply.state == DocState.DRAFT
    assert not notified("修改后重新审核")


@pytest.mark.article(51)
def test_a_revision_awaiting_signature_goes_back_to_the_office_review(user) -> None:
    reply = awaiting_signature(user, instructed_request(user))
    revise_outgoing(user("clerk_wendian"), reply, BODY + "\n补充：抄送州财政局。")
    reply.refresh_from_db()
    assert reply.state == DocState.REVIEWING
    record = _last_revision(reply)
    assert record.article == 51
    assert "待签发时修改，退回重新审核" in record.summary
    assert {"secretary_general", "office_director"} <= notified("修改后重新审核")
    with pytest.raises(Refused) as refused:
        sign(user("governor"), reply)
    assert refused.value.decisions[0].code == "state.wrong"
    review(user("office_director"), reply, True, "修改后格式无误。")
    assert reply.state == DocState.AWAITING_SIGNATURE


@pytest.mark.article(51)
def test_a_revision_under_review_is_reviewed_again_and_the_reviewers_are_told(user) -> None:
    reply = drafted_reply(user, instructed_request(user))
    submit_for_review(user("clerk_wendian"), reply)
    revise_outgoing(user("clerk_wendian"), reply, BODY + "\n补充。")
    assert reply.state == DocState.REVIEWING
    assert "审核期间修改，退回重新审核" in _last_revision(reply).summary
    assert "office_director" in notified("修改后重新审核")


@pytest.mark.article(49)
def test_a_review_before_signing_counts_only_for_the_version_it_was_of(user) -> None:
    reply = awaiting_signature(user, instructed_request(user))
    record_signing_step(user("vice_liu"), reply, "同意。")
    step = reply.opinions.get(kind=OpinionKind.SIGNING_STEP)
    assert step.version.number == 1
    revise_outgoing(user("clerk_wendian"), reply, BODY + "\n补充。")
    review(user("office_director"), reply, True, "")
    with pytest.raises(Refused) as refused:
        sign(user("governor"), reply)
    assert refused.value.decisions[-1].code == "signing.steps_pending"
    record_signing_step(user("vice_liu"), reply, "修改后同意。")
    sign(user("governor"), reply)
    assert reply.state == DocState.SIGNED


@pytest.mark.article(6, 49)
def test_recheck_when_the_signer_can_no_longer_sign_goes_to_whom_art_49_names_now(user) -> None:
    from zhengwu.org.actions import report_absence
    from zhengwu.org.models import Person, Position

    reply = awaiting_signature(user, instructed_request(user))
    record_signing_step(user("vice_liu"), reply, "同意。")
    sign(user("governor"), reply)
    revise_outgoing(user("clerk_wendian"), reply, BODY + "\n补充。")
    assert "governor" in notified("待复核签发")
    governor = Person.objects.get(user__username="governor")
    day = reply.created_at.date()
    report_absence(
        user("governor"),
        governor,
        day,
        day,
        "北京",
        "trip",
        entrust_to=Position.objects.get(kind="executive_vice_governor"),
    )
    requirement = signing_requirement_for(reply)
    assert "买买提·艾力当日不能签发，改由本条现在规定的张建华（常务副州长，代州长）签发" in requirement.summary
    record_signing_step(user("vice_liu"), reply, "同意。")
    sign(user("exec_vice"), reply)
    assert (reply.state, reply.signer.name) == (DocState.SIGNED, "张建华")


@pytest.mark.article(49)
def test_changing_the_concerned_units_changes_who_reviews_and_is_a_change(user) -> None:
    reply = awaiting_signature(user, instructed_request(user))
    assert "刘振东（副州长）审核" in signing_requirement_for(reply).who
    body = reply.versions.get().body
    with pytest.raises(InvalidInput) as unchanged:
        revise_outgoing(user("clerk_wendian"), reply, body, concerned_units=["fgw"])
    assert unchanged.value.field == "body"
    with pytest.raises(InvalidInput) as unknown:
        revise_outgoing(user("clerk_wendian"), reply, body, concerned_units=["nowhere"])
    assert unknown.value.field == "signing_facts.concerned_units"
    revise_outgoing(user("clerk_wendian"), reply, body, concerned_units=["jyj"])
    reply.refresh_from_db()
    assert reply.signing_facts["concerned_units"] == ["jyj"]
    assert reply.state == DocState.REVIEWING
    assert "变更主办、涉及单位" in _last_revision(reply).summary
    assert "阿依古丽·吐尔逊（副州长）审核" in signing_requirement_for(reply).who
    assert unit("jyj").code == "jyj"
