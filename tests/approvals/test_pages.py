"""The approvals pages (arts. 57, 59, 60): the registers, a new request, one request and its acts."""

from __future__ import annotations

import pytest

from zhengwu.approvals.models import ApprovalRequest, State

pytestmark = pytest.mark.usefixtures("frozen")


@pytest.mark.article(57)
def test_a_member_asks_and_the_governor_approves_on_the_pages(client_as) -> None:
    head = client_as("jyj_head")
    r = head.post(
        "/approvals/new/?kind=signed_article",
        {"kind": "signed_article", "title": "署名文章一篇", "counterpart": "克孜勒苏日报"},
    )
    assert r.status_code == 302
    req = ApprovalRequest.objects.get(title="署名文章一篇")
    page = head.get(f"/approvals/{req.pk}/").content.decode()
    assert "/act/decide/" not in page
    assert "/act/publish/" not in page
    governor = client_as("governor")
    assert f"/approvals/{req.pk}/" in governor.get("/").content.decode()  # on the governor's workbench
    assert governor.post(f"/approvals/{req.pk}/act/decide/", {"approve": "1"}).status_code == 302
    req.refresh_from_db()
    assert req.state == State.APPROVED
    assert "/act/publish/" in head.get(f"/approvals/{req.pk}/").content.decode()


@pytest.mark.article(57)
def test_a_refusal_shows_its_article(client_as) -> None:
    head = client_as("jyj_head")
    head.post("/approvals/new/", {"kind": "signed_article", "title": "署名文章二", "counterpart": "日报"})
    req = ApprovalRequest.objects.get(title="署名文章二")
    r = client_as("exec_vice").post(f"/approvals/{req.pk}/act/decide/", {"approve": "1"})
    assert r.status_code == 403
    assert "第五十七条" in r.content.decode()


@pytest.mark.article(59, 60)
def test_the_registers_list_each_kind(client_as) -> None:
    c = client_as("wsb_clerk")
    for group, text in (("publications", "署名文章"), ("foreign", "会见"), ("delegations", "出访")):
        page = c.get(f"/approvals/?group={group}")
        assert page.status_code == 200
        assert text in page.content.decode()
    assert c.get("/approvals/new/?kind=delegation").status_code == 200
    assert "报批事项" in c.get("/approvals/").content.decode()
