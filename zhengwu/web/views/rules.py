"""工作规则 (art. 68): the rulebook in force, an article, versions, parameters."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from zhengwu.audit.models import AuditRecord
from zhengwu.audit.services import history_for, object_key
from zhengwu.core.decisions import InvalidInput, Refused
from zhengwu.rulebook.actions import AnnotationOrigin, edit_parameter
from zhengwu.rulebook.coverage import tests_by_article
from zhengwu.rulebook.models import Article, Chapter, Parameter, RulebookVersion
from zhengwu.rulebook.services import version_in_force, version_problems
from zhengwu.web.forms import ParameterForm
from zhengwu.web.helpers import actor, explain, is_admin, today_rulebook_cite


@dataclass(frozen=True)
class ArticleRow:
    article: Article
    test_count: int


@login_required
def rule_index(request: HttpRequest) -> HttpResponse:
    version = version_in_force()
    coverage = tests_by_article()
    articles = [
        ArticleRow(a, len(coverage.get(a.number, [])))
        for a in Article.objects.filter(version=version).order_by("number")
    ]
    chapters = list(Chapter.objects.filter(version=version).order_by("number"))
    by_chapter: dict[int | None, list[ArticleRow]] = {}
    for row in articles:
        by_chapter.setdefault(row.article.chapter_id, []).append(row)
    sections: list[tuple[Chapter | None, list[ArticleRow]]] = []
    if by_chapter.get(None):
        sections.append((None, by_chapter[None]))
    sections += [(chapter, by_chapter.get(chapter.pk, [])) for chapter in chapters]
    counts = {k: sum(1 for r in articles if r.article.kind == k) for k in ("E", "R", "I")}
    proven = sum(1 for r in articles if r.test_count)
    return render(
        request,
        "web/rules/index.html",
        {
            "version": version,
            "sections": sections,
            "counts": counts,
            "proven": proven,
            "total": len(articles),
        },
    )


@login_required
def rule_article(request: HttpRequest, number: int) -> HttpResponse:
    version = version_in_force()
    article = get_object_or_404(Article.objects.select_related("chapter"), version=version, number=number)
    neighbours = {
        "previous": Article.objects.filter(version=version, number__lt=number).order_by("-number").first(),
        "next": Article.objects.filter(version=version, number__gt=number).order_by("number").first(),
    }
    return render(
        request,
        "web/rules/article.html",
        {
            "version": version,
            "article": article,
            "parameters": Parameter.objects.filter(version=version, article=number),
            "tests": tests_by_article().get(number, []),
            **neighbours,
        },
    )


@dataclass(frozen=True)
class VersionRow:
    version: RulebookVersion
    predecessor: RulebookVersion | None  # the stored version it ended (art. 68)
    origin: AnnotationOrigin | None
    history: list[AuditRecord]
    upcoming: bool  # not in force yet: may still be withdrawn
    problems: list[str]  # what rules will ask for and it lacks (versions in force or to come)


@login_required
def rule_versions(request: HttpRequest) -> HttpResponse:
    versions = list(
        RulebookVersion.objects.select_related("imported_by").defer("source_text").order_by("code", "-effective_from")
    )
    try:
        current = version_in_force().pk
    except LookupError:
        current = None
    history: dict[str, list[AuditRecord]] = {}
    if versions:
        kind = object_key(versions[0])[0]
        for record in AuditRecord.objects.filter(object_type=kind, object_id__in=[str(v.pk) for v in versions]):
            history.setdefault(record.object_id, []).append(record)
    previous = {(v.code, v.ceases_on): v for v in versions if v.ceases_on}
    today = timezone.localdate()
    rows = [
        VersionRow(
            v,
            previous.get((v.code, v.effective_from)),
            AnnotationOrigin.from_dict(v.annotation_origin),
            history.get(str(v.pk), []),
            v.effective_from > today,
            version_problems(v, today) if v.ceases_on is None or v.ceases_on > today else [],
        )
        for v in versions
    ]
    return render(
        request,
        "web/rules/versions.html",
        {
            "rows": rows,
            "current": current,
            "citation": today_rulebook_cite("rulebook.versions"),
            "is_admin": is_admin(request),
        },
    )


def _parameters_page(
    request: HttpRequest,
    *,
    errors: list[str] | None = None,
    status: int = 200,
    editing: Parameter | None = None,
    form: ParameterForm | None = None,
) -> HttpResponse:
    version = version_in_force()
    return render(
        request,
        "web/rules/parameters.html",
        {
            "version": version,
            "parameters": Parameter.objects.filter(version=version).order_by("article", "key"),
            "history": list(history_for(version)),
            "is_admin": is_admin(request),
            "errors": errors or [],
            "editing": editing,
            "form": form,
        },
        status=status,
    )


@login_required
def rule_parameters(request: HttpRequest) -> HttpResponse:
    return _parameters_page(request)


@login_required
@require_POST
def rule_parameter_edit(request: HttpRequest, pk: int) -> HttpResponse:
    parameter = get_object_or_404(Parameter.objects.select_related("version"), pk=pk)
    form = ParameterForm(request.POST)
    if not form.is_valid():
        return _parameters_page(request, status=400, editing=parameter, form=form)
    try:
        edit_parameter(actor(request), parameter, form.cleaned_data["value"], form.cleaned_data["reason"])
    except Refused as exc:
        errors = explain(exc)
        return _parameters_page(request, errors=errors, status=403, editing=parameter, form=form)
    except InvalidInput as exc:
        return _parameters_page(request, errors=explain(exc), status=400, editing=parameter, form=form)
    return redirect("web:rule_parameters")


__all__ = ["rule_article", "rule_index", "rule_parameter_edit", "rule_parameters", "rule_versions"]
