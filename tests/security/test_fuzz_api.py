"""Property-based fuzzing of the whole API against its OpenAPI schema (schemathesis): whatever a
signed-in caller sends, the answer is never a server error (issue 11: "no 500 from bad input").

Every operation of ``/api/openapi.json`` is called with cases generated from its schema (valid and
invalid path, query, headers and bodies), as the office clerk ``clerk_wendian`` with a bearer token
(the account that may do the most), through the WSGI application itself.  The only check is
schemathesis's ``not_a_server_error``: 4xx answers are the point.

Bounded for ``make test`` (a few examples per operation, derandomized, so that a run is the same on
every machine and takes well under three minutes on SQLite).  To fuzz harder::

    ZHENGWU_FUZZ_EXAMPLES=50 ZHENGWU_FUZZ_RANDOM=1 ZHENGWU_FUZZ_COVERAGE=1 ZHENGWU_FUZZ_USER=admin \
        .venv/bin/python -m pytest tests/security/test_fuzz_api.py

(``ZHENGWU_FUZZ_COVERAGE=1`` adds schemathesis's coverage phase: boundary and negative values of
every parameter.)  schemathesis 4.32's lazy loader (``schemathesis.pytest.from_fixture``) reaches
into pytest internals that pytest 9 removed (``Function._nodeid``), so the schema is built here in
process with ``from_dict`` and served through the WSGI application.
"""

from __future__ import annotations

import os
from typing import Any

import pytest
import schemathesis
from django.contrib.auth import get_user_model
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, Phase, settings
from schemathesis.checks import not_a_server_error

from zhengwu.tokens.services import create_token

EXAMPLES = int(os.environ.get("ZHENGWU_FUZZ_EXAMPLES", "4"))
RANDOM = os.environ.get("ZHENGWU_FUZZ_RANDOM") == "1"
FUZZER = os.environ.get("ZHENGWU_FUZZ_USER", "clerk_wendian")
# The coverage phase (schemathesis's boundary and negative cases, as explicit examples) only when
# fuzzing harder: it adds dozens of cases per operation.
PHASES = [Phase.explicit, Phase.generate] if os.environ.get("ZHENGWU_FUZZ_COVERAGE") == "1" else [Phase.generate]


class SiteApp(WSGIHandler):
    """The site's WSGI application, as the test client runs it: the request signals do not close the
    test's database connection (its transaction holds the demo and is rolled back at the end)."""

    def __call__(self, environ: dict[str, Any], start_response: Any) -> Any:
        request_started.disconnect(close_old_connections)
        request_finished.disconnect(close_old_connections)
        try:
            return super().__call__(environ, start_response)
        finally:
            request_started.connect(close_old_connections)
            request_finished.connect(close_old_connections)


@pytest.fixture
def fuzzer(db) -> Any:
    return get_user_model().objects.get(username=FUZZER)


def _schema() -> Any:
    """The schema as ``/api/openapi.json`` serves it (built in process: no request, no database)."""
    from zhengwu.api import api

    loaded = schemathesis.openapi.from_dict(api.get_openapi_schema(path_prefix="/api/"))
    loaded.app = SiteApp()
    return loaded


schema = _schema()


@schema.parametrize()
@settings(
    max_examples=EXAMPLES,
    derandomize=not RANDOM,
    database=None,
    deadline=None,
    phases=PHASES,
    suppress_health_check=list(HealthCheck),
)
def test_no_input_gives_a_server_error(case: Any, fuzzer: Any) -> None:
    # A token for each case: a case that revokes the caller's tokens (DELETE /api/tokens/{id}) does
    # not leave the rest of the run unauthenticated.
    token = create_token(fuzzer, "schemathesis", by_operator=True).secret
    response = case.call_and_validate(headers={"Authorization": f"Bearer {token}"}, checks=[not_a_server_error])
    assert response.status_code != 401, "the fuzzer is signed in: every case reaches the operation"


# ---------------------------------------------------------------- what the fuzzer found, kept as tests


@pytest.mark.parametrize(
    ("path", "body"),
    [
        ("/meetings/topics", {"unit": "", "title": "", "summary": ""}),  # was 500: assert unit is not None
        ("/meetings/wide", {"unit": "", "title": "某会议", "date": "2026-07-01", "venue": "州政府"}),
    ],
)
def test_an_empty_unit_is_bad_input_not_a_server_error(api_as, path: str, body: dict[str, Any]) -> None:
    answer = api_as(FUZZER).post(path, body)
    assert answer.status_code == 422
    assert answer.json()["field"] == "unit"
    assert answer.json()["detail"] == "请填写单位代码。"


@pytest.mark.parametrize("year", ["0", "1", "-5", "10000"])
def test_a_report_year_out_of_range_is_bad_input_not_a_server_error(api_as, year: str) -> None:
    answer = api_as("clerk_gongkai").get("/portal/applications/report", year=year)  # was 500: date(year - 1, …)
    assert answer.status_code == 422
    assert "year" in str(answer.json())
