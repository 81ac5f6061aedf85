"""Work-rules texts for tests: the Kizilsu rules re-issued in 第X条 style, with changes."""

from __future__ import annotations

from collections.abc import Mapping

from zhengwu.core.numerals import chinese_numeral
from zhengwu.rulebook import annotations
from zhengwu.rulebook.parser import parse_rulebook

KIZILSU_TEXT = (annotations.DATA_DIR / "kizilsu-work-rules-2023.txt").read_text(encoding="utf-8")


def reissued(replace: Mapping[int, str] | None = None, drop: set[int] | frozenset[int] = frozenset()) -> str:
    """The 2023 Kizilsu rules as a new version would publish them: same chapters and articles in
    第X条 style, article texts in ``replace`` rewritten, articles in ``drop`` left out (drop only
    trailing articles, so the numbering stays whole)."""
    parsed = parse_rulebook(KIZILSU_TEXT)
    texts = {a.number: a.text for a in parsed.articles}
    lines = [parsed.title, ""]
    for chapter in parsed.chapters:
        kept = [n for n in chapter.articles if n not in drop]
        if not kept:
            continue
        lines += [f"第{chinese_numeral(chapter.number)}章　{chapter.title}", ""]
        for n in kept:
            lines += [f"第{chinese_numeral(n)}条　{(replace or {}).get(n, texts[n])}", ""]
    return "\n".join(lines)
