"""A document's detail in the API lists every act of its workflow and whether the caller may take
it now (issue 14), the same acts the document page offers, for people on both sides of each rule:
the 州长 may sign only after the 分管 leader's review (art. 49)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
import time_machine

from tests.documents.conftest import NOW
from tests.documents.test_outgoing_draft import draft, to_signature
from zhengwu.documents import selectors
from zhengwu.documents.actions import intake
from zhengwu.documents.actions.outgoing import record_signing_step
from zhengwu.documents.models import Document
from zhengwu.org.models import Unit

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _today() -> Iterator[None]:
    with time_machine.travel(NOW, tick=False):
        yield


def actions(api, doc: Document) -> dict[str, dict]:
    response = api.get(f"/documents/{doc.pk}")
    assert response.status_code == 200
    return {a["name"]: a for a in response.json()["actions"]}


def page_offers(client, doc: Document) -> set[str]:
    html = client.get(f"/documents/{doc.pk}/").content.decode()
    names = {n for n in selectors.acts_of(doc) if f'action="/documents/{doc.pk}/act/{n}/"' in html}
    if f"?replies_to={doc.pk}" in html:
        names.add("draft_reply")
    return names


def allowed(listed: dict[str, dict]) -> set[str]:
    return {name for name, a in listed.items() if a["allowed"]}


@pytest.mark.article(49)
def test_the_governor_may_sign_only_after_the_portfolio_leaders_review(user, api_as) -> None:
    notice = to_signature(user, draft(user, signing_facts={"important": True, "concerned_units": ["fgw"]}))
    before = actions(api_as("governor"), notice)
    assert set(before) == set(selectors.OUTGOING_ACTS)
    assert not before["sign"]["allowed"]
    assert before["sign"]["code"] == "signing.steps_pending"
    assert "尚待刘振东（副州长）审核" in before["sign"]["explanation"]
    assert "《工作规则》第四十九条" in before["sign"]["explanation"]
    assert allowed(actions(api_as("vice_liu"), notice)) == {"signing_step"}

    record_signing_step(user("vice_liu"), notice, "同意。")
    assert allowed(actions(api_as("governor"), notice)) == {"sign"}
    assert allowed(actions(api_as("vice_liu"), notice)) == set()


PEOPLE = ["governor", "exec_vice", "vice_liu", "office_director", "clerk_wendian", "fgw_clerk", "fgw_head"]


@pytest.mark.parametrize("stage", ["reviewing", "awaiting", "stepped", "submission", "submitted", "routed"])
def test_the_api_lists_what_the_page_offers(user, api_as, client_as, stage) -> None:
    if stage in ("submission", "submitted", "routed"):
        doc = intake.create_submission(
            user("fgw_clerk"),
            Unit.objects.get(code="fgw"),
            "qingshi",
            "关于启动公路改建项目前期工作的请示",
            "州人民政府：……妥否，请批示。",
            ["同意启动公路改建项目前期工作"],
            [Unit.objects.get(code="gov")],
            [],
        )
        if stage != "submission":
            intake.sign_and_submit(user("fgw_head"), doc)
        if stage == "routed":
            intake.receive(user("clerk_wendian"), doc)
            intake.check(user("clerk_wendian"), doc)
            intake.write_office_opinion(user("office_director"), doc, "拟请刘振东副州长阅示。")
    else:
        doc = draft(user, signing_facts={"important": True, "concerned_units": ["fgw"]})
        if stage == "reviewing":
            from zhengwu.documents.actions.outgoing import submit_for_review

            submit_for_review(user("clerk_wendian"), doc)
        else:
            to_signature(user, doc)
        if stage == "stepped":
            record_signing_step(user("vice_liu"), doc, "同意。")
    seen_allowed = False
    for username in PEOPLE:
        page = client_as(username).get(f"/documents/{doc.pk}/")
        if page.status_code == 404:  # not visible to this person: no detail in the API either
            assert api_as(username).get(f"/documents/{doc.pk}").status_code == 404
            continue
        listed = actions(api_as(username), doc)
        assert allowed(listed) == page_offers(client_as(username), doc), username
        seen_allowed |= bool(allowed(listed))
        for a in listed.values():
            assert a["explanation"], (username, a)
    assert seen_allowed
