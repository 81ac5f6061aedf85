"""No Chinese id is translated two ways across the English catalogues (issue 14, i18n).

Django merges every app's ``locale/en/LC_MESSAGES/django.po`` (and the project's ``zhengwu/locale``)
into one catalogue: where two catalogues translate the same id differently, one of them silently
loses and its pages show the other app's English.  An id that means two things takes a context
(``pgettext``, ``{% translate "…" context "…" %}``, ``msgctxt``), which keeps the entries apart.

The test reads the ``.po`` files themselves, so it needs no ``compilemessages``.
"""

from __future__ import annotations

import ast
from collections import defaultdict
from pathlib import Path

from zhengwu.core.i18n_sources import PACKAGE

FIELDS = ("msgctxt", "msgid", "msgid_plural", "msgstr")


def entries(text: str) -> dict[str, str]:
    """The translated entries of a ``.po`` text, as gettext keys them (``ctxt\\x04msgid``) to their
    English (the plural forms joined by `` | ``).  Untranslated, fuzzy and obsolete entries are left
    out, as ``msgfmt`` leaves them out of the ``.mo``."""
    found: dict[str, str] = {}
    entry: dict[str, list[str]] = {}
    field: str | None = None
    fuzzy = False

    def close() -> None:
        nonlocal entry, field, fuzzy
        if "msgid" in entry and not fuzzy:
            msgid = "".join(entry["msgid"])
            english = " | ".join("".join(v) for k, v in sorted(entry.items()) if k.startswith("msgstr"))
            if msgid and english.strip(" |"):
                ctxt = entry.get("msgctxt")
                found["".join(ctxt) + "\x04" + msgid if ctxt is not None else msgid] = english
        entry, field, fuzzy = {}, None, False

    for line in text.splitlines():
        line = line.strip()
        if not line:
            close()
        elif line.startswith("#"):
            if field is not None and field != "msgctxt":  # a comment after an entry starts the next one
                close()
            if line.startswith("#,") and "fuzzy" in line:
                fuzzy = True
        elif line.startswith('"'):
            if field is not None:
                entry[field].append(ast.literal_eval(line))
        else:
            keyword, _, value = line.partition(" ")
            if keyword in ("msgctxt", "msgid") and any(k.startswith("msgstr") for k in entry):
                close()
            field = keyword
            entry[field] = [ast.literal_eval(value)]
    close()
    return found


def catalogues() -> list[Path]:
    return sorted(PACKAGE.glob("**/locale/en/LC_MESSAGES/django.po"))


def clashes(pos: list[Path], root: Path = PACKAGE.parent) -> list[str]:
    """Each id that two catalogues translate differently, with every catalogue's English."""
    seen: dict[str, dict[str, str]] = defaultdict(dict)
    for po in pos:
        where = po.relative_to(root).as_posix().split("/locale/")[0]
        for key, english in entries(po.read_text(encoding="utf-8")).items():
            seen[key][where] = english
    problems = []
    for key, by_catalogue in sorted(seen.items()):
        if len(set(by_catalogue.values())) > 1:
            ctxt, _, msgid = key.rpartition("\x04")
            shown = f"“{msgid}”" + (f" (context “{ctxt}”)" if ctxt else "")
            problems.append(f"{shown}: " + "; ".join(f"{w} “{e}”" for w, e in sorted(by_catalogue.items())))
    return problems


def test_no_id_is_translated_two_ways():
    problems = clashes(catalogues())
    assert not problems, (
        f"{len(problems)} ids are translated differently in two catalogues (make them agree, or give"
        " one meaning a context):\n" + "\n".join(problems)
    )


def test_a_clash_is_reported_and_a_context_keeps_two_meanings_apart(tmp_path: Path):
    one = tmp_path / "zhengwu" / "one" / "locale" / "en" / "LC_MESSAGES" / "django.po"
    two = tmp_path / "zhengwu" / "two" / "locale" / "en" / "LC_MESSAGES" / "django.po"
    one.parent.mkdir(parents=True)
    two.parent.mkdir(parents=True)
    one.write_text(
        'msgid ""\nmsgstr ""\n"Language: en\\n"\n\nmsgid "同意"\nmsgstr "Agrees"\n\n'
        'msgid "期限"\nmsgstr "Due"\n\n#, fuzzy\nmsgid "会议"\nmsgstr "Meeting"\n',
        encoding="utf-8",
    )
    two.write_text(
        'msgctxt "button"\nmsgid "同意"\nmsgstr "Give consent"\n\nmsgid "期限"\nmsgstr ""\n"due"\n\n'
        'msgid "会议"\nmsgstr "Meetings"\n',
        encoding="utf-8",
    )
    problems = clashes([one, two], root=tmp_path)
    assert problems == ["“期限”: zhengwu/one “Due”; zhengwu/two “due”"]


def test_the_parser_reads_contexts_plurals_and_continued_lines():
    text = (
        'msgid ""\nmsgstr ""\n"Language: en\\n"\n\n'
        '#: a.py:1\nmsgctxt "weekday"\nmsgid "一"\nmsgstr "Mon"\n\n'
        '#, python-format\nmsgid "还有%(n)s天"\nmsgid_plural "还有%(n)s天"\n'
        'msgstr[0] "%(n)s day"\nmsgstr[1] "%(n)s days"\n\n'
        'msgid ""\n"长"\n"句"\nmsgstr ""\n"A long "\n"sentence"\n\n'
        'msgid "未译"\nmsgstr ""\n'
    )
    assert entries(text) == {
        "weekday\x04一": "Mon",
        "还有%(n)s天": "%(n)s day | %(n)s days",
        "长句": "A long sentence",
    }
