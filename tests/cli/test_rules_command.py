"""``zhengwu rules``: parse (no database), import, coverage."""

from __future__ import annotations

import datetime as dt
import json
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from tests.rulebook.texts import reissued
from zhengwu.audit.models import AuditRecord
from zhengwu.rulebook import annotations
from zhengwu.rulebook.models import RulebookVersion

KIZILSU_TEXT = str(annotations.KIZILSU_2023.parent / "kizilsu-work-rules-2023.txt")
pytestmark = pytest.mark.article(68)


def run(*args: str) -> str:
    out = StringIO()
    call_command("rules", *args, stdout=out)
    return out.getvalue()


def run_both(*args: str) -> tuple[str, str]:
    out, err = StringIO(), StringIO()
    call_command("rules", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


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


def test_import_under_another_code_needs_annotations(db) -> None:
    with pytest.raises(CommandError, match="请用 --annotations 指定标注文件") as error:
        run("import", KIZILSU_TEXT, "--effective", "2030-01-01", "--code", "other")
    assert "zhengwu/rulebook/data/kizilsu-work-rules-2023.toml" in str(error.value)
    assert not RulebookVersion.objects.filter(code="other").exists()
    out = run(
        "import",
        KIZILSU_TEXT,
        "--effective",
        "2030-01-01",
        "--code",
        "other",
        "--annotations",
        str(annotations.KIZILSU_2023),
    )
    assert "12章68条" in out
    version = RulebookVersion.objects.get(code="other")
    assert version.effective_from == dt.date(2030, 1, 1)
    assert version.articles.count() == 68
    with pytest.raises(CommandError, match="已有2030-01-01施行的版本"):
        run(
            "import",
            KIZILSU_TEXT,
            "--effective",
            "2030-01-01",
            "--code",
            "other",
            "--annotations",
            str(annotations.KIZILSU_2023),
        )


def test_import_without_annotations_inherits_those_of_the_version_before(db) -> None:
    out, err = run_both("import", KIZILSU_TEXT, "--effective", "2030-01-01")
    version = RulebookVersion.objects.get(code="kizilsu-work-rules", effective_from=dt.date(2030, 1, 1))
    assert f"（版本编号{version.pk}）" in out
    assert "标注继承自《克孜勒苏柯尔克孜自治州人民政府工作规则》（2023）：68条的类别与说明" in out
    assert err == ""  # the same text: nothing to review
    assert version.articles.get(number=58).provisions == ["leave.report", "leave.return"]
    assert version.parameters.get(key="countersign.reply_days").value == 7


def test_import_without_annotations_lists_what_it_could_not_carry_over(db, tmp_path) -> None:
    text = tmp_path / "rules-2030.txt"
    text.write_text(reissued(replace={58: "工作人员出差应当报告。"}, drop={68}), encoding="utf-8")
    out, err = run_both("import", str(text), "--effective", "2030-01-01")
    assert "标注继承自" in out
    assert "rulebook.versions（原第68条）" in err
    assert "第58条（leave.report、leave.return" in err
    version = RulebookVersion.objects.get(effective_from=dt.date(2030, 1, 1))
    assert f"zhengwu rules annotate {version.pk} --annotations" in err
    assert f"zhengwu rules withdraw {version.pk}" in err


def test_versions_annotate_and_withdraw(db) -> None:
    run("import", KIZILSU_TEXT, "--effective", "2030-01-01")
    version = RulebookVersion.objects.get(effective_from=dt.date(2030, 1, 1))
    listing = run("versions")
    assert f"{version.pk}\tkizilsu-work-rules\t2030\t2030-01-01—\t68条\t标注：继承自" in listing
    assert "2023-11-13—2030-01-01" in listing

    out = run("annotate", str(version.pk), "--annotations", str(annotations.KIZILSU_2023))
    assert f"已标注《克孜勒苏柯尔克孜自治州人民政府工作规则》（2030）（版本编号{version.pk}）" in out
    assert "标注取自kizilsu-work-rules-2023.toml" in out
    assert AuditRecord.objects.filter(action="rulebook.annotate", object_id=str(version.pk)).exists()

    out = run("withdraw", str(version.pk))
    assert f"已撤回《克孜勒苏柯尔克孜自治州人民政府工作规则》（2030）（版本编号{version.pk}）" in out
    assert "（2023）的停止执行日期恢复为：无（继续施行）" in out
    assert not RulebookVersion.objects.filter(pk=version.pk).exists()


def test_withdraw_refuses_the_version_in_force(db) -> None:
    current = RulebookVersion.objects.get(code="kizilsu-work-rules", effective_from=dt.date(2023, 11, 13))
    with pytest.raises(CommandError, match="正在施行，不能撤回"):
        run("withdraw", str(current.pk))
    with pytest.raises(CommandError, match="没有编号为999999的规则版本"):
        run("withdraw", "999999")
    assert RulebookVersion.objects.filter(pk=current.pk).exists()


def test_import_with_annotations(db) -> None:
    run(
        "import",
        KIZILSU_TEXT,
        "--effective",
        "2030-01-01",
        "--code",
        "other2",
        "--annotations",
        str(annotations.KIZILSU_2023),
    )
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
