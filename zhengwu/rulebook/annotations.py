"""A rulebook's annotations: what the system does with each article, the provisions each article
carries, and the parameters the rules set.  Plain data read from a TOML file such as
``data/kizilsu-work-rules-2023.toml``; no Django."""

from __future__ import annotations

import datetime as dt
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from zhengwu.core.rulebook_view import Parameter, RulebookView

DATA_DIR = Path(__file__).resolve().parent / "data"
KIZILSU_2023 = DATA_DIR / "kizilsu-work-rules-2023.toml"
KINDS = {"E", "R", "I"}
UNITS = {"working_days", "days", "months", "per_year", "per_month", "persons", "minutes", "hours", "approver"}
"""``minutes`` and ``hours`` are clock time (e.g. an emergency reported within 30 minutes, art. 55),
never working days."""


class AnnotationError(ValueError):
    """A rulebook annotations file that cannot be used; the message says what to fix."""


@dataclass(frozen=True)
class ArticleNote:
    kind: str
    does: str  # what the system does with the article, in Chinese
    provisions: tuple[str, ...] = ()
    does_en: str = ""  # the same in English (optional)


@dataclass(frozen=True)
class Annotations:
    code: str
    title: str
    short_title: str
    version_label: str
    effective_from: dt.date | None
    text_file: Path | None
    document_number: str
    articles: dict[int, ArticleNote] = field(default_factory=dict)
    parameters: dict[str, Parameter] = field(default_factory=dict)
    supersedes: str = ""
    """The rules this version ends (art. 68: 「2022年6月1日印发的《…》停止执行」)."""
    path: Path | None = None
    """The file these annotations were read from."""
    transition: str = ""
    """How this version treats records opened under an earlier one (art. 68): ``""`` (the default)
    — every action from its effective date applies it; ``"keep"`` — its transition rule says that
    records opened before it finish under the version they were opened under."""

    @property
    def provisions(self) -> dict[str, int]:
        return {p: number for number, note in self.articles.items() for p in note.provisions}

    def view(self) -> RulebookView:
        """The rulebook as rules see it, straight from the file (for tests of pure rules)."""
        return RulebookView(self.code, self.short_title, self.version_label, self.provisions, self.parameters)


def _parameter(key: str, raw: dict[str, Any]) -> Parameter:
    unit = raw.get("unit")
    if unit not in UNITS:
        raise AnnotationError(f"parameter {key}: unit {unit!r} is not one of {sorted(UNITS)}")
    if not isinstance(raw.get("article"), int):
        raise AnnotationError(f"parameter {key}: every parameter cites its article (article = N)")
    return Parameter(key, raw["value"], unit, raw["article"], raw.get("description", ""), raw.get("note", ""))


def load(path: Path = KIZILSU_2023) -> Annotations:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise AnnotationError(f"cannot read annotations {path}: {exc}") from exc
    head = data.get("rulebook", {})
    articles: dict[int, ArticleNote] = {}
    seen: dict[str, int] = {}
    for number, raw in data.get("articles", {}).items():
        if raw.get("kind") not in KINDS:
            raise AnnotationError(f"article {number}: kind must be one of E, R, I")
        note = ArticleNote(raw["kind"], raw.get("does", ""), tuple(raw.get("provisions", ())), raw.get("does_en", ""))
        for provision in note.provisions:
            if provision in seen:
                raise AnnotationError(f"provision {provision} is given to both article {seen[provision]} and {number}")
            seen[provision] = int(number)
        articles[int(number)] = note
    effective = head.get("effective_from")
    return Annotations(
        code=head.get("code", ""),
        title=head.get("title", ""),
        short_title=head.get("short_title", "工作规则"),
        version_label=head.get("version_label", ""),
        effective_from=dt.date.fromisoformat(effective) if effective else None,
        text_file=(path.parent / head["text_file"]) if head.get("text_file") else None,
        document_number=head.get("document_number", ""),
        articles=articles,
        parameters={k: _parameter(k, v) for k, v in data.get("parameters", {}).items()},
        supersedes=head.get("supersedes", ""),
        path=path,
        transition=_transition(head.get("transition", "")),
    )


TRANSITIONS = {"", "apply", "keep"}


def _transition(value: object) -> str:
    if value not in TRANSITIONS:
        raise AnnotationError(f"rulebook.transition must be one of {sorted(TRANSITIONS)}, not {value!r}")
    return "" if value == "apply" else str(value)
