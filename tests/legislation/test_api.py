"""The API runs the same actions: create, open for comment, review with flags, refusals with articles."""

from __future__ import annotations

import json

import pytest

from tests.legislation.conftest import BODY

pytestmark = [pytest.mark.article(22), pytest.mark.usefixtures("frozen")]


def post(client, path: str, body: dict[str, object] | None = None):
    return client.post(f"/api{path}", json.dumps(body or {}), content_type="application/json")


def test_draft_open_and_refusals(client_as) -> None:
    clerk, head = client_as("fgw_clerk"), client_as("fgw_head")
    created = post(
        clerk,
        "/legislation/drafts",
        {"kind": "normative", "title": "价格监测管理办法", "body": BODY, "drafting_unit": "fgw"},
    )
    assert created.status_code == 201, created.content
    draft = created.json()
    assert draft["flags"][0]["ground"] == "行政处罚"
    assert draft["flags"][0]["article"] == 4
    refused = post(clerk, f"/legislation/drafts/{draft['id']}/submit-for-review")
    assert refused.status_code == 403
    assert any(d["citation"]["article"] == 21 for d in refused.json()["decisions"])
    bad = post(clerk, "/legislation/drafts", {"kind": "x", "title": "t", "body": BODY, "drafting_unit": "fgw"})
    assert bad.status_code == 422
    opened = post(head, f"/legislation/drafts/{draft['id']}/open-for-comment", {})
    assert opened.status_code == 200
    assert opened.json()["state"] == "consulting"
    listing = client_as("czj_head").get("/api/legislation/drafts")
    assert draft["id"] in [d["id"] for d in listing.json()]


def test_a_secret_draft_is_hidden_from_other_units(client_as) -> None:
    created = post(
        client_as("fgw_clerk"),
        "/legislation/drafts",
        {
            "kind": "normative",
            "title": "涉密办法",
            "body": BODY,
            "drafting_unit": "fgw",
            "secret": True,
            "secret_reason": "涉及国家秘密",
        },
    )
    draft_id = created.json()["id"]
    assert client_as("czj_head").get(f"/api/legislation/drafts/{draft_id}").status_code == 404
    assert client_as("sfj_clerk").get(f"/api/legislation/drafts/{draft_id}").status_code == 200


def test_review_and_validity_through_the_api(client_as, answered, published) -> None:
    sfj = client_as("sfj_head")
    repealed = post(
        sfj,
        f"/legislation/drafts/{published.pk}/validity",
        {"validity": "repealed", "effective_on": "2026-10-20", "reason": "清理决定废止"},
    )
    assert repealed.status_code == 200, repealed.content
    assert repealed.json()["validity"] == "repealed"
    again = post(
        sfj,
        f"/legislation/drafts/{published.pk}/validity",
        {"validity": "revoked", "effective_on": "2026-10-20", "reason": "撤销"},
    )
    assert again.status_code == 403
    catalogue = client_as("fgw_head").get("/api/legislation/catalogue").json()
    assert published.title not in [e["title"] for e in catalogue["entries"]]
