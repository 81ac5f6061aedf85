"""The rulebook: versions by effective date (art. 68), the version in force with its chapters and
articles, what the system does with each article and the tests that prove it, parameters."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Count, Prefetch
from django.http import HttpRequest
from django.utils import timezone
from ninja import Field, Router, Schema
from ninja.errors import HttpError

from zhengwu.apis.auth import current_user
from zhengwu.apis.schemas import READ_ERRORS, WRITE_ERRORS, ErrorOut
from zhengwu.rulebook.actions import edit_parameter
from zhengwu.rulebook.coverage import tests_by_article
from zhengwu.rulebook.management.commands.rules import coverage_report
from zhengwu.rulebook.models import UNIT_LABELS, Article, ArticleKind, Chapter, Parameter, RulebookVersion
from zhengwu.rulebook.services import version_in_force

router = Router(tags=["rulebook"])


class VersionOut(Schema):
    id: int
    code: str
    title: str
    short_title: str
    version_label: str
    effective_from: dt.date
    ceases_on: dt.date | None
    document_number: str
    revision: int = Field(description="参数每修改一次加一")
    in_force: bool = Field(description="今天施行")
    articles: int


class ArticleBrief(Schema):
    number: int
    shown_as: str = Field(description="原文编号")
    kind: str = Field(description="E（系统强制）、R（系统记录）、I（仅供查阅）或空（未标注）")
    kind_label: str
    does: str = Field(description="系统如何执行")
    does_en: str = Field(description="系统如何执行（英文，可为空）")
    reconstructed: bool = Field(description="编号系重建")


class ChapterOut(Schema):
    number: int
    title: str
    title_reconstructed: bool
    articles: list[ArticleBrief]


class CurrentOut(Schema):
    version: VersionOut
    chapters: list[ChapterOut]
    other_articles: list[ArticleBrief] = Field(description="不属于任何章的条")


class ParameterOut(Schema):
    key: str
    value: Any
    unit: str
    unit_label: str
    article: int
    description: str
    note: str = Field("", description="来源原文（如时限所依据的国家规定）")


class ArticleOut(ArticleBrief):
    text: str
    chapter: int | None
    provisions: list[str]
    parameters: list[ParameterOut]
    tests: list[str] = Field(description="证明本条的测试（@pytest.mark.article）")


class ParameterIn(Schema):
    value: int | float | bool | str = Field(description="新取值")
    reason: str = Field(description="修改理由，例如依据的文件")


class CoverageArticle(Schema):
    number: int
    kind: str
    tests: list[str]


class CoverageOut(Schema):
    rulebook: str
    version: str
    articles: list[CoverageArticle]


def _version_out(v: RulebookVersion, today: dt.date, articles: int) -> VersionOut:
    return VersionOut(
        id=v.pk,
        code=v.code,
        title=v.title,
        short_title=v.short_title,
        version_label=v.version_label,
        effective_from=v.effective_from,
        ceases_on=v.ceases_on,
        document_number=v.document_number,
        revision=v.revision,
        in_force=v.in_force_on(today),
        articles=articles,
    )


def _brief(a: Article) -> ArticleBrief:
    return ArticleBrief(
        number=a.number,
        shown_as=a.shown_as,
        kind=a.kind,
        kind_label=str(ArticleKind(a.kind).label),
        does=a.does,
        does_en=a.does_en,
        reconstructed=a.reconstructed,
    )


def _parameter_out(p: Parameter) -> ParameterOut:
    return ParameterOut(
        key=p.key,
        value=p.value,
        unit=p.unit,
        unit_label=UNIT_LABELS.get(p.unit, p.unit),
        article=p.article,
        description=p.description,
        note=p.note,
    )


@router.get("/rules/versions", response={200: list[VersionOut], **READ_ERRORS}, summary="规则版本")
def list_versions(request: HttpRequest) -> list[VersionOut]:
    today = timezone.localdate()
    versions = RulebookVersion.objects.annotate(n_articles=Count("articles")).order_by("code", "-effective_from")
    return [_version_out(v, today, v.n_articles) for v in versions]


@router.get("/rules/current", response={200: CurrentOut, **READ_ERRORS}, summary="施行中的规则：章与条")
def current(request: HttpRequest) -> CurrentOut:
    today = timezone.localdate()
    version = version_in_force(today)
    chapters = Chapter.objects.filter(version=version).prefetch_related(
        Prefetch("articles", queryset=Article.objects.order_by("number"))
    )
    loose = Article.objects.filter(version=version, chapter__isnull=True).order_by("number")
    chapter_out = [
        ChapterOut(
            number=c.number,
            title=c.title,
            title_reconstructed=c.title_reconstructed,
            articles=[_brief(a) for a in c.articles.all()],
        )
        for c in chapters
    ]
    n_articles = sum(len(c.articles) for c in chapter_out) + len(loose)
    return CurrentOut(
        version=_version_out(version, today, n_articles),
        chapters=chapter_out,
        other_articles=[_brief(a) for a in loose],
    )


@router.get(
    "/rules/articles/{number}",
    response={200: ArticleOut, 404: ErrorOut, **READ_ERRORS},
    summary="施行中规则的一条：条文、系统如何执行、参数、证明它的测试",
)
def get_article(request: HttpRequest, number: int) -> ArticleOut:
    version = version_in_force()
    article = Article.objects.filter(version=version, number=number).select_related("chapter").first()
    if article is None:
        raise HttpError(404, f"施行中的《{version.short_title}》没有第{number}条。")
    return ArticleOut(
        **_brief(article).model_dump(),
        text=article.text,
        chapter=article.chapter.number if article.chapter else None,
        provisions=list(article.provisions),
        parameters=[_parameter_out(p) for p in Parameter.objects.filter(version=version, article=number)],
        tests=tests_by_article().get(number, []),
    )


@router.get("/rules/parameters", response={200: list[ParameterOut], **READ_ERRORS}, summary="施行中规则的参数")
def list_parameters(request: HttpRequest) -> list[ParameterOut]:
    return [_parameter_out(p) for p in Parameter.objects.filter(version=version_in_force())]


@router.patch(
    "/rules/parameters/{key}",
    response={200: ParameterOut, 404: ErrorOut, **WRITE_ERRORS},
    summary="修改施行中规则的参数（系统管理员）",
)
def patch_parameter(request: HttpRequest, key: str, payload: ParameterIn) -> ParameterOut:
    parameter = Parameter.objects.filter(version=version_in_force(), key=key).select_related("version").first()
    if parameter is None:
        raise HttpError(404, f"施行中的规则没有参数“{key}”。")
    raw = str(payload.value).lower() if isinstance(payload.value, bool) else str(payload.value)
    edited = edit_parameter(current_user(request), parameter, raw, payload.reason)
    return _parameter_out(edited)


@router.get(
    "/rules/coverage",
    response={200: CoverageOut, **READ_ERRORS},
    summary="每条规则由哪些测试证明（同 zhengwu rules coverage --json）",
)
def coverage(request: HttpRequest) -> CoverageOut:
    return CoverageOut.model_validate(coverage_report())
