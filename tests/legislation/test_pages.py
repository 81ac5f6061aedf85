"""The staff pages: list, new draft, the draft page with the actions of its stage, refusals shown
with their articles, the catalogue and clean-ups, the workbench panel."""

from __future__ import annotations

import pytest

from tests.legislation.conftest import BODY

pytestmark = [pytest.mark.article(22), pytest.mark.usefixtures("frozen")]


def test_draft_and_open_through_the_pages(client_as) -> None:
    clerk = client_as("fgw_clerk")
    assert clerk.get("/legislation/").status_code == 200
    created = clerk.post(
        "/legislation/new/",
        {
            "kind": "normative",
            "drafting_unit": "fgw",
            "government_issues": "on",
            "title": "价格监测管理办法",
            "body": BODY,
        },
    )
    assert created.status_code == 302
    url = created["Location"]
    page = clerk.get(url).content.decode()
    assert "似设定行政处罚" in page
    # opening for comment is the unit's leaders' (art. 21): not offered to the clerk, refused if posted
    assert 'id="act-open"' not in page
    refused = clerk.post(url + "open/")
    assert refused.status_code == 403
    assert "第二十一条" in refused.content.decode()
    head = client_as("fgw_head")
    assert 'id="act-open"' in head.get(url).content.decode()
    assert head.post(url + "open/").status_code == 302
    assert "公开征求意见中" in clerk.get(url).content.decode()


def test_review_page_for_the_sfj_and_the_workbench(client_as, answered) -> None:
    from zhengwu.legislation.actions.review import submit_for_review
    from zhengwu.org.models import Person

    submit_for_review(Person.objects.get(user__username="fgw_head").user, answered)
    sfj = client_as("sfj_clerk")
    assert "待合法性审查" in sfj.get("/").content.decode()
    response = sfj.post(f"/legislation/{answered.pk}/review/", {"passed": "no", "reasons": "第四条设定罚款。"})
    assert response.status_code == 302
    answered.refresh_from_db()
    assert answered.state == "returned"


def test_catalogue_and_cleanups_pages(client_as, published) -> None:
    sfj = client_as("sfj_head")
    assert published.title in sfj.get("/legislation/catalogue/").content.decode()
    assert sfj.post("/legislation/catalogue/").status_code == 302
    started = sfj.post("/legislation/cleanups/", {"title": "2026年清理"})
    assert started.status_code == 302
    assert published.title in sfj.get(started["Location"]).content.decode()
    assert client_as("fgw_head").post("/legislation/catalogue/").status_code == 403
