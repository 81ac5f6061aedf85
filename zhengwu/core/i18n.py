"""Sentences in the user's language, written by pure code.

Rules are pure (no Django), yet a clerk reads their sentences in Chinese and a foreign-language
colleague in English.  A rule writes its sentence in Chinese, the source language, through
:func:`_`, with named parameters instead of an f-string::

    _("本件当前为“{state}”，不能{what}。", state=label, what=_("签发"))

The result is a :class:`Msg`: a ``str`` holding the Chinese sentence, so every existing use
(audit summaries, logs, ``in`` tests) reads exactly as before, which also keeps its message id and
parameters.  Pages, the API and the command line render it in the active language with
:func:`localize`: the id is looked up in the gettext catalogues (``zhengwu/**/locale/*/LC_MESSAGES/
django.po``) through the translator Django installs at start-up (:func:`install`), and the
parameters that are themselves messages are localized too.  A sentence with no translation yet is
shown in Chinese, never lost.

``_`` is one of xgettext's default keywords, so ``makemessages`` extracts every id; the ids use
``{name}`` placeholders (python-brace-format).

The government's own names come from its configuration (:mod:`zhengwu.core.government`): a sentence
says ``{gov.governor}`` where Kizilsu's clerks read 州长 and a county's 县长, in either language.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import Any


class Msg(str):
    """A sentence in the source language (Chinese) that remembers how to say itself in another."""

    msgid: str
    params: Mapping[str, object]

    def __new__(cls, msgid: str, params: Mapping[str, object] | None = None) -> Msg:
        params = dict(params or {})
        text = _format(msgid, params, english=False) if params or _GOV in msgid else msgid
        obj = super().__new__(cls, text)
        obj.msgid = msgid
        obj.params = params
        return obj

    def __reduce__(self) -> tuple[Any, ...]:  # pickling (cache, multiprocessing) keeps the id
        return (Msg, (self.msgid, dict(self.params)))


class Joined(str):
    """Parts joined by a separator, each (and the separator) localized when rendered:
    ``Joined(_("，"), [_("…"), _("…")])``."""

    sep: object
    parts: tuple[object, ...]

    def __new__(cls, sep: object, parts: Iterable[object]) -> Joined:
        items = tuple(parts)
        obj = super().__new__(cls, str(sep).join(str(p) for p in items))
        obj.sep, obj.parts = sep, items
        return obj


class Stripped(str):
    """A sentence without its closing punctuation (to go on with 「；」), in any language."""

    text: object
    chars: str

    def __new__(cls, text: object, chars: str = "。") -> Stripped:
        obj = super().__new__(cls, str(text).rstrip(chars))
        obj.text, obj.chars = text, chars
        return obj


_GOV = "{gov."


def _format(template: str, params: Mapping[str, object], english: bool) -> str:
    if _GOV not in template:
        return template.format(**params)
    from zhengwu.core import government

    return template.format(gov=government.terms(english), **params)


def _(msgid: str, /, **params: object) -> Msg:
    """Mark a Chinese sentence for translation, with its ``{name}`` parameters."""
    return Msg(msgid, params)


# -- the translator: identity in pure code, Django's gettext once the apps are ready ------------------

_translate: Callable[[str], str] = lambda msgid: msgid  # noqa: E731
_language: Callable[[], str | None] = lambda: None  # noqa: E731


def install(translate: Callable[[str], str], language: Callable[[], str | None]) -> None:
    """Called once by :class:`zhengwu.core.apps.CoreConfig` with Django's ``gettext`` and
    ``get_language``."""
    global _translate, _language
    _translate, _language = translate, language


def english() -> bool:
    """Is the active language English (pages under /en/, ``Accept-Language: en``, ``--language en``)?"""
    return (_language() or "").startswith("en")


def localize(value: object) -> str:
    """``value`` in the active language: a :class:`Msg` through the catalogues, anything else as ``str``."""
    if isinstance(value, Joined):
        return localize(value.sep).join(localize(p) for p in value.parts)
    if isinstance(value, Stripped):
        return localize(value.text).rstrip(value.chars + ".")
    if not isinstance(value, Msg):
        return str(value)
    template = _translate(value.msgid) if value.msgid else value.msgid
    if not value.params and _GOV not in template:
        return template
    try:
        return _format(
            template,
            {k: localize(v) if isinstance(v, Msg | Joined | Stripped) else v for k, v in value.params.items()},
            english=english(),
        )
    except (KeyError, IndexError, ValueError):  # a translation with a broken placeholder: the source
        return str(value)


def say(msgid: str, /, **params: object) -> str:
    """A sentence for Django's side (forms, model help, pages) in the active language, with the
    government's names filled in: ``say("由{gov.governor}签发")``."""
    return localize(Msg(msgid, params))


def _say_lazy(msgid: str, params: Mapping[str, object]) -> str:
    return say(msgid, **params)


def say_lazy(msgid: str, /, **params: object) -> Any:
    """:func:`say`, rendered when shown (module-level labels, form help); marked for extraction
    through the ``say_lazy`` keyword (``scripts/messages.py``)."""
    from django.utils.functional import lazy

    return lazy(_say_lazy, str)(msgid, params)


# -- sentences kept in the database (JSON) and rendered later in the reader's language -------------


def to_data(value: object) -> object:
    """``value`` as JSON data that :func:`from_data` turns back into the same sentence: a :class:`Msg`
    keeps its id and parameters (``{"msgid": …, "params": …, "text": …}``, the Chinese text for
    whoever reads the JSON raw), :class:`Joined` and :class:`Stripped` their parts; anything else
    is stored as it is."""
    if isinstance(value, Msg):
        params = {k: to_data(v) for k, v in value.params.items()}
        return {"msgid": value.msgid, "params": params, "text": str(value)}
    if isinstance(value, Joined):
        return {"sep": to_data(value.sep), "parts": [to_data(p) for p in value.parts], "text": str(value)}
    if isinstance(value, Stripped):
        return {"stripped": to_data(value.text), "chars": value.chars, "text": str(value)}
    return value


def from_data(data: object) -> object:
    """The sentence :func:`to_data` stored (older plain strings come back as they are)."""
    if not isinstance(data, dict):
        return data
    if "msgid" in data:
        return Msg(str(data["msgid"]), {k: from_data(v) for k, v in dict(data.get("params") or {}).items()})
    if "parts" in data:
        return Joined(from_data(data.get("sep", "")), [from_data(p) for p in data["parts"]])
    if "stripped" in data:
        return Stripped(from_data(data["stripped"]), str(data.get("chars", "。")))
    return str(data.get("text", ""))
