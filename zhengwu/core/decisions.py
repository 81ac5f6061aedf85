"""Decisions and citations: what every rule answers.

A *rule* is a pure function over plain data.  It answers with a :class:`Decision`: allowed or
refused, a sentence a clerk understands, and the :class:`Citation` of the article behind it, so
that every refusal a user sees names its article:
「请示应当一文一事（《工作规则》第…条）」 (art. 48 for Kizilsu).

Rules never name article numbers themselves.  They cite *provisions* (``"leave.report"``), and
the rulebook in force maps each provision to its article, so a county whose rules put leave
reporting in article 40 adopts zhengwu by configuration.  See :mod:`zhengwu.core.rulebook_view`.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field

from zhengwu.core.i18n import Msg, english, localize
from zhengwu.core.numerals import chinese_numeral


@dataclass(frozen=True)
class Citation:
    """An article of a rulebook: 《工作规则》第…条 (its title and the article's Chinese numeral)."""

    rulebook_code: str
    short_title: str
    article: int
    provision: str = ""
    #: The version of the rulebook that applied (art. 68): its label and stored id, when known.
    version: str = field(default="", compare=False)
    version_id: int | None = field(default=None, compare=False)

    @property
    def label(self) -> str:
        return f"《{self.short_title}》第{chinese_numeral(self.article)}条"

    @property
    def short_label(self) -> str:
        """The article without the rulebook's title: 第…条, for a sentence that names its rulebook."""
        return f"第{chinese_numeral(self.article)}条"

    @property
    def label_en(self) -> str:
        return f"{localize(_title(self.short_title))}, art. {self.article}"

    @property
    def localized_label(self) -> str:
        """The label in the active language."""
        return self.label_en if english() else self.label

    def as_dict(self) -> dict[str, object]:
        return {
            "rulebook": self.rulebook_code,
            "article": self.article,
            "provision": self.provision,
            "label": self.label,
        }


@dataclass(frozen=True)
class Decision:
    """The answer of a rule: allowed or refused, why, and under which article."""

    allowed: bool
    code: str
    message: str
    citation: Citation | None = None
    facts: dict[str, object] = field(default_factory=dict, compare=False)

    @classmethod
    def allow(cls, code: str, message: str, citation: Citation | None = None, **facts: object) -> Decision:
        return cls(True, code, message, citation, dict(facts))

    @classmethod
    def refuse(cls, code: str, message: str, citation: Citation | None = None, **facts: object) -> Decision:
        return cls(False, code, message, citation, dict(facts))

    @property
    def localized_message(self) -> str:
        """The sentence in the active language (Chinese unless a page or request asks for English)."""
        return localize(self.message)

    @property
    def explanation(self) -> str:
        """The sentence with its article, in the active language:
        「请示应当一文一事（《工作规则》第…条）」, "… (Work Rules, art. 48)."."""
        message = self.localized_message
        if self.citation is None:
            return message
        if english():
            return f"{message.rstrip('. ')} ({self.citation.label_en})."
        return f"{message.rstrip('。')}（{self.citation.label}）"

    @property
    def recorded_explanation(self) -> str:
        """The explanation in the records' language (the source, Chinese), whoever is reading:
        for what is stored (an audit record, a return opinion), never for what is shown."""
        message = str(self.message)
        if self.citation is None:
            return message
        return f"{message.rstrip('。')}（{self.citation.label}）"

    def as_dict(self) -> dict[str, object]:
        return {
            "allowed": self.allowed,
            "code": self.code,
            "message": self.localized_message,
            "explanation": self.explanation,
            "citation": self.citation.as_dict() if self.citation else None,
        }


#: When true, a :class:`Refused` built from a refusing decision without a citation raises
#: :class:`UncitedRefusal` instead: every refusal names its article.  ``tests/conftest.py`` turns it
#: on for the whole test session; in production an uncited refusal is still shown, not lost.
REQUIRE_CITATIONS = False


class UncitedRefusal(AssertionError):
    """A rule refused without citing the article that governs the refusal (a programming error)."""


class Refused(Exception):
    """Raised by an action when a rule refuses; carries every refusing decision."""

    def __init__(self, decisions: Iterable[Decision]):
        self.decisions = tuple(decisions)
        if REQUIRE_CITATIONS:
            uncited = [d.code for d in self.decisions if not d.allowed and d.citation is None]
            if uncited:
                raise UncitedRefusal(f"refusals without a citation: {', '.join(uncited)}")
        super().__init__("；".join(d.explanation for d in self.decisions))
        seen = _refusals_seen.get()
        if seen is not None:
            seen.append(self)

    @property
    def explanations(self) -> list[str]:
        return [d.explanation for d in self.decisions]


_refusals_seen: ContextVar[list[Refused] | None] = ContextVar("zhengwu_refusals_seen", default=None)


@contextmanager
def refusals_seen() -> Iterator[list[Refused]]:
    """Collect every :class:`Refused` raised inside the block (a request: the audit trail records
    each refusal after the action's transaction has rolled back, whoever caught it)."""
    token = _refusals_seen.set([])
    try:
        seen = _refusals_seen.get()
        assert seen is not None
        yield seen
    finally:
        _refusals_seen.reset(token)


def require(*decisions: Decision) -> None:
    """Raise :class:`Refused` with every refusing decision, or return quietly."""
    refused = [d for d in decisions if not d.allowed]
    if refused:
        raise Refused(refused)


class InvalidInput(Exception):
    """Bad input from a user: says what to fix, in the user's language; nothing was changed."""

    def __init__(self, message: str, field: str = ""):
        self.message = message
        self.field = field
        super().__init__(message)

    @property
    def localized_message(self) -> str:
        return localize(self.message)


def _title(short_title: str) -> str:
    """A rulebook's short title as a message, so that English pages say "Work Rules" (the titles'
    translations are in ``zhengwu/locale``)."""
    return Msg(short_title)
