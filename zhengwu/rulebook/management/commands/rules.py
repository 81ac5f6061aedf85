"""``zhengwu rules``: parse, import and report on work-rules texts.

    zhengwu rules parse FILE --json           (touches no database)
    zhengwu rules import FILE --effective 2023-11-13 [--annotations FILE.toml] [--code CODE]
    zhengwu rules coverage --json             (articles of the rulebook in force and their tests)
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from zhengwu.core.decisions import InvalidInput, Refused
from zhengwu.rulebook import annotations as notes
from zhengwu.rulebook.coverage import tests_by_article
from zhengwu.rulebook.parser import RulebookParseError, parse_rulebook
from zhengwu.rulebook.services import NoRulebookInForce, import_version, version_in_force


def _read(path: str) -> str:
    try:
        return Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise CommandError(f"无法读取文件 {path}：{exc}") from exc


def coverage_report() -> dict[str, Any]:
    version = version_in_force()
    tests = tests_by_article()
    return {
        "rulebook": version.code,
        "version": version.version_label,
        "articles": [
            {"number": a.number, "kind": a.kind, "tests": tests.get(a.number, [])}
            for a in version.articles.order_by("number")
        ],
    }


class Command(BaseCommand):
    help = "Parse, import and report on work-rules texts."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="sub", required=True)
        p = sub.add_parser("parse", help="parse a text and print its structure")
        p.add_argument("file")
        p.add_argument("--json", action="store_true")
        p = sub.add_parser("import", help="store a text as a rulebook version")
        p.add_argument("file")
        p.add_argument("--effective", required=True, type=dt.date.fromisoformat)
        p.add_argument("--annotations", help="TOML file: article kinds, provisions, parameters")
        p.add_argument("--code", help="rulebook code (default: from annotations or settings)")
        p = sub.add_parser("coverage", help="articles of the rulebook in force and the tests that prove them")
        p.add_argument("--json", action="store_true")

    def handle(self, *args: Any, **o: Any) -> None:
        try:
            getattr(self, "_" + o["sub"])(o)
        except (RulebookParseError, notes.AnnotationError, InvalidInput, Refused, NoRulebookInForce) as exc:
            raise CommandError(str(exc)) from exc

    def _parse(self, o: dict[str, Any]) -> None:
        parsed = parse_rulebook(_read(o["file"]))
        if o["json"]:
            self.stdout.write(json.dumps(parsed.to_json_dict(), ensure_ascii=False, indent=2))
            return
        for chapter in parsed.chapters:
            first, last = chapter.articles[0], chapter.articles[-1]
            self.stdout.write(f"第{chapter.number}章 {chapter.title}：第{first}—{last}条")
        for r in parsed.reconstructed:
            self.stdout.write(f"重建：{r.kind} {r.number}（原文“{r.shown_as}”）：{r.reason}")
        for w in parsed.warnings:
            self.stdout.write(f"疑点：{w}")

    def _import(self, o: dict[str, Any]) -> None:
        annotations = notes.load(Path(o["annotations"])) if o["annotations"] else None
        version = import_version(None, _read(o["file"]), o["effective"], annotations, o["code"])
        self.stdout.write(
            f"已导入{version}：{version.chapters.count()}章{version.articles.count()}条，"
            f"{len(version.reconstructed)}处重建，{len(version.warnings)}处疑点；{version.effective_from}起施行。"
        )

    def _coverage(self, o: dict[str, Any]) -> None:
        report = coverage_report()
        if o["json"]:
            self.stdout.write(json.dumps(report, ensure_ascii=False, indent=2))
            return
        for a in report["articles"]:
            self.stdout.write(f"第{a['number']}条 [{a['kind'] or '-'}] {len(a['tests'])} tests")


