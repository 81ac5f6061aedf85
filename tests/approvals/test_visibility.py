"""Need to know for requests approved in advance (arts. 57, 59, 60; issue 11): the requesting unit,
its 分管 leader, the approvers, the government office and, for what it reviews, the 外事办 see a
request; anybody else gets 404 on it, as for a request that does not exist, and never sees it
listed."""

from __future__ import annotations

import pytest

from tests.api.conftest import Api
from zhengwu.approvals.selectors import requests_visible_to

pytestmark = pytest.mark.usefixtures("frozen")


def _sees(client_as, who: str, pk: int, title: str, group: str) -> bool:
    """What ``who`` is shown of the request, asserting the pages and the API agree."""
    client = client_as(who)
    page = client.get(f"/approvals/{pk}/").status_code
    api = Api(client).get(f"/approvals/{pk}").status_code
    listed = title in client.get("/approvals/", {"group": group}).content.decode()
    in_api = pk in {item["id"] for item in Api(client).get("/approvals", limit=100).json()["items"]}
    seen = (page, api, listed, in_api)
    assert seen in {(200, 200, True, True), (404, 404, False, False)}, f"{who}: {seen}"
    return seen[0] == 200


@pytest.mark.article(57)
def test_a_publication_is_seen_by_its_unit_its_leader_the_approvers_and_the_office(client_as, article) -> None:
    r = article(title="《知情范围测试》")  # the 教育局's head, in the 分管 of 副州长 阿依古丽
    for who in ("jyj_head", "vice_ayigul", "governor", "exec_vice", "clerk_wendian", "secretary_general"):
        assert _sees(client_as, who, r.pk, r.title, "publications"), who
    for who in ("fgw_clerk", "vice_liu", "akto_head", "wsb_clerk"):  # the 外事办 does not review writings
        assert not _sees(client_as, who, r.pk, r.title, "publications"), who


@pytest.mark.article(59)
def test_a_delegation_is_seen_by_the_foreign_affairs_office_too(client_as, delegation) -> None:
    r = delegation(title="知情范围测试团组")  # the 发展改革委, in the 分管 of 副州长 刘
    for who in ("fgw_clerk", "fgw_head", "vice_liu", "wsb_clerk", "exec_vice", "clerk_huiwu"):
        assert _sees(client_as, who, r.pk, r.title, "delegations"), who
    for who in ("jyj_head", "vice_ayigul", "czj_head"):
        assert not _sees(client_as, who, r.pk, r.title, "delegations"), who


@pytest.mark.article(59)
def test_an_outsider_cannot_act_on_a_request_it_may_not_see(client_as, delegation) -> None:
    r = delegation()
    assert client_as("jyj_head").post(f"/approvals/{r.pk}/act/review/", {"opinion": "同意"}).status_code == 404
    assert Api(client_as("jyj_head")).post(f"/approvals/{r.pk}/review", {"opinion": "同意"}).status_code == 404
    assert Api(client_as("wsb_clerk")).post(f"/approvals/{r.pk}/review", {"opinion": "同意"}).status_code == 200


def test_administrators_see_no_request(user, article) -> None:
    r = article()
    assert requests_visible_to(user("clerk_wendian")).filter(pk=r.pk).exists()
    for who in ("admin", "audit_admin"):
        assert not requests_visible_to(user(who)).exists(), who
