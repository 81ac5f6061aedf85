"""Linking an upward matter to the document that carried it (art. 16)."""

from __future__ import annotations

import pytest

from zhengwu.core.decisions import InvalidInput, Refused
from zhengwu.documents.models import DocState
from zhengwu.reporting import actions

pytestmark = [pytest.mark.article(16), pytest.mark.usefixtures("frozen")]


def test_the_issued_request_makes_the_matter_reported(user, make_upward, issued_upward):
    report = make_upward()
    doc = issued_upward()
    actions.link_document(user("clerk_wendian"), report, doc)
    report.refresh_from_db()
    assert report.state == "reported"
    assert list(report.documents.all()) == [doc]
    assert report.reported_on is not None
    with pytest.raises(InvalidInput):
        actions.link_document(user("clerk_wendian"), report, doc)


@pytest.mark.parametrize(
    ("to", "state", "code"),
    [
        ("party-committee", DocState.ISSUED, "reports.upward.not_addressed"),
        ("xj-gov", DocState.SIGNED, "reports.upward.not_issued"),
    ],
)
def test_a_document_that_did_not_carry_it_is_refused(user, make_upward, issued_upward, to, state, code):
    report = make_upward()
    with pytest.raises(Refused) as exc:
        actions.link_document(user("clerk_wendian"), report, issued_upward(to=to, state=state))
    assert exc.value.decisions[0].code == code
    assert exc.value.decisions[0].citation.article == 16
    report.refresh_from_db()
    assert report.state == "registered"
    assert not report.documents.exists()


def test_only_the_office_links(user, make_upward, issued_upward):
    report = make_upward()
    with pytest.raises(Refused):
        actions.link_document(user("fgw_head"), report, issued_upward())
    assert not report.documents.exists()
