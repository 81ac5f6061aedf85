"""``zhengwu rules``: parse, import and report on work-rules texts.

zhengwu rules parse FILE --json           (touches no database)
zhengwu rules import FILE --effective 2023-11-13 [--annotations FILE.toml] [--code CODE]
    (without --annotations the version inherits those of the version before it)
zhengwu rules versions                    (stored versions, their numbers and annotations)
zhengwu rules annotate VERSION_ID --annotations FILE.toml
zhengwu rules withdraw VERSION_ID         (a version not yet in force)
zhengwu rules coverage --json             (articles of the rulebook in force and their tests)
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from zhengwu.core.decisions import InvalidInput, Refused
from zhengwu.core.i18n import localize
from zhengwu.rulebook import annotations as notes
from zhengwu.rulebook.actions import AnnotationOrigin, annotate_version, import_version, withdraw_version
from zhengwu.rulebook.coverage import tests_by_article
from zhengwu.rulebook.models import RulebookVersion
from zhengwu.rulebook.parser import RulebookParseError, parse_rulebook
from zhengwu.rulebook.services import NoRulebookInForce, rulebook_problems, version_in_force


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
        p.add_argument(
            "--annotations",
            help="TOML file: article kinds, provisions, parameters "
            "(default: inherit those of the version before, by article number)",
        )
        p.add_argument("--code", help="rulebook code (default: from annotations or settings)")
        sub.add_parser("versions", help="list stored versions with their numbers (VERSION_ID)")
        p = sub.add_parser("annotate", help="apply an annotations file to a stored version")
        p.add_argument("version_id", type=int)
        p.add_argument("--annotations", required=True, help="TOML file: article kinds, provisions, parameters")
        p = sub.add_parser("withdraw", help="withdraw a version that has not taken effect")
        p.add_argument("version_id", type=int)
        p = sub.add_parser("coverage", help="articles of the rulebook in force and the tests that prove them")
        p.add_argument("--json", action="store_true")

    def handle(self, *args: Any, **o: Any) -> None:
        try:
            getattr(self, "_" + o["sub"])(o)
        except (RulebookParseError, notes.AnnotationError, InvalidInput, Refused, NoRulebookInForce) as exc:
            said = exc.args[0] if isinstance(exc, RulebookParseError) and exc.args else exc
            raise CommandError(localize(said)) from exc

    def _parse(self, o: dict[str, Any]) -> None:
        parsed = parse_rulebook(_read(o["file"]))
        if o["json"]:
            self.stdout.write(json.dumps(parsed.to_json_dict(), ensure_ascii=False, indent=2))
            return
        for chapter in parsed.chapters:
            first, last = chapter.articles[0], chapter.articles[-1]
            self.stdout.write(f"第{chapter.number}章 {chapter.title}：第{first}—{last}条")
        for r in parsed.reconstructed:
            self.stdout.write(f"重建：{r.kind} {r.number}（原文“{r.shown_as}”）：{localize(r.reason)}")
        for w in parsed.warnings:
            self.stdout.write(f"疑点：{localize(w)}")

    def _import(self, o: dict[str, Any]) -> None:
        annotations = notes.load(Path(o["annotations"])) if o["annotations"] else None
        version = import_version(None, _read(o["file"]), o["effective"], annotations, o["code"])
        self.stdout.write(
            f"已导入{version}（版本编号{version.pk}）：{version.chapters.count()}章{version.articles.count()}条，"
            f"{len(version.reconstructed)}处重建，{len(version.warnings)}处疑点；{version.effective_from}起施行。"
        )
        origin = AnnotationOrigin.from_dict(version.annotation_origin)
        if origin is not None:
            self._report(version, origin)

    def _report(self, version: RulebookVersion, origin: AnnotationOrigin) -> None:
        lines = origin.lines()
        self.stdout.write(lines[0])
        for line in lines[1:]:
            self.stderr.write(line)
        if origin.needs_review:
            self.stderr.write(
                f"更正标注：zhengwu rules annotate {version.pk} --annotations 标注文件；"
                f"撤回尚未施行的版本：zhengwu rules withdraw {version.pk}。"
            )

    def _version(self, pk: int) -> RulebookVersion:
        version = RulebookVersion.objects.filter(pk=pk).first()
        if version is None:
            raise CommandError(f"没有编号为{pk}的规则版本；zhengwu rules versions 列出现有版本及其编号。")
        return version

    def _versions(self, o: dict[str, Any]) -> None:
        for v in RulebookVersion.objects.order_by("code", "effective_from"):
            origin = v.annotation_origin or {}
            source = {
                "file": f"标注文件{origin.get('label', '')}",
                "inherited": f"继承自{origin.get('label', '')}",
            }.get(origin.get("source", ""), "—")
            self.stdout.write(
                f"{v.pk}\t{v.code}\t{v.version_label}\t{v.effective_from}—{v.ceases_on or ''}\t"
                f"{v.articles.count()}条\t标注：{source}"
            )
        for problem in rulebook_problems():
            self.stderr.write(f"警告：{problem}")

    def _annotate(self, o: dict[str, Any]) -> None:
        version = self._version(o["version_id"])
        changed, origin = annotate_version(None, version, notes.load(Path(o["annotations"])))
        what = "、".join(changed) if changed else "无变化"
        self.stdout.write(f"已标注{version}（版本编号{version.pk}）：{what}。")
        self._report(version, origin)

    def _withdraw(self, o: dict[str, Any]) -> None:
        version = self._version(o["version_id"])
        label = str(version)
        predecessor = withdraw_version(None, version)
        self.stdout.write(f"已撤回{label}（版本编号{o['version_id']}）。")
        if predecessor is not None:
            until = predecessor.ceases_on.isoformat() if predecessor.ceases_on else "无（继续施行）"
            self.stdout.write(f"{predecessor}的停止执行日期恢复为：{until}。")

    def _coverage(self, o: dict[str, Any]) -> None:
        report = coverage_report()
        if o["json"]:
            self.stdout.write(json.dumps(report, ensure_ascii=False, indent=2))
            return
        for a in report["articles"]:
            self.stdout.write(f"第{a['number']}条 [{a['kind'] or '-'}] {len(a['tests'])} tests")
