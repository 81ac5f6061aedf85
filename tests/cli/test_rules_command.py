"""``zhengwu rules``: parse (no database), import, coverage."""

from __future__ import annotations

import datetime as dt
import json
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from zhengwu.rulebook import annotations
from zhengwu.rulebook.models import RulebookVersion

KIZILSU_TEXT = str(annotations.KIZILSU_2023.parent / "kizilsu-work-rules-2023.txt")
pytestmark = pytest.mark.article(68)


def run(*args: str) -> str:
    out = StringIO()
    call_command("rules", *args, stdout=out)
    return out.getvalue()


def test_parse_json_touches_no_database(db, django_assert_num_queries) -> None:
    with django_assert_num_queries(0):
        data = json.loads(run("parse", KIZILSU_TEXT, "--json"))
    assert set(data) == {"title", "metadata", "chapters", "articles", "reconstructed", "warnings"}
    assert len(data["chapters"]) == 12
    assert len(data["articles"]) == 68
    assert data["chapters"][0] == {"number": 1, "title": "总则", "articles": [1, 2, 3]}
    assert data["articles"][57]["number"] == 58
    assert data["metadata"]["文号"] == "克政发〔2023〕43号"
    assert {"kind": "chapter_title", "number": 1} in [
        {"kind": r["kind"], "number": r["number"]} for r in data["reconstructed"]
    ]


def test_parse_plain_text(db) -> None:
    out = run("parse", KIZILSU_TEXT)
    assert "第1章 总则：第1—3条" in out
    assert "重建：chapter_title 1" in out


def test_parse_a_missing_file_is_a_command_error() -> None:
    with pytest.raises(CommandError, match="无法读取文件"):
        run("parse", "/nonexistent/rules.txt")


def test_import_under_another_code(db) -> None:
    out = run("import", KIZILSU_TEXT, "--effective", "2030-01-01", "--code", "other")
    assert "12章68条" in out
    version = RulebookVersion.objects.get(code="other")
    assert version.effective_from == dt.date(2030, 1, 1)
    assert version.articles.count() == 68
    with pytest.raises(CommandError, match="已有2030-01-01施行的版本"):
        run("import", KIZILSU_TEXT, "--effective", "2030-01-01", "--code", "other")


def test_import_with_annotations(db) -> None:
    run("import", KIZILSU_TEXT, "--effective", "2030-01-01", "--code", "other2",
        "--annotations", str(annotations.KIZILSU_2023))
    version = RulebookVersion.objects.get(code="other2")
    assert version.articles.get(number=58).provisions == ["leave.report", "leave.return"]
    assert version.parameters.get(key="countersign.reply_days").value == 7


@pytest.mark.article(63)
def test_coverage_json(db) -> None:
    data = json.loads(run("coverage", "--json"))
    assert set(data) >= {"articles"}
    assert len(data["articles"]) == 68
    assert all(set(a) == {"number", "kind", "tests"} for a in data["articles"])
    by_number = {a["number"]: a for a in data["articles"]}
    assert by_number[63]["kind"] == "E"
    assert len(by_number[63]["tests"]) >= 1
    assert "tests/cli/test_rules_command.py::test_coverage_json" in by_number[63]["tests"]
    assert by_number[58]["tests"]


def test_coverage_plain(db) -> None:
    assert "第58条 [E]" in run("coverage")
