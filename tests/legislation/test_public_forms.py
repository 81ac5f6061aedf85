"""zhengwu.core.public_forms: the client address behind trusted proxies, tokens of another form."""

from __future__ import annotations

import pytest
from django.test import RequestFactory

from zhengwu.core.public_forms import FormRejected, PublicForm, client_address


def test_client_address(settings) -> None:
    request = RequestFactory().post("/", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="1.2.3.4, 10.0.0.9")
    assert client_address(request) == "10.0.0.1"
    settings.ZHENGWU_TRUSTED_PROXY_COUNT = 1
    assert client_address(request) == "10.0.0.9"
    settings.ZHENGWU_TRUSTED_PROXY_COUNT = 2
    assert client_address(request) == "1.2.3.4"


def test_a_token_of_another_form_is_refused() -> None:
    token = PublicForm("a", min_seconds=0).issue().token
    request = RequestFactory().post("/", {"form_token": token, "website": ""})
    with pytest.raises(FormRejected) as rejected:
        PublicForm("b", min_seconds=0).verify(request)
    assert rejected.value.reason == "bad_token"
    PublicForm("a", min_seconds=0).verify(request)
