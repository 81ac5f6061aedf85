"""No article number of the Work Rules is typed into code (issue 14).

Pages, forms, to-dos and the API name an article *by provision* (``{% load rulebook %}{% article
"countersign.reply" %}``, :mod:`zhengwu.rulebook.citing`, ``RulebookView.cite``), resolved against
the rulebook in force, so a government whose rules number differently sees its own articles.  This
test reads every ``.py``, ``.html`` and ``.txt`` under ``zhengwu/`` (not the rulebook data, not
migrations, which are history) and fails on any 「第…条」 that refers to the Work Rules.

What is not a Work Rules article:

- an article of another act, named right before it: 《政府信息公开条例》第十四条至第十六条,
  《党政机关公文处理工作条例》第十八条, 条例第二十六条 (English docstrings of the disclosure code).
  The rulebook data holds the Work Rules only, so these stay in words, with their act;
- :data:`ALLOWED`: the articles *of a text being written or parsed* — a draft regulation's own
  第一条、第二条 (legislation), the markers the rulebook parser reads.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import zhengwu

pytestmark = pytest.mark.article(68)

ROOT = Path(zhengwu.__file__).resolve().parent
REPO = ROOT.parent
SUFFIXES = {".py", ".html", ".txt"}
EXCLUDED = (ROOT / "rulebook" / "data",)

NUMERAL = "[零〇一二两三四五六七八九十百0-9０-９]+"
ARTICLE = re.compile(rf"第{NUMERAL}条")
# What may stand between an article and the act named before it: the articles before it in the same
# list or range (「第十四条至」「第二十条、」), with a paragraph (「第十六条第一款、」).
CHAINED = re.compile(rf"第{NUMERAL}条(?:第{NUMERAL}款)?\s*[、至和及]\s*$")
OTHER_ACT = re.compile(r"(?:《(?!工作规则》)[^《》]{1,40}》|条例)\s*$")

# path (from the repository root) → the 「第…条」 it may hold, and why they are not Work Rules articles.
ALLOWED: dict[str, tuple[frozenset[str], str]] = {
    "zhengwu/legislation/rules.py": (
        frozenset({"第一条", "第二条", "第三条"}),
        "a draft regulation is written in articles 第一条, 第二条 …: its own numbering is checked",
    ),
    "zhengwu/legislation/demo.py": (
        frozenset({"第一条", "第二条", "第三条", "第四条", "第五条"}),
        "the text of the demo draft regulations",
    ),
    "zhengwu/web/templates/web/legislation/new.html": (
        frozenset({"第一条", "第二条"}),
        "tells the drafter to number the draft's own articles",
    ),
    "zhengwu/rulebook/parser.py": (
        frozenset({"第一条", "第十七条"}),
        "the article markers the parser reads in an imported rulebook text",
    ),
}


def _names_another_act(before: str) -> bool:
    while (chained := CHAINED.search(before)) is not None:
        before = before[: chained.start()]
    return OTHER_ACT.search(before) is not None


def typed_articles(path: str, text: str) -> list[str]:
    """「path:line: 第…条」 for each Work Rules article typed in ``text`` (the file at ``path``)."""
    allowed = ALLOWED.get(path, (frozenset(), ""))[0]
    found = []
    for number, line in enumerate(text.splitlines(), 1):
        for match in ARTICLE.finditer(line):
            if match.group() in allowed or _names_another_act(line[: match.start()]):
                continue
            found.append(f"{path}:{number}: {match.group()} — {line.strip()[:100]}")
    return found


def source_files() -> list[Path]:
    return sorted(
        p
        for p in ROOT.rglob("*")
        if p.suffix in SUFFIXES
        and p.is_file()
        and "migrations" not in p.parts
        and not any(p.is_relative_to(e) for e in EXCLUDED)
    )


def test_no_work_rules_article_is_typed_into_code() -> None:
    files = source_files()
    assert len(files) > 100
    assert any(p.suffix == ".html" for p in files)
    found = [
        hit for p in files for hit in typed_articles(p.relative_to(REPO).as_posix(), p.read_text(encoding="utf-8"))
    ]
    assert not found, (
        "Work Rules articles typed into code; name them by provision instead "
        '({% load rulebook %}{% cite "…" %}, zhengwu.rulebook.citing, RulebookView.cite):\n' + "\n".join(found)
    )


def test_every_allowance_is_still_needed() -> None:
    """An allowance whose file no longer holds its numbers is dropped, so the list stays small."""
    for path, (allowed, _reason) in ALLOWED.items():
        text = (REPO / path).read_text(encoding="utf-8")
        assert set(ARTICLE.findall(text)) & allowed, path


@pytest.mark.parametrize(
    "line",
    [
        '{% translate "返回后请及时销假（第五十八条）" %}',
        'help_text=_("重大事项报州长审批（第五十一条）")',
        'summary="依据《工作规则》第四十八条至第五十三条"',
        "Todo(doc, '呈批', '第51条')",
        "《政府信息公开条例》第十四条；另按第四十九条签发",  # the second one is the Work Rules'
        "# 按第四十九条",
    ],
)
def test_a_typed_work_rules_article_is_found(line: str) -> None:
    found = typed_articles("zhengwu/web/templates/web/x.html", f"first line\n{line}\n")
    assert found
    assert found[0].startswith("zhengwu/web/templates/web/x.html:2: 第")


@pytest.mark.parametrize(
    "line",
    [
        "不予公开的理由（《政府信息公开条例》第十四条至第十六条）",
        "（《政府信息公开条例》第二十条、第二十七条、第十六条第一款）",
        "印发分送（《党政机关公文处理工作条例》第十八条至第二十五条）",
        "(条例第二十六条、第三十三条)",
        "《代表法》第五十一条",
        "an article label: 第…条, art. 58",
    ],
)
def test_another_acts_article_is_not_a_work_rules_article(line: str) -> None:
    assert typed_articles("zhengwu/x.py", line) == []


def test_an_allowance_covers_only_its_own_numbers_in_its_own_file() -> None:
    assert typed_articles("zhengwu/legislation/demo.py", "第一条 为规范……") == []
    assert typed_articles("zhengwu/legislation/demo.py", "按第四十九条签发")
    assert typed_articles("zhengwu/legislation/other.py", "第一条 为规范……")
