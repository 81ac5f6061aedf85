"""``Idempotency-Key``: a retried state-changing call returns the first answer and acts once (issue 11:
"There are no idempotency keys, so a client that retries creates a duplicate document")."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from django.utils import timezone

from tests.security.conftest import SUBMISSION
from zhengwu.documents.models import Document
from zhengwu.tokens.models import IdempotencyKey
from zhengwu.tokens.services import create_token

pytestmark = pytest.mark.django_db


def post(client, body, key: str | None = "8f14e45f-ceea-467f-a0e6-1a2b3c4d5e6f", **headers):
    if key is not None:
        headers["Idempotency-Key"] = key
    return client.post("/api/documents/submissions", json.dumps(body), content_type="application/json", headers=headers)


def test_a_retry_returns_the_first_answer_without_acting_again(api_as):
    client = api_as("fgw_clerk").client
    before = Document.objects.count()
    first = post(client, SUBMISSION)
    assert first.status_code == 201
    again = post(client, SUBMISSION)
    assert again.status_code == 201
    assert again.content == first.content
    assert again["Idempotent-Replayed"] == "true"
    assert Document.objects.count() == before + 1


def test_without_the_header_each_call_acts(api_as):
    client = api_as("fgw_clerk").client
    before = Document.objects.count()
    post(client, SUBMISSION, key=None)
    post(client, SUBMISSION, key=None)
    assert Document.objects.count() == before + 2


def test_the_same_key_with_another_body_is_422(api_as):
    client = api_as("fgw_clerk").client
    assert post(client, SUBMISSION).status_code == 201
    other = post(client, {**SUBMISSION, "title": "关于另一件事的请示"})
    assert other.status_code == 422
    assert "另一个请求" in other.json()["detail"]
    assert other.json()["field"] == "Idempotency-Key"


def test_keys_belong_to_one_account(api_as):
    before = Document.objects.count()
    assert post(api_as("fgw_clerk").client, SUBMISSION).status_code == 201
    assert post(api_as("fgw_deputy").client, SUBMISSION).status_code == 201
    assert Document.objects.count() == before + 2


def test_a_refusal_is_replayed_too(api_as):
    client = api_as("czj_head").client
    first = post(client, {**SUBMISSION, "issuer": "fgw"})
    assert first.status_code == 403
    again = post(client, {**SUBMISSION, "issuer": "fgw"})
    assert (again.status_code, again.content) == (403, first.content)


def test_a_token_caller_is_recognised(user, bearer):
    secret = create_token(user("fgw_clerk"), "收文系统", scope="read_write").secret
    client = bearer(secret).client
    before = Document.objects.count()
    headers = {"Authorization": f"Bearer {secret}"}
    first = post(client, SUBMISSION, **headers)
    again = post(client, SUBMISSION, **headers)
    assert first.status_code == again.status_code == 201
    assert again["Idempotent-Replayed"] == "true"
    assert Document.objects.count() == before + 1


def test_keys_expire_after_the_ttl(api_as, settings):
    settings.ZHENGWU_IDEMPOTENCY_TTL_HOURS = 24
    client = api_as("fgw_clerk").client
    before = Document.objects.count()
    assert post(client, SUBMISSION).status_code == 201
    IdempotencyKey.objects.update(created_at=timezone.now() - dt.timedelta(hours=25))
    assert "Idempotent-Replayed" not in post(client, SUBMISSION)
    assert Document.objects.count() == before + 2


@pytest.mark.parametrize("key", ["", "x" * 256, "ключ"])
def test_a_bad_key_is_422(api_as, key):
    response = post(api_as("fgw_clerk").client, SUBMISSION, key=key)
    assert response.status_code == 422
    assert "Idempotency-Key" in response.json()["detail"]


def test_a_server_error_before_any_commit_leaves_no_key(api_as, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("inside the action")

    monkeypatch.setattr("zhengwu.documents.actions.intake.audit.record", broken)
    client = api_as("fgw_clerk").client
    client.raise_request_exception = False
    assert post(client, SUBMISSION).status_code == 500
    assert not IdempotencyKey.objects.exists()
