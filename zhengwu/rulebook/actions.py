"""Importing, annotating and withdrawing rulebook versions and editing parameters (art. 68):
the administrator's acts, each audited.  Reading the rulebook in force is :mod:`zhengwu.rulebook.services`."""

from __future__ import annotations

import datetime as dt
import difflib
import re
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.db.models import F, ProtectedError
from django.utils import timezone

from zhengwu.audit import services as audit
from zhengwu.core import administration
from zhengwu.core.decisions import Citation, InvalidInput, require
from zhengwu.core.i18n import _, to_data
from zhengwu.rulebook import annotations as notes
from zhengwu.rulebook import rules
from zhengwu.rulebook.models import Article, Chapter, Parameter, RulebookVersion
from zhengwu.rulebook.parser import ParsedRulebook, parse_rulebook
from zhengwu.rulebook.services import forget_views, predecessor_of, versions_citation, view_of


def _store(version: RulebookVersion, parsed: ParsedRulebook) -> None:
    chapters = {
        c.number: Chapter.objects.create(
            version=version,
            number=c.number,
            title=c.title,
            title_reconstructed=any(r.kind == "chapter_title" and r.number == c.number for r in parsed.reconstructed),
        )
        for c in parsed.chapters
    }
    renumbered = {r.number for r in parsed.reconstructed if r.kind == "article_number"}
    Article.objects.bulk_create(
        [
            Article(
                version=version,
                chapter=chapters.get(a.chapter) if a.chapter else None,
                number=a.number,
                text=a.text,
                shown_as=a.shown_as[:20],
                reconstructed=a.number in renumbered,
            )
            for a in parsed.articles
        ]
    )


def apply_annotations(version: RulebookVersion, annotations: notes.Annotations) -> list[str]:
    """Bring a stored version's article kinds, descriptions and provisions in line with its
    annotations file, and add the parameters it lacks.  Parameters already stored keep their
    value: administrators may have edited them.  Returns what changed (empty: nothing)."""
    changed: list[str] = []
    articles = list(version.articles.all())
    for article in articles:
        note = annotations.articles.get(article.number)
        wanted = (note.kind, note.does, note.does_en, list(note.provisions)) if note else ("", "", "", [])
        if (article.kind, article.does, article.does_en, article.provisions) != wanted:
            article.kind, article.does, article.does_en, article.provisions = wanted
            changed.append(f"第{article.number}条")
    Article.objects.bulk_update(articles, ["kind", "does", "does_en", "provisions"])
    stored = set(version.parameters.values_list("key", flat=True))
    missing = [p for key, p in annotations.parameters.items() if key not in stored]
    Parameter.objects.bulk_create(
        [
            Parameter(
                version=version,
                key=p.key,
                value=p.value,
                unit=p.unit,
                article=p.article,
                description=p.description,
                note=p.note,
            )
            for p in missing
        ]
    )
    changed += [f"参数{p.key}" for p in missing]
    if (version.metadata or {}).get("transition", "") != annotations.transition:
        version.metadata = {**(version.metadata or {}), "transition": annotations.transition}
        RulebookVersion.objects.filter(pk=version.pk).update(metadata=version.metadata)
        changed.append("过渡规则")
    if annotations.supersedes and version.supersedes != annotations.supersedes:
        version.supersedes = annotations.supersedes
        RulebookVersion.objects.filter(pk=version.pk).update(supersedes=annotations.supersedes)
        changed.append("所替代的规则")
    if changed:
        RulebookVersion.objects.filter(pk=version.pk).update(revision=F("revision") + 1)
        forget_views()
    return changed


# An article whose text is less similar than this to the same-numbered article of the version
# before counts as substantially changed: the provisions it inherits are listed for review.
SUBSTANTIAL_CHANGE = 0.75


def similarity(old: str, new: str) -> float:
    """How alike two article texts are (0–1), whitespace ignored."""
    a, b = re.sub(r"\s+", "", old), re.sub(r"\s+", "", new)
    if a == b:
        return 1.0
    return difflib.SequenceMatcher(None, a, b, autojunk=False).ratio()


@dataclass
class AnnotationOrigin:
    """Where a version's annotations came from, and what an administrator should review.

    Stored on the version (:attr:`RulebookVersion.annotation_origin`) and in the audit record."""

    source: str  # "file" or "inherited"
    label: str  # the file's name, or the version inherited from
    version_id: int | None = None  # the version inherited from
    articles: int = 0  # articles given a kind
    provisions: int = 0
    parameters: int = 0
    missing_provisions: list[dict[str, Any]] = field(default_factory=list)  # their article is gone
    dropped_parameters: list[dict[str, Any]] = field(default_factory=list)  # their article is gone
    changed_articles: list[dict[str, Any]] = field(default_factory=list)  # text changed substantially
    unannotated_articles: list[int] = field(default_factory=list)  # new articles, no kind yet

    def as_dict(self) -> dict[str, Any]:
        return dict(self.__dict__)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> AnnotationOrigin | None:
        """The report stored on a version; None for a version stored before reports were kept."""
        if not data.get("source"):
            return None
        known = {k: v for k, v in data.items() if k in cls.__dataclass_fields__}
        return cls(**known)

    @property
    def needs_review(self) -> bool:
        return bool(self.missing_provisions or self.dropped_parameters or self.changed_articles)

    def lines(self) -> list[str]:
        """What an administrator reads after an import or an annotation (Chinese)."""
        head = "标注继承自" if self.source == "inherited" else "标注取自"
        out = [
            f"{head}{self.label}：{self.articles}条的类别与说明，{self.provisions}个条款要点，{self.parameters}个参数。"
        ]
        out += self.warnings()
        return out

    def warnings(self) -> list[str]:
        out: list[str] = []
        if self.missing_provisions:
            listed = "、".join(f"{m['provision']}（原第{m['article']}条）" for m in self.missing_provisions)
            out.append(f"警告：以下条款要点所在的条款在本版本中已不存在，未能标注，引用它们的操作将被拒绝：{listed}")
        if self.dropped_parameters:
            listed = "、".join(f"{m['parameter']}（第{m['article']}条）" for m in self.dropped_parameters)
            out.append(f"警告：以下参数所依据的条款在本版本中已不存在，未能继承：{listed}")
        if self.changed_articles:
            listed = "、".join(
                f"第{c['article']}条（{'、'.join(c['provisions'] + c['parameters']) or '仅类别'}，"
                f"文字相似度{c['similarity']:.0%}）"
                for c in self.changed_articles
            )
            out.append(f"警告：以下条款的文字变化较大，继承的条款要点和参数请复核：{listed}")
        if self.unannotated_articles:
            listed = "、".join(f"第{n}条" for n in self.unannotated_articles)
            out.append(f"提示：以下条款在前一版本中没有对应条款，尚未标注：{listed}")
        return out


def _inherit(version: RulebookVersion, predecessor: RulebookVersion) -> AnnotationOrigin:
    """Give a new version the annotations of the version before it, article by article number:
    kinds, descriptions, provisions, and the parameters (with their current, possibly edited,
    values).  Provisions and parameters whose article number no longer exists cannot be placed;
    articles whose text changed substantially keep theirs but are listed for review."""
    old_articles = {a.number: a for a in predecessor.articles.all()}
    old_parameters = list(predecessor.parameters.all())
    params_by_article: dict[int, list[str]] = {}
    for p in old_parameters:
        params_by_article.setdefault(p.article, []).append(p.key)
    articles = list(version.articles.order_by("number"))
    numbers = {a.number for a in articles}
    origin = AnnotationOrigin("inherited", str(predecessor), version_id=predecessor.pk)
    for article in articles:
        old = old_articles.get(article.number)
        if old is None:
            origin.unannotated_articles.append(article.number)
            continue
        article.kind, article.does, article.does_en = old.kind, old.does, old.does_en
        article.provisions = list(old.provisions)
        origin.articles += bool(old.kind)
        origin.provisions += len(old.provisions)
        carried = params_by_article.get(article.number, [])
        if old.provisions or carried:
            ratio = similarity(old.text, article.text)
            if ratio < SUBSTANTIAL_CHANGE:
                origin.changed_articles.append(
                    {
                        "article": article.number,
                        "provisions": list(old.provisions),
                        "parameters": carried,
                        "similarity": round(ratio, 2),
                    }
                )
    Article.objects.bulk_update(articles, ["kind", "does", "does_en", "provisions"])
    origin.missing_provisions = [
        {"provision": p, "article": n}
        for n, a in sorted(old_articles.items())
        if n not in numbers
        for p in a.provisions
    ]
    kept = [p for p in old_parameters if p.article in numbers]
    origin.dropped_parameters = [
        {"parameter": p.key, "article": p.article} for p in old_parameters if p.article not in numbers
    ]
    Parameter.objects.bulk_create(
        [
            Parameter(
                version=version,
                key=p.key,
                value=p.value,
                unit=p.unit,
                article=p.article,
                description=p.description,
                note=p.note,
            )
            for p in kept
        ]
    )
    origin.parameters = len(kept)
    return origin


def _from_file(version: RulebookVersion, annotations: notes.Annotations) -> AnnotationOrigin:
    """What an annotations file gave a version, and what of it found no article."""
    numbers = set(version.articles.values_list("number", flat=True))
    return AnnotationOrigin(
        "file",
        annotations.path.name if annotations.path else "标注文件",
        articles=sum(1 for n in annotations.articles if n in numbers),
        provisions=sum(len(note.provisions) for n, note in annotations.articles.items() if n in numbers),
        parameters=version.parameters.count(),
        missing_provisions=[
            {"provision": p, "article": n}
            for n, note in sorted(annotations.articles.items())
            if n not in numbers
            for p in note.provisions
        ],
        dropped_parameters=[
            {"parameter": p.key, "article": p.article}
            for p in annotations.parameters.values()
            if p.article not in numbers
        ],
        unannotated_articles=sorted(numbers - set(annotations.articles)),
    )


def _relink(code: str) -> None:
    """Each version ceases when the next one of the same rulebook takes effect (art. 68)."""
    versions = list(RulebookVersion.objects.filter(code=code).order_by("effective_from"))
    for current, following in zip(versions, [*versions[1:], None], strict=True):
        ceases = following.effective_from if following else None
        if current.ceases_on != ceases:
            current.ceases_on = ceases
            current.save(update_fields=["ceases_on"])


def _require_admin(actor: AbstractBaseUser | None, version: RulebookVersion | None = None) -> None:
    if actor is None:
        return  # the system itself: the command line, the demo loader
    require(administration.may_administer(actor, versions_citation(version)))


def _citation_of(version: RulebookVersion) -> Citation | None:
    view = view_of(version)
    return view.cite("rulebook.versions") if "rulebook.versions" in view.provisions else versions_citation()


@transaction.atomic
def import_version(
    actor: AbstractBaseUser | None,
    text: str,
    effective_from: dt.date,
    annotations: notes.Annotations | None = None,
    code: str | None = None,
) -> RulebookVersion:
    """Parse a work-rules text as published and store it as a rulebook version (art. 68).

    Without ``annotations`` the version inherits those of the version in force before it (see
    :func:`_inherit`); with neither, it is refused: a version whose rules cannot be cited would
    stop every action once in force.  What the annotations came from, and what needs review, is
    in ``version.annotation_origin``."""
    _require_admin(actor)
    parsed = parse_rulebook(text)
    code = code or (annotations.code if annotations and annotations.code else settings.ZHENGWU_RULEBOOK_CODE)
    if RulebookVersion.objects.filter(code=code, effective_from=effective_from).exists():
        raise InvalidInput(
            _(
                (
                    "规则{code}已有{isoformat}施行的版本；如需替换，请先撤回该版本（zhengwu rules withdraw 版本"
                    "编号，仅限尚未施行的版本）或改用其他施行日期。"
                ),
                code=code,
                isoformat=effective_from.isoformat(),
            ),
            field="effective_from",
        )
    predecessor = None if annotations else predecessor_of(code, effective_from)
    if annotations is None and predecessor is None:
        raise InvalidInput(
            _(
                (
                    "规则{code}在{isoformat}之前没有版本可以继承标注（条款类别、条款要点、"
                    "参数）。请用 --annotations 指定标注文件，格式参照 zhengwu/rulebook/data/kizilsu-work-rules"
                    "-2023.toml。"
                ),
                code=code,
                isoformat=effective_from.isoformat(),
            ),
            field="annotations",
        )
    metadata: dict[str, Any] = dict(parsed.metadata)
    version = RulebookVersion.objects.create(
        code=code,
        title=(annotations.title if annotations and annotations.title else parsed.title)
        or (predecessor.title if predecessor else code),
        short_title=annotations.short_title if annotations else predecessor.short_title if predecessor else "工作规则",
        version_label=(annotations.version_label if annotations else "") or str(effective_from.year),
        effective_from=effective_from,
        document_number=(annotations.document_number if annotations else "") or metadata.get("文号", ""),
        source_text=text,
        metadata=metadata,
        reconstructed=[{**r.__dict__, "reason": to_data(r.reason)} for r in parsed.reconstructed],
        warnings=[to_data(w) for w in parsed.warnings],
        imported_at=timezone.now(),
        imported_by_id=actor.pk if actor is not None else None,
        supersedes=annotations.supersedes if annotations else "",
    )
    _store(version, parsed)
    if annotations is not None:
        apply_annotations(version, annotations)
        origin = _from_file(version, annotations)
    else:
        assert predecessor is not None
        origin = _inherit(version, predecessor)
    version.annotation_origin = origin.as_dict()
    version.save(update_fields=["annotation_origin"])
    _relink(code)
    forget_views()  # a rolled-back import may have cached a view under a primary key now reused
    version.refresh_from_db()
    summary = f"导入{version}，{effective_from.isoformat()}起施行，共{len(parsed.articles)}条"
    if origin.source == "inherited":
        summary += f"；标注继承自{origin.label}"
        if origin.needs_review:
            summary += "，有需复核之处"
    audit.record(
        actor=actor,
        action="rulebook.import",
        target=version,
        citation=_citation_of(version),
        summary=summary,
        details={
            "articles": len(parsed.articles),
            "chapters": len(parsed.chapters),
            "reconstructed": len(parsed.reconstructed),
            "warnings": [str(w) for w in parsed.warnings],
            "annotations": origin.as_dict(),
        },
    )
    return version


@transaction.atomic
def annotate_version(
    actor: AbstractBaseUser | None, version: RulebookVersion, annotations: notes.Annotations
) -> tuple[list[str], AnnotationOrigin]:
    """Apply an annotations file to a stored version (to repair one imported without them, or
    to bring it up to date): article kinds, descriptions and provisions as the file says;
    parameters it lacks are added, stored values stay.  Returns what changed and the report."""
    _require_admin(actor, version)
    if annotations.code and annotations.code != version.code:
        raise InvalidInput(
            _(
                "标注文件属于规则{code}，而版本{pk}属于规则{code2}；请选用该规则的标注文件。",
                code=annotations.code,
                pk=version.pk,
                code2=version.code,
            ),
            field="annotations",
        )
    changed = apply_annotations(version, annotations)
    origin = _from_file(version, annotations)
    version.annotation_origin = origin.as_dict()
    version.save(update_fields=["annotation_origin"])
    version.refresh_from_db()
    audit.record(
        actor=actor,
        action="rulebook.annotate",
        target=version,
        citation=_citation_of(version),
        summary=(f"按标注文件{origin.label}标注{version}：" + (f"更改{len(changed)}处" if changed else "无变化")),
        details={"changed": changed, "annotations": origin.as_dict()},
    )
    return changed, origin


@transaction.atomic
def withdraw_version(
    actor: AbstractBaseUser | None, version: RulebookVersion, today: dt.date | None = None
) -> RulebookVersion | None:
    """Withdraw a version that has not taken effect (imported by mistake, or without its
    annotations): it is deleted, and the version before it is in force again with no end date
    (or until the next one).  Returns that version, if any."""
    _require_admin(actor, version)
    version.refresh_from_db(fields=["effective_from", "ceases_on"])  # as stored now, not as the caller read it
    today = today or timezone.localdate()
    require(rules.may_withdraw(version.effective_from, version.ceases_on, today, versions_citation()))
    predecessor = predecessor_of(version.code, version.effective_from)
    label, code = str(version), version.code
    audit.record(
        actor=actor,
        action="rulebook.withdraw",
        target=version,
        citation=versions_citation(),
        summary=f"撤回尚未施行的{label}（原定{version.effective_from.isoformat()}起施行）",
        details={
            "code": code,
            "effective_from": version.effective_from.isoformat(),
            "articles": version.articles.count(),
            "imported_at": version.imported_at.isoformat(),
        },
    )
    try:
        version.delete()
    except ProtectedError as exc:
        raise InvalidInput(
            _("{label}已被{len}项记录引用，不能撤回。", label=label, len=len(exc.protected_objects)), field="version"
        ) from exc
    _relink(code)
    forget_views()
    if predecessor is not None:
        old_ceases = predecessor.ceases_on
        predecessor.refresh_from_db()
        audit.record(
            actor=actor,
            action="rulebook.relink",
            target=predecessor,
            citation=versions_citation(predecessor),
            summary=(
                f"{label}撤回，{predecessor}的停止执行日期由{old_ceases.isoformat() if old_ceases else '无'}"
                f"恢复为{predecessor.ceases_on.isoformat() if predecessor.ceases_on else '无（继续施行）'}"
            ),
            details={
                "withdrawn": label,
                "old_ceases_on": old_ceases.isoformat() if old_ceases else None,
                "ceases_on": predecessor.ceases_on.isoformat() if predecessor.ceases_on else None,
            },
        )
    return predecessor


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
        raise InvalidInput(
            _("参数“{description}”应为数字，“{raw}”不是数字。", description=parameter.description, raw=raw),
            field="value",
        ) from exc
    return raw


@transaction.atomic
def edit_parameter(actor: AbstractBaseUser, parameter: Parameter, raw_value: str, reason: str) -> Parameter:
    """An administrator changes a parameter of a rulebook version, with the reason recorded."""
    require(administration.may_administer(actor, versions_citation(parameter.version)))
    if not reason.strip():
        raise InvalidInput(_("请填写修改理由（例如依据的文件）。"), field="reason")
    value = _coerce(parameter, raw_value)
    if isinstance(value, int) and not isinstance(value, bool) and value < 0:
        raise InvalidInput(_("参数不能为负数。"), field="value")
    old = parameter.value
    parameter.value = value
    parameter.save(update_fields=["value"])
    RulebookVersion.objects.filter(pk=parameter.version_id).update(revision=F("revision") + 1)
    parameter.version.refresh_from_db(fields=["revision"])
    forget_views()  # a rolled-back edit must not leave its values cached under a revision reused later
    view = view_of(parameter.version)
    audit.record(
        actor=actor,
        action="rulebook.parameter.edit",
        target=parameter.version,
        citation=view.param_citation(parameter.key),
        summary=f"修改参数“{parameter.description}”：{old} → {value}",
        details={"key": parameter.key, "old": old, "new": value, "reason": reason.strip()},
    )
    return parameter
