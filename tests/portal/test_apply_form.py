"""The public application form (art. 27): minimal personal data, protected against robots
(honeypot, a minimum time) and flooding (a rate limit per address)."""

from __future__ import annotations

import time

import pytest
from django.core import signing
from django.core.cache import cache
from django.test import Client

from zhengwu.core.public_forms import SALT
from zhengwu.portal.models import Application
from zhengwu.web.views.portal import APPLY_FORM

pytestmark = [pytest.mark.article(27), pytest.mark.usefixtures("frozen")]

FIELDS = {"applicant_name": "李四", "contact": "lisi@example.com", "description": "2026年州本级“三公”经费预算"}


def _token(age: float = 60) -> str:
    return signing.dumps({"f": APPLY_FORM.name, "t": time.time() - age}, salt=SALT)


@pytest.fixture(autouse=True)
def _clear_cache():
    cache.clear()
    yield
    cache.clear()


def test_form_asks_only_for_name_contact_description(db) -> None:
    page = Client().get("/public/apply/").content.decode()
    for field in ("applicant_name", "contact", "description"):
        assert f'for="{field}"' in page
    assert "身份证" not in page


def test_submission_is_received(db) -> None:
    before = Application.objects.count()
    response = Client().post("/public/apply/", {**FIELDS, "form_token": _token()})
    assert response.status_code == 200
    assert "申请编号" in response.content.decode()
    assert Application.objects.count() == before + 1


def test_robots_are_refused(db) -> None:
    before = Application.objects.count()
    spam = {**FIELDS, "form_token": _token(), "website": "http://spam"}
    assert Client().post("/public/apply/", spam).status_code == 400
    assert Client().post("/public/apply/", {**FIELDS, "form_token": _token(age=0)}).status_code == 400  # too fast
    assert Client().post("/public/apply/", {**FIELDS, "form_token": "forged"}).status_code == 400
    assert Application.objects.count() == before


def test_missing_fields_are_explained(db) -> None:
    response = Client().post("/public/apply/", {**FIELDS, "contact": "", "form_token": _token()})
    assert response.status_code == 422
    assert "联系方式" in response.content.decode()


def test_rate_limited_per_address(db) -> None:
    client = Client()
    for _ in range(APPLY_FORM.limit):
        assert client.post("/public/apply/", {**FIELDS, "form_token": _token()}).status_code == 200
    refused = client.post("/public/apply/", {**FIELDS, "form_token": _token()})
    assert refused.status_code == 429
    assert "次数过多" in refused.content.decode()
