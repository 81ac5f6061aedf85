"""Reading the rulebook in force, importing versions, editing parameters."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from zhengwu.audit import services as audit
from zhengwu.core.decisions import Citation, InvalidInput, require
from zhengwu.core.memo import forget, memo
from zhengwu.core.rulebook_view import Parameter as ParamValue
from zhengwu.core.rulebook_view import RulebookView
from zhengwu.org.rules import may_administer
from zhengwu.rulebook import annotations as notes
from zhengwu.rulebook.models import Article, Chapter, Parameter, RulebookVersion
from zhengwu.rulebook.parser import ParsedRulebook, parse_rulebook


class NoRulebookInForce(LookupError):
    def __init__(self, code: str, day: dt.date):
        self.code, self.day = code, day
        super().__init__(
            f"{day.isoformat()}没有施行中的规则（{code}）。请系统管理员导入工作规则："
            f"zhengwu rules import 文件 --effective 日期。"
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


def view_of(version: RulebookVersion) -> RulebookView:
    key = (version.pk, version.revision)
    cached = _VIEW_CACHE.get(key)
    if cached is None:
        provisions = {p: a.number for a in version.articles.all() for p in a.provisions}
        parameters = {
            p.key: ParamValue(p.key, p.value, p.unit, p.article, p.description) for p in version.parameters.all()
        }
        cached = RulebookView(version.code, version.short_title, version.version_label, provisions, parameters)
        _VIEW_CACHE[key] = cached
    return cached


def rulebook_view(day: dt.date | None = None) -> RulebookView:
    """The rulebook in force on ``day`` (today by default), as rules see it (read once per request
    or sweep; editing a parameter or importing a version forgets it)."""
    day = day or timezone.localdate()
    return memo(RULEBOOK, day, lambda: view_of(version_in_force(day)))


def _cite_versions(version: RulebookVersion | None = None) -> Citation | None:
    """Rulebook versions and their parameters serve art. 68 (versions by effective date)."""
    try:
        view = view_of(version) if version is not None else rulebook_view()
        return view.cite("rulebook.versions")
    except LookupError:
        return None


def _store(version: RulebookVersion, parsed: ParsedRulebook, annotations: notes.Annotations | None) -> None:
    chapters = {
        c.number: Chapter.objects.create(
            version=version, number=c.number, title=c.title,
            title_reconstructed=any(r.kind == "chapter_title" and r.number == c.number for r in parsed.reconstructed),
        )
        for c in parsed.chapters
    }
    renumbered = {r.number for r in parsed.reconstructed if r.kind == "article_number"}
    Article.objects.bulk_create([
        Article(
            version=version,
            chapter=chapters.get(a.chapter) if a.chapter else None,
            number=a.number,
            text=a.text,
            shown_as=a.shown_as[:20],
            reconstructed=a.number in renumbered,
        )
        for a in parsed.articles
    ])
    if annotations:
        apply_annotations(version, annotations)


def apply_annotations(version: RulebookVersion, annotations: notes.Annotations) -> list[str]:
    """Bring a stored version's article kinds, descriptions and provisions in line with its
    annotations file, and add the parameters it lacks.  Parameters already stored keep their
    value: administrators may have edited them.  Returns what changed (empty: nothing)."""
    changed: list[str] = []
    articles = list(version.articles.all())
    for article in articles:
        note = annotations.articles.get(article.number)
        wanted = (note.kind, note.does, list(note.provisions)) if note else ("", "", [])
        if (article.kind, article.does, article.provisions) != wanted:
            article.kind, article.does, article.provisions = wanted
            changed.append(f"第{article.number}条")
    Article.objects.bulk_update(articles, ["kind", "does", "provisions"])
    stored = set(version.parameters.values_list("key", flat=True))
    missing = [p for key, p in annotations.parameters.items() if key not in stored]
    Parameter.objects.bulk_create([
        Parameter(version=version, key=p.key, value=p.value, unit=p.unit, article=p.article,
                  description=p.description)
        for p in missing
    ])
    changed += [f"参数{p.key}" for p in missing]
    if changed:
        RulebookVersion.objects.filter(pk=version.pk).update(revision=F("revision") + 1)
        _VIEW_CACHE.clear()
        forget(RULEBOOK)
    return changed


def _relink(code: str) -> None:
    """Each version ceases when the next one of the same rulebook takes effect (art. 68)."""
    versions = list(RulebookVersion.objects.filter(code=code).order_by("effective_from"))
    for current, following in zip(versions, [*versions[1:], None], strict=True):
        ceases = following.effective_from if following else None
        if current.ceases_on != ceases:
            current.ceases_on = ceases
            current.save(update_fields=["ceases_on"])


@transaction.atomic
def import_version(
    actor: AbstractBaseUser | None,
    text: str,
    effective_from: dt.date,
    annotations: notes.Annotations | None = None,
    code: str | None = None,
) -> RulebookVersion:
    """Parse a work-rules text as published and store it as a rulebook version (art. 68)."""
    if actor is not None:
        from zhengwu.org.services import positions_of

        require(may_administer(bool(getattr(actor, "is_superuser", False)), positions_of(actor),
                               _cite_versions()))
    parsed = parse_rulebook(text)
    code = code or (annotations.code if annotations and annotations.code else settings.ZHENGWU_RULEBOOK_CODE)
    if RulebookVersion.objects.filter(code=code, effective_from=effective_from).exists():
        raise InvalidInput(
            f"规则{code}已有{effective_from.isoformat()}施行的版本；如需替换，请先删除该版本或改用其他施行日期。",
            field="effective_from",
        )
    metadata: dict[str, Any] = dict(parsed.metadata)
    version = RulebookVersion.objects.create(
        code=code,
        title=(annotations.title if annotations and annotations.title else parsed.title) or code,
        short_title=annotations.short_title if annotations else "工作规则",
        version_label=(annotations.version_label if annotations else "") or str(effective_from.year),
        effective_from=effective_from,
        document_number=(annotations.document_number if annotations else "") or metadata.get("文号", ""),
        source_text=text,
        metadata=metadata,
        reconstructed=[r.__dict__ for r in parsed.reconstructed],
        warnings=list(parsed.warnings),
        imported_at=timezone.now(),
        imported_by_id=actor.pk if actor is not None else None,
    )
    _store(version, parsed, annotations)
    _relink(code)
    _VIEW_CACHE.clear()
    forget(RULEBOOK)  # a rolled-back import may have cached a view under a primary key now reused
    view = view_of(version)
    citation = view.cite("rulebook.versions") if "rulebook.versions" in view.provisions else None
    audit.record(
        actor=actor, action="rulebook.import", target=version, citation=citation,
        summary=f"导入{version}，{effective_from.isoformat()}起施行，共{len(parsed.articles)}条",
        details={"articles": len(parsed.articles), "chapters": len(parsed.chapters),
                 "reconstructed": len(parsed.reconstructed), "warnings": list(parsed.warnings)},
    )
    return version


def _coerce(parameter: Parameter, raw: str) -> int | float | str | bool:
    current = parameter.value
    try:
        if isinstance(current, bool):
            return raw.strip().lower() in {"1", "true", "yes", "是"}
        if isinstance(current, int):
            return int(raw)
        if isinstance(current, float):
            return float(raw)
    except ValueError as exc:
        raise InvalidInput(f"参数“{parameter.description}”应为数字，“{raw}”不是数字。", field="value") from exc
    return raw


@transaction.atomic
def edit_parameter(actor: AbstractBaseUser, parameter: Parameter, raw_value: str, reason: str) -> Parameter:
    """An administrator changes a parameter of a rulebook version, with the reason recorded."""
    from zhengwu.org.services import positions_of

    require(may_administer(bool(getattr(actor, "is_superuser", False)), positions_of(actor),
                           _cite_versions(parameter.version)))
    if not reason.strip():
        raise InvalidInput("请填写修改理由（例如依据的文件）。", field="reason")
    value = _coerce(parameter, raw_value)
    if isinstance(value, int) and not isinstance(value, bool) and value < 0:
        raise InvalidInput("参数不能为负数。", field="value")
    old = parameter.value
    parameter.value = value
    parameter.save(update_fields=["value"])
    RulebookVersion.objects.filter(pk=parameter.version_id).update(revision=F("revision") + 1)
    parameter.version.refresh_from_db(fields=["revision"])
    _VIEW_CACHE.clear()
    forget(RULEBOOK)  # a rolled-back edit must not leave its values cached under a revision reused later
    view = view_of(parameter.version)
    audit.record(
        actor=actor, action="rulebook.parameter.edit", target=parameter.version,
        citation=view.param_citation(parameter.key),
        summary=f"修改参数“{parameter.description}”：{old} → {value}",
        details={"key": parameter.key, "old": old, "new": value, "reason": reason.strip()},
    )
    return parameter
