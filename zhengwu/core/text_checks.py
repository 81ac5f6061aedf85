"""Text that reaches a record: the same length limits on every database, and no bidirectional controls.

SQLite does not enforce ``max_length`` (a 301-character title is stored), PostgreSQL answers a
``DataError`` (a server error).  Both now refuse it the same way, before the database sees it, with
:class:`InvalidInput` naming the field: 422 in the API, the red box on a page.

Bidirectional control characters (U+202A–U+202E, U+2066–U+2069, U+200E/U+200F) are invisible and
reorder the text around them: a right-to-left override in a title reverses it in the issued PDF and
makes a file name ``gpj.exe`` look like ``exe.jpg``.  No legitimate Chinese or Kirghiz-in-Cyrillic text
needs them, so they are refused, with the character and where it is, never silently removed (a
reviewer would not see what was removed).

The checks are pure (:func:`bidi_problem`, :func:`length_problem`); :func:`check_instance` runs them on
every text field of a zhengwu model before it is saved (a ``pre_save`` receiver installed by
``CoreConfig.ready``), so every path that writes (the API, the pages, the command line) is covered.
"""

from __future__ import annotations

import unicodedata
from typing import Any

from zhengwu.core.decisions import InvalidInput
from zhengwu.core.i18n import _

BIDI_CONTROLS = frozenset(
    [chr(c) for c in range(0x202A, 0x202F)] + [chr(c) for c in range(0x2066, 0x206A)] + ["\u200e", "\u200f"]
)

# Models whose text is written by the system, not typed by a person, and must never be refused:
# the audit trail records what happened, whatever text it carries.
EXEMPT_APPS = frozenset({"audit"})


def bidi_problem(text: str, label: str) -> str:
    """A sentence naming the first bidirectional control character in ``text`` and where it is, or ''."""
    for index, char in enumerate(text):
        if char in BIDI_CONTROLS:
            return _(
                "“{label}”的第{position}个字符是不可见的双向控制字符 U+{code}（{name}），"
                "它会使文字的显示顺序颠倒或错乱，系统不接受这类字符。请删除后重新提交。",
                label=label,
                position=index + 1,
                code=f"{ord(char):04X}",
                name=unicodedata.name(char, "BIDI CONTROL"),
            )
    return ""


def length_problem(text: str, label: str, max_length: int | None) -> str:
    """A sentence if ``text`` is longer than ``max_length`` characters, or ''."""
    if max_length is None or len(text) <= max_length:
        return ""
    return _(
        "“{label}”最多{limit}个字符，现为{length}个，请删减后重新提交。",
        label=label,
        limit=max_length,
        length=len(text),
    )


def check_text(text: str, label: str, field: str, max_length: int | None = None) -> None:
    """Raise :class:`InvalidInput` (``field``) if ``text`` is too long or holds a bidirectional control."""
    problem = length_problem(text, label, max_length) or bidi_problem(text, label)
    if problem:
        raise InvalidInput(problem, field=field)


def check_instance(instance: Any) -> None:
    """Check every ``CharField``/``TextField`` of a model instance about to be saved."""
    from django.db import models

    for model_field in instance._meta.concrete_fields:
        if not isinstance(model_field, (models.CharField, models.TextField)):
            continue
        value = getattr(instance, model_field.attname, None)
        if not isinstance(value, str) or not value:
            continue
        max_length = model_field.max_length if isinstance(model_field, models.CharField) else None
        check_text(value, str(model_field.verbose_name), model_field.name, max_length)


def before_save(sender: Any, instance: Any, raw: bool = False, **kwargs: Any) -> None:
    """``pre_save`` receiver: zhengwu's own models only (fixtures loaded raw are taken as they are)."""
    meta = getattr(sender, "_meta", None)
    if raw or meta is None or not str(getattr(sender, "__module__", "")).startswith("zhengwu."):
        return  # Django's own models, and the historical models of migrations (module "__fake__")
    if meta.app_label in EXEMPT_APPS:
        return
    check_instance(instance)
