"""Server errors: the database unavailable is 503 (JSON under /api/, a page for people), and every
server error reaches the log with its traceback in every settings profile (issue 11: "The database
down", "Server errors are not logged: no tracebacks reach any log in the production profile")."""

from __future__ import annotations

import logging
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import InterfaceError, OperationalError

from tests.security.conftest import SUBMISSION

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]


def _down(*args, **kwargs):
    raise OperationalError("could not connect to server: Connection refused")


def test_the_api_answers_503_json_when_the_database_is_down(api_as, monkeypatch, caplog):
    monkeypatch.setattr("zhengwu.apis.documents._fresh", _down)
    api = api_as("fgw_clerk")
    api.client.raise_request_exception = False
    with caplog.at_level(logging.ERROR):
        response = api.post("/documents/submissions", SUBMISSION)
    assert response.status_code == 503
    assert response["Content-Type"].startswith("application/json")
    assert "数据库暂时无法连接" in response.json()["detail"]
    assert response["Retry-After"]
    assert "Connection refused" not in response.content.decode()
    assert any(r.exc_info and isinstance(r.exc_info[1], OperationalError) for r in caplog.records)


def test_an_interface_error_is_503_too(api_as, monkeypatch):
    def gone(*args, **kwargs):
        raise InterfaceError("connection already closed")

    monkeypatch.setattr("zhengwu.apis.documents._fresh", gone)
    api = api_as("fgw_clerk")
    api.client.raise_request_exception = False
    assert api.post("/documents/submissions", SUBMISSION).status_code == 503


def test_the_database_down_before_the_api_is_reached_is_503_json(client_as, monkeypatch):
    """The session is read by middleware, before ninja: Django's handler answers."""
    client = client_as("fgw_clerk")
    client.raise_request_exception = False
    monkeypatch.setattr("django.contrib.sessions.backends.db.SessionStore.load", _down)
    response = client.get("/api/me")
    assert response.status_code == 503
    assert response["Content-Type"].startswith("application/json")
    assert "数据库暂时无法连接" in response.json()["detail"]


def test_a_page_answers_a_503_page_when_the_database_is_down(client_as, monkeypatch):
    client = client_as("fgw_clerk")
    client.raise_request_exception = False
    monkeypatch.setattr("django.contrib.sessions.backends.db.SessionStore.load", _down)
    response = client.get("/notices/")
    assert response.status_code == 503
    assert response["Content-Type"].startswith("text/html")
    assert "数据库暂时无法连接" in response.content.decode()


def test_django_request_errors_are_logged(client_as, monkeypatch, caplog):
    client = client_as("fgw_clerk")
    client.raise_request_exception = False
    monkeypatch.setattr("django.contrib.sessions.backends.db.SessionStore.load", _down)
    with caplog.at_level(logging.ERROR, logger="django.request"):
        client.get("/notices/")
    assert any(r.name == "django.request" and r.exc_info for r in caplog.records)


@pytest.mark.parametrize("profile", ["production", "demo", "development"])
def test_a_server_errors_traceback_reaches_the_log_in_every_profile(profile, tmp_path):
    script = (
        "import django, logging\n"
        "django.setup()\n"
        "try:\n"
        "    raise ZeroDivisionError('boom-in-a-view')\n"
        "except ZeroDivisionError:\n"
        "    logging.getLogger('django.request').error('Internal Server Error: /x', exc_info=True)\n"
    )
    env = {
        **os.environ,
        "ZHENGWU_PROFILE": profile,
        "DJANGO_SETTINGS_MODULE": "zhengwu.settings",
        "ZHENGWU_VAR_DIR": str(tmp_path),
    }
    env.pop("ZHENGWU_DEBUG", None)
    done = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    assert "Traceback" in done.stderr
    assert "ZeroDivisionError: boom-in-a-view" in done.stderr
