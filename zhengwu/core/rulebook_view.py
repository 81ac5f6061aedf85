"""The rulebook as plain data, for rules to cite and read parameters from.

A :class:`RulebookView` is built by :mod:`zhengwu.rulebook.services` from the rulebook version in
force on a date (or, in tests of pure rules, straight from the rulebook's data file).  It holds:

- ``provisions``: provision key → article number (``"leave.report"`` → 58);
- ``parameters``: parameter key → :class:`Parameter` (``"countersign.reply_days"`` → 7 working
  days, art. 50).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from zhengwu.core.decisions import Citation


class UnknownProvision(KeyError):
    """The rulebook in force maps no article to a provision (or has no such parameter)."""


@dataclass(frozen=True)
class Parameter:
    key: str
    value: int | float | str | bool
    unit: str
    article: int
    description: str = ""

    @property
    def as_int(self) -> int:
        if isinstance(self.value, bool) or not isinstance(self.value, int):
            raise TypeError(f"parameter {self.key} is {self.value!r}, not a whole number")
        return self.value


@dataclass(frozen=True)
class RulebookView:
    code: str
    short_title: str
    version_label: str
    provisions: Mapping[str, int] = field(default_factory=dict)
    parameters: Mapping[str, Parameter] = field(default_factory=dict)

    def cite(self, provision: str) -> Citation:
        try:
            article = self.provisions[provision]
        except KeyError as exc:
            raise UnknownProvision(
                f"rulebook {self.code} ({self.version_label}) maps no article to provision {provision!r}"
            ) from exc
        return Citation(self.code, self.short_title, article, provision)

    def param(self, key: str) -> Parameter:
        try:
            return self.parameters[key]
        except KeyError as exc:
            raise UnknownProvision(
                f"rulebook {self.code} ({self.version_label}) has no parameter {key!r}"
            ) from exc

    def param_citation(self, key: str) -> Citation:
        p = self.param(key)
        return Citation(self.code, self.short_title, p.article, key)
