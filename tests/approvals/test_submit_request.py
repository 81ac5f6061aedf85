"""报批 (arts. 57, 59, 60): who asks, what is recorded, whom it goes to."""

from __future__ import annotations

import pytest

from tests.approvals.conftest import D, unit
from zhengwu.approvals.models import ApprovalRequest, State
from zhengwu.audit.services import action_records
from zhengwu.core.decisions import InvalidInput, Refused
from zhengwu.notices.models import Notice


def mine() -> int:
    return ApprovalRequest.objects.filter(is_demo=False).count()


@pytest.mark.article(57)
def test_a_member_asks_to_publish_a_signed_article_and_it_goes_to_the_governor(article, user) -> None:
    r = article()
    assert (r.state, r.approver, r.unit.code, r.author.user.username) == (
        State.SUBMITTED,
        "governor",
        "jyj",
        "jyj_head",
    )
    rec = action_records().filter(action="approvals.submit", object_id=str(r.pk)).get()
    assert (rec.article, rec.details["approver"]) == (57, "governor")
    assert Notice.objects.filter(recipient=user("governor"), url=f"/approvals/{r.pk}/").exists()


@pytest.mark.article(57)
def test_an_inscription_goes_to_the_office_to_be_referred_to_the_party_committee(article, user) -> None:
    r = article(kind="inscription", title="为校庆题词", counterpart="州第一中学")
    assert r.approver == "party_committee"
    assert Notice.objects.filter(recipient=user("office_director"), url=f"/approvals/{r.pk}/").exists()
    assert not Notice.objects.filter(recipient=user("governor"), url=f"/approvals/{r.pk}/").exists()


@pytest.mark.article(57)
def test_a_clerk_may_not_ask_to_publish(article) -> None:
    with pytest.raises(Refused) as refused:
        article("fgw_clerk")
    assert refused.value.decisions[0].citation.article == 57
    assert mine() == 0


@pytest.mark.article(60)
def test_a_foreign_guest_goes_to_the_foreign_affairs_office_first(guest, user) -> None:
    r = guest(important=True)
    assert (r.state, r.approver, r.important, r.unit.code) == (State.SUBMITTED, "governor_or_executive", True, "wsb")
    assert Notice.objects.filter(recipient=user("wsb_head"), url=f"/approvals/{r.pk}/").exists()
    assert action_records().filter(action="approvals.submit", object_id=str(r.pk)).get().article == 60


@pytest.mark.article(60)
def test_a_meeting_already_past_is_not_asked_for(guest) -> None:
    with pytest.raises(Refused) as refused:
        guest(planned_on=D(2026, 6, 1))
    assert (refused.value.decisions[0].code, refused.value.decisions[0].citation.article) == ("approvals.too_late", 60)
    assert mine() == 0


@pytest.mark.article(59)
def test_a_unit_asks_to_send_a_delegation(delegation) -> None:
    r = delegation()
    assert (r.unit.code, r.members, r.until, r.approver) == ("fgw", 4, D(2026, 7, 8), "governor_or_executive")


@pytest.mark.article(59)
def test_only_the_units_staff_ask_for_it(delegation) -> None:
    with pytest.raises(Refused) as refused:
        delegation(unit=unit("jyj"))
    assert refused.value.decisions[0].citation.article == 59
    assert mine() == 0


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"title": " "}, "title"),
        ({"kind": "banquet"}, "kind"),
        ({"planned_on": None}, "planned_on"),
        ({"until": D(2026, 6, 30)}, "until"),
        ({"members": 0}, "members"),
    ],
)
def test_bad_input_changes_nothing(delegation, kwargs, field) -> None:
    with pytest.raises(InvalidInput) as bad:
        delegation(**kwargs)
    assert bad.value.field == field
    assert mine() == 0


@pytest.mark.article(57)
def test_the_approver_is_read_from_the_rulebook_in_force(article) -> None:
    from zhengwu.rulebook.models import Parameter
    from zhengwu.rulebook.services import forget_views

    Parameter.objects.filter(key="approvals.approver.signed_article").update(value="governor_or_executive")
    forget_views()
    assert article().approver == "governor_or_executive"
    Parameter.objects.filter(key="approvals.approver.signed_article").update(value="nobody")
    forget_views()
    with pytest.raises(Refused) as refused:
        article(title="另一篇")
    assert (refused.value.decisions[0].code, refused.value.decisions[0].citation.article) == (
        "approvals.unknown_approver",
        57,
    )
    assert mine() == 1
