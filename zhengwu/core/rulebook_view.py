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
    """The rulebook in force maps no article to a provision (or has no such parameter).

    Nothing that needs the provision can be done (its rule cannot be cited), but pages show
    :attr:`message_zh` (what is missing, how to fix it) instead of failing."""

    def __init__(self, message: str, *, key: str = "", message_zh: str = ""):
        super().__init__(message)
        self.key = key
        self.message_zh = message_zh or message


def _unmapped_zh(view: RulebookView, what: str, key: str) -> str:
    version = str(view.version_id) if view.version_id is not None else "版本编号"
    return (
        f"适用的《{view.short_title}》（{view.version_label}版）没有标注{what}“{key}”，"
        f"无法引用依据，需要它的操作不能办理。请系统管理员为该版本补充标注："
        f"zhengwu rules annotate {version} --annotations 标注文件"
        f"（参照 zhengwu/rulebook/data/kizilsu-work-rules-2023.toml）；"
        f"版本编号见“规则版本”页或 zhengwu rules versions。"
    )


@dataclass(frozen=True)
class Parameter:
    key: str
    value: int | float | str | bool
    unit: str
    article: int
    description: str = ""
    note: str = ""  # the source's own words (e.g. the national rule a time limit comes from)

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
    version_id: int | None = None  # the stored rulebook version, when read from the database

    def cite(self, provision: str) -> Citation:
        try:
            article = self.provisions[provision]
        except KeyError as exc:
            raise UnknownProvision(
                f"rulebook {self.code} ({self.version_label}) maps no article to provision {provision!r}",
                key=provision,
                message_zh=_unmapped_zh(self, "条款要点", provision),
            ) from exc
        return Citation(self.code, self.short_title, article, provision, self.version_label, self.version_id)

    def find(self, provision: str) -> Citation | None:
        """The citation of ``provision``, or None when this rulebook maps no article to it: for a
        sentence that merely mentions an article (a page, a to-do line) and must show without it."""
        article = self.provisions.get(provision)
        if article is None:
            return None
        return Citation(self.code, self.short_title, article, provision, self.version_label, self.version_id)

    def param(self, key: str) -> Parameter:
        try:
            return self.parameters[key]
        except KeyError as exc:
            raise UnknownProvision(
                f"rulebook {self.code} ({self.version_label}) has no parameter {key!r}",
                key=key,
                message_zh=_unmapped_zh(self, "参数", key),
            ) from exc

    def param_citation(self, key: str) -> Citation:
        p = self.param(key)
        return Citation(self.code, self.short_title, p.article, key, self.version_label, self.version_id)
