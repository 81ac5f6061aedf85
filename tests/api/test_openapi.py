"""The OpenAPI document: loads, is JSON, lists every path, tags them, declares both auth schemes."""

from __future__ import annotations

import re

PATHS = {
    ("get", "/api/me"),
    ("post", "/api/tokens"),
    ("get", "/api/tokens"),
    ("delete", "/api/tokens/{}"),
    ("get", "/api/org/units"),
    ("get", "/api/org/units/{}"),
    ("get", "/api/org/people/{}"),
    ("get", "/api/org/authority"),
    ("get", "/api/absences"),
    ("post", "/api/absences"),
    ("get", "/api/absences/{}"),
    ("post", "/api/absences/{}/return"),
    ("get", "/api/calendar/add-working-days"),
    ("get", "/api/calendar/working-days-between"),
    ("get", "/api/calendar/add-days"),
    ("get", "/api/calendar/years"),
    ("get", "/api/calendar/years/{}"),
    ("put", "/api/calendar/years/{}"),
    ("put", "/api/calendar/days/{}"),
    ("get", "/api/rules/versions"),
    ("get", "/api/rules/current"),
    ("get", "/api/rules/articles/{}"),
    ("get", "/api/rules/parameters"),
    ("patch", "/api/rules/parameters/{}"),
    ("get", "/api/rules/coverage"),
    ("get", "/api/audit/records"),
    ("post", "/api/audit/verify"),
    ("get", "/api/notices"),
    ("post", "/api/notices/{}/read"),
}


def _document(client):
    response = client.get("/api/openapi.json")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    return response.json()


def test_document_lists_every_path(client):
    doc = _document(client)
    found = {(method, re.sub(r"\{[^}]+\}", "{}", path)) for path, ops in doc["paths"].items() for method in ops}
    assert found >= PATHS


# What the public may read without an account: the published items of the portal (arts. 27-29).
PUBLIC = {("get", "/api/portal/items"), ("get", "/api/portal/items/{item_id}")}


def test_every_operation_is_tagged_and_secured_except_the_public_portal(client):
    doc = _document(client)
    for path, ops in doc["paths"].items():
        for method, op in ops.items():
            assert op.get("tags"), (method, path)
            assert bool(op.get("security")) == ((method, path) not in PUBLIC), (method, path)
    schemes = doc["components"]["securitySchemes"]
    assert {s["type"] for s in schemes.values()} == {"http", "apiKey"}


def test_refusals_are_documented_with_their_schema(client):
    op = _document(client)["paths"]["/api/absences"]["post"]
    assert set(op["responses"]) >= {"201", "401", "403", "422"}


def test_docs_page_is_off_because_it_needs_a_cdn(client):
    assert client.get("/api/docs").status_code == 404
