"""Reading the rulebook in force: the version of a day, the view rules see, what is wrong with it.
Importing versions and editing parameters are the actions of :mod:`zhengwu.rulebook.actions`."""

from __future__ import annotations

import datetime as dt
from typing import Protocol

from django.conf import settings
from django.utils import timezone

from zhengwu.core.decisions import Citation
from zhengwu.core.memo import forget, memo
from zhengwu.core.rulebook_view import Parameter as ParamValue
from zhengwu.core.rulebook_view import RulebookView
from zhengwu.rulebook.models import RulebookVersion


class NoRulebookInForce(LookupError):
    def __init__(self, code: str, day: dt.date):
        self.code, self.day = code, day
        super().__init__(
            f"{day.isoformat()}没有施行中的规则（{code}）。请系统管理员导入工作规则："
            f"zhengwu rules import 文件 --effective 日期 --annotations 标注文件"
            f"（参照 zhengwu/rulebook/data/kizilsu-work-rules-2023.toml）。"
        )


def version_in_force(day: dt.date | None = None, code: str | None = None) -> RulebookVersion:
    day = day or timezone.localdate()
    code = code or settings.ZHENGWU_RULEBOOK_CODE
    version = (
        RulebookVersion.objects.filter(code=code, effective_from__lte=day)
        .exclude(ceases_on__lte=day)
        .order_by("-effective_from")
        .first()
    )
    if version is None:
        raise NoRulebookInForce(code, day)
    return version


RULEBOOK = "rulebook.view"  # memo namespace
_VIEW_CACHE: dict[tuple[int, int], RulebookView] = {}
_PROBLEM_CACHE: dict[tuple[int, int, bool], list[str]] = {}


def view_of(version: RulebookVersion) -> RulebookView:
    key = (version.pk, version.revision)
    cached = _VIEW_CACHE.get(key)
    if cached is None:
        provisions = {p: a.number for a in version.articles.all() for p in a.provisions}
        parameters = {
            p.key: ParamValue(p.key, p.value, p.unit, p.article, p.description) for p in version.parameters.all()
        }
        cached = RulebookView(
            version.code, version.short_title, version.version_label, provisions, parameters, version_id=version.pk
        )
        _VIEW_CACHE[key] = cached
    return cached


def rulebook_view(day: dt.date | None = None) -> RulebookView:
    """The rulebook in force on ``day`` (today by default), as rules see it (read once per request
    or sweep; editing a parameter or importing a version forgets it)."""
    day = day or timezone.localdate()
    return memo(RULEBOOK, day, lambda: view_of(version_in_force(day)))


def versions_citation(version: RulebookVersion | None = None) -> Citation | None:
    """Rulebook versions and their parameters serve art. 68 (versions by effective date): as the
    version itself numbers it, else (a version imported without annotations) as the one in force."""
    if version is not None:
        try:
            return view_of(version).cite("rulebook.versions")
        except LookupError:
            pass
    try:
        return rulebook_view().cite("rulebook.versions")
    except LookupError:
        return None


def forget_views() -> None:
    _VIEW_CACHE.clear()
    _PROBLEM_CACHE.clear()
    forget(RULEBOOK)


def predecessor_of(code: str, effective_from: dt.date) -> RulebookVersion | None:
    """The version of ``code`` in force the day before ``effective_from``."""
    return (
        RulebookVersion.objects.filter(code=code, effective_from__lt=effective_from).order_by("-effective_from").first()
    )


def version_problems(version: RulebookVersion, day: dt.date) -> list[str]:
    """What a version lacks that rules will ask for: any provision at all, or provisions and
    parameters the version before it had.  Kept per version revision."""
    key = (version.pk, version.revision, version.effective_from <= day)
    cached = _PROBLEM_CACHE.get(key)
    if cached is not None:
        return cached
    in_force = version.effective_from <= day
    which = f"施行中的{version}" if in_force else f"将于{version.effective_from.isoformat()}起施行的{version}"
    then = "" if in_force else "施行后"
    fix = (
        f"请运行 zhengwu rules annotate {version.pk} --annotations 标注文件"
        f"（参照 zhengwu/rulebook/data/kizilsu-work-rules-2023.toml）。"
    )
    view = view_of(version)
    problems: list[str] = []
    if not view.provisions:
        problems.append(f"{which}（版本编号{version.pk}）没有标注任何条款要点，{then}引用规则的操作都将被拒绝。{fix}")
    else:
        predecessor = predecessor_of(version.code, version.effective_from)
        if predecessor is not None:
            before = view_of(predecessor)
            lost = sorted(set(before.provisions) - set(view.provisions))
            lost += sorted(f"参数{k}" for k in set(before.parameters) - set(view.parameters))
            if lost:
                problems.append(
                    f"{which}（版本编号{version.pk}）缺少前一版本有的{len(lost)}项标注（{'、'.join(lost[:12])}"
                    f"{'等' if len(lost) > 12 else ''}），{then}引用它们的操作将被拒绝。{fix}"
                )
    _PROBLEM_CACHE[key] = problems
    return problems


def rulebook_problems(day: dt.date | None = None, code: str | None = None) -> list[str]:
    """What is wrong with the rulebook, for the administrator's banner: no version in force, or a
    version in force or still to come that lacks annotations rules will ask for (they would be
    refused).  Empty when all is well."""
    day = day or timezone.localdate()
    code = code or settings.ZHENGWU_RULEBOOK_CODE
    versions = list(
        RulebookVersion.objects.filter(code=code)
        .exclude(ceases_on__lte=day)
        .defer("source_text")
        .order_by("effective_from")
    )
    problems: list[str] = []
    if not any(v.effective_from <= day for v in versions):
        problems.append(str(NoRulebookInForce(code, day)))
    for version in versions:
        problems += version_problems(version, day)
    return problems


class UnderRulebook(Protocol):
    """A record that keeps the rulebook version it was opened under (a document, a draft, a case …)."""

    @property
    def rulebook_version(self) -> RulebookVersion: ...


#: ``RulebookVersion.metadata["transition"]``: records opened under an earlier version keep it.
KEEP_EARLIER = "keep"


def _in_force(code: str, day: dt.date) -> RulebookVersion | None:
    def read() -> RulebookVersion | None:
        try:
            return version_in_force(day, code)
        except NoRulebookInForce:
            return None

    return memo(RULEBOOK, ("version", code, day), read)


def version_for(record: UnderRulebook, day: dt.date | None = None) -> RulebookVersion:
    """The version an action on ``record`` applies on ``day`` (today) (art. 68): the version in
    force that day, unless that version's transition rule (``transition = "keep"`` in its
    annotations) says that records opened under an earlier version finish under it.  The version
    stored on the record stays the one it was opened under (drafted, received …)."""
    opened = record.rulebook_version
    current = _in_force(opened.code, day or timezone.localdate())
    if current is None or current.pk == opened.pk:
        return opened
    if current.effective_from > opened.effective_from and (current.metadata or {}).get("transition") == KEEP_EARLIER:
        return opened
    return current


def rulebook_for(record: UnderRulebook, day: dt.date | None = None) -> RulebookView:
    """The rulebook an action on ``record`` applies on ``day`` (:func:`version_for`); its citations
    name the version, and the audit record keeps it."""
    return view_of(version_for(record, day))


def rulebook_of(record: UnderRulebook) -> RulebookView:
    """The rulebook an action taken today on ``record`` applies (art. 68): the version in force
    today, or the one the record was opened under when the version in force says so by its
    transition rule (:func:`rulebook_for`).  The record keeps naming the version it was opened under."""
    return rulebook_for(record)
