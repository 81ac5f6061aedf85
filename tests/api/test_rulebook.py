"""The rulebook (art. 68): versions, the version in force, articles with their tests, parameters."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine

from tests.rulebook.texts import reissued
from zhengwu.audit.models import AuditRecord
from zhengwu.audit.services import action_records
from zhengwu.org.models import Absence
from zhengwu.rulebook.actions import import_version
from zhengwu.rulebook.management.commands.rules import coverage_report
from zhengwu.rulebook.models import Article, Parameter

pytestmark = pytest.mark.article(68)

KEY = "countersign.reply_days"


def test_versions(api_as):
    versions = api_as("fgw_clerk").get("/rules/versions").json()
    in_force = [v for v in versions if v["in_force"]]
    assert len(in_force) == 1
    assert in_force[0]["code"] == "kizilsu-work-rules"
    assert in_force[0]["articles"] > 60


def test_current_has_chapters_with_articles(api_as):
    body = api_as("fgw_clerk").get("/rules/current").json()
    articles = {a["number"]: a for c in body["chapters"] for a in c["articles"]} | {
        a["number"]: a for a in body["other_articles"]
    }
    assert len(articles) == body["version"]["articles"]
    assert articles[58]["kind"] == "E"
    assert "离州外出报告" in articles[58]["does"]
    assert "Absence reporting" in articles[58]["does_en"]
    assert set(articles[58]) == {"number", "shown_as", "kind", "kind_label", "does", "does_en", "reconstructed"}


def test_article_with_text_parameters_and_tests(api_as):
    body = api_as("fgw_clerk").get("/rules/articles/58").json()
    assert "外出" in body["text"]
    assert body["provisions"] == ["leave.report", "leave.return"]
    assert "tests/api/test_absences.py::test_department_clerk_cannot_report_for_a_vice_governor" in body["tests"]
    with_parameter = api_as("fgw_clerk").get("/rules/articles/50").json()
    assert KEY in [p["key"] for p in with_parameter["parameters"]]


def test_unknown_article_is_404(api_as):
    response = api_as("fgw_clerk").get("/rules/articles/999")
    assert response.status_code == 404
    assert "第999条" in response.json()["detail"]


def test_parameters(api_as):
    params = {p["key"]: p for p in api_as("fgw_clerk").get("/rules/parameters").json()}
    assert params[KEY]["unit"] == "working_days"
    assert params[KEY]["unit_label"] == "个工作日"
    assert params[KEY]["article"] == 50


def _value():
    return Parameter.objects.get(key=KEY, version__code="kizilsu-work-rules").value


def test_clerk_cannot_edit_a_parameter(api_as):
    before = _value(), action_records().count()
    response = api_as("clerk_wendian").patch(f"/rules/parameters/{KEY}", {"value": 5, "reason": "试试"})
    assert response.status_code == 403
    decision = response.json()["decisions"][0]
    assert decision["code"] == "admin.required"
    assert decision["citation"]["article"] == 68
    assert (_value(), action_records().count()) == before


def test_admin_edits_a_parameter(api_as):
    old = _value()
    response = api_as("admin").patch(f"/rules/parameters/{KEY}", {"value": 5, "reason": "州政府常务会议决定"})
    assert response.status_code == 200
    assert response.json()["value"] == 5
    assert _value() == 5
    record = AuditRecord.objects.filter(action="rulebook.parameter.edit").last()
    assert record is not None
    version = record.details.pop("rulebook_version")  # the version edited is the one cited (art. 68)
    assert record.details == {"key": KEY, "old": old, "new": 5, "reason": "州政府常务会议决定"}
    assert version["label"]


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({"value": "七", "reason": "x"}, "value"),
        ({"value": -1, "reason": "x"}, "value"),
        ({"value": 5, "reason": " "}, "reason"),
    ],
)
def test_bad_parameter_value_is_422_and_nothing_changes(api_as, payload, field):
    before = _value(), action_records().count()
    response = api_as("admin").patch(f"/rules/parameters/{KEY}", payload)
    assert response.status_code == 422
    assert response.json()["field"] == field
    assert (_value(), action_records().count()) == before


def test_unknown_parameter_is_404(api_as):
    assert api_as("admin").patch("/rules/parameters/nope", {"value": 1, "reason": "x"}).status_code == 404


def test_coverage_is_the_clis(api_as):
    body = api_as("fgw_clerk").get("/rules/coverage").json()
    assert body == coverage_report()
    by_number = {a["number"]: a for a in body["articles"]}
    assert set(by_number[58]) == {"number", "kind", "tests"}
    assert any(t.startswith("tests/api/test_absences.py::") for t in by_number[58]["tests"])


@time_machine.travel(dt.datetime(2026, 6, 2, 9, tzinfo=dt.timezone(dt.timedelta(hours=8))), tick=False)
def test_an_action_whose_provision_is_not_annotated_is_409_not_500(api_as):
    version = import_version(None, reissued(), dt.date(2026, 6, 1))
    Article.objects.filter(version=version, number=58).update(provisions=[])
    version.revision += 1
    version.save(update_fields=["revision"])
    before = Absence.objects.count(), action_records().count()
    response = api_as("vice_liu").post(
        "/absences",
        {"start": "2026-06-10", "end": "2026-06-12", "destination": "乌鲁木齐", "purpose": "trip", "reason": "开会"},
    )
    assert response.status_code == 409
    body = response.json()
    assert body["provision"].startswith("leave.")
    assert f"zhengwu rules annotate {version.pk} --annotations" in body["detail"]
    assert (Absence.objects.count(), action_records().count()) == before
