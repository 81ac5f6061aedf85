"""A response never reports failure for a change that was committed (issue 11: "three documents that
were committed were reported to their senders as failures").  A failure after the action's
transaction committed (here: building the answer) is logged with its traceback and answered 200
``{"committed": true}``; a failure before the commit is still a failure, and nothing is kept."""

from __future__ import annotations

import logging

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from tests.security.conftest import SUBMISSION
from zhengwu.documents.models import Document

pytestmark = pytest.mark.django_db(transaction=True)


def _clerk() -> Client:
    client = Client(raise_request_exception=False, enforce_csrf_checks=False)
    client.force_login(get_user_model().objects.get(username="fgw_clerk"))
    return client


def _post(client: Client):
    import json

    return client.post("/api/documents/submissions", json.dumps(SUBMISSION), content_type="application/json")


def test_a_failure_after_the_commit_answers_that_the_act_was_done(demo_loaded, monkeypatch, caplog):
    def broken(*args, **kwargs):
        raise RuntimeError("the answer could not be rendered")

    monkeypatch.setattr("zhengwu.apis.documents._fresh", broken)
    before = Document.objects.count()
    with caplog.at_level(logging.ERROR):
        response = _post(_clerk())
    assert Document.objects.count() == before + 1  # committed
    assert response.status_code == 200
    body = response.json()
    assert body["committed"] is True
    assert "已经办理并保存" in body["detail"]
    assert any(r.exc_info and isinstance(r.exc_info[1], RuntimeError) for r in caplog.records)


def test_a_database_failure_after_the_commit_is_not_a_503_either(demo_loaded, monkeypatch):
    from django.db import OperationalError

    def down(*args, **kwargs):
        raise OperationalError("server closed the connection unexpectedly")

    monkeypatch.setattr("zhengwu.apis.documents._fresh", down)
    before = Document.objects.count()
    response = _post(_clerk())
    assert Document.objects.count() == before + 1
    assert response.status_code == 200
    assert response.json()["committed"] is True


def test_a_failure_before_the_commit_is_still_a_failure(demo_loaded, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("inside the action")

    monkeypatch.setattr("zhengwu.documents.actions.intake.audit.record", broken)
    before = Document.objects.count()
    response = _post(_clerk())
    assert response.status_code == 500
    assert "committed" not in response.json()
    assert Document.objects.count() == before


def test_a_page_whose_act_committed_says_it_was_done(demo_loaded, monkeypatch):
    from zhengwu.org.models import Unit

    def broken(*args, **kwargs):
        raise RuntimeError("the redirect could not be built")

    monkeypatch.setattr("zhengwu.web.views.documents.redirect", broken)
    before = Document.objects.count()
    response = _clerk().post(
        "/documents/new/",
        {
            "issuer": Unit.objects.get(code="fgw").pk,
            "doc_type": "qingshi",
            "title": SUBMISSION["title"],
            "body": SUBMISSION["body"],
            "request_items": "安排前期工作经费\n",
            "main_recipient": Unit.objects.get(code="gov").pk,
            "classification": "none",
            "urgency": "normal",
        },
    )
    assert Document.objects.count() == before + 1
    assert response.status_code == 200
    assert "已经办理并保存" in response.content.decode()
