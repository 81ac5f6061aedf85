"""Every sentence pure code writes (``zhengwu.core.i18n._``) has its English translation, with the
same ``{name}`` placeholders (issue 14: i18n through gettext)."""

from __future__ import annotations

from pathlib import Path

from django.utils import translation

from zhengwu.core.i18n_sources import PACKAGE, Source, messages_in_code, placeholders

CJK = range(0x4E00, 0xA000)


def gaps(found: list[Source]) -> list[str]:
    """Each id without an English translation, or whose translation lost or gained a placeholder."""
    problems = []
    with translation.override("en"):
        for source in found:
            english = translation.gettext(source.msgid)
            where = f"{source.path.relative_to(PACKAGE.parent)}:{source.line}"
            if english == source.msgid and any(ord(c) in CJK for c in source.msgid):
                problems.append(f"{where}: no English for “{source.msgid}” (scripts/messages.py add)")
            elif placeholders(english) != placeholders(source.msgid):
                problems.append(f"{where}: “{english}” does not keep the placeholders of “{source.msgid}”")
    return problems


def test_every_sentence_of_pure_code_is_translated():
    problems = gaps(messages_in_code())
    assert not problems, f"{len(problems)} sentences:\n" + "\n".join(problems)


def test_a_sentence_without_translation_is_reported():
    made_up = Source("一个没有译文的句子{x}。", PACKAGE / "core" / "decisions.py", 1)
    expected = f"zhengwu/core/decisions.py:1: no English for “{made_up.msgid}” (scripts/messages.py add)"
    assert gaps([made_up]) == [expected]


def test_the_sentences_are_found_in_the_code(tmp_path: Path):
    module = tmp_path / "rules.py"
    module.write_text(
        'from zhengwu.core.i18n import _\n\ndef f(n):\n    return _("还有{n}件", n=n), _("好")\n', encoding="utf-8"
    )
    from zhengwu.core.i18n_sources import sources

    assert [s.msgid for s in sources(module)] == ["还有{n}件", "好"]
