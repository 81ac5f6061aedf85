"""规章和规范性文件 (arts. 20-22, 24-25): the list, a new draft, the draft's page with the actions
open at its stage, the catalogue and clean-up campaigns.  Views parse the posted fields, call the
one action in :mod:`zhengwu.legislation.actions` and render; refusals show with their articles."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from django.contrib.auth.decorators import login_required
from django.contrib.auth.models import AbstractBaseUser
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from zhengwu.core.decisions import InvalidInput, Refused
from zhengwu.core.i18n import _
from zhengwu.legislation import rules, selectors
from zhengwu.legislation.actions import adoption, after, comments, drafting, review
from zhengwu.legislation.models import (
    Cleanup,
    CleanupEntry,
    CleanupProposal,
    CommentOutcome,
    Dispute,
    DraftState,
    Filing,
    NormativeDraft,
    NormativeKind,
    PublicComment,
    RegulationEvaluation,
    UnitConsultation,
)
from zhengwu.legislation.selectors import comment_version, current_version
from zhengwu.org.models import Unit
from zhengwu.org.services import positions_of
from zhengwu.web.helpers import actor, explain


def _date(value: str, field: str) -> dt.date | None:
    if not value.strip():
        return None
    try:
        return dt.date.fromisoformat(value.strip())
    except ValueError as exc:
        raise InvalidInput(_("日期格式应为 YYYY-MM-DD。"), field=field) from exc


def _required_date(value: str, field: str) -> dt.date:
    when = _date(value, field)
    if when is None:
        raise InvalidInput(_("请填写日期。"), field=field)
    return when


def _int(value: str, field: str) -> int | None:
    if not value.strip():
        return None
    try:
        return int(value)
    except ValueError as exc:
        raise InvalidInput(_("请填写整数。"), field=field) from exc


def _draft(request: HttpRequest, pk: int) -> NormativeDraft:
    d = selectors.drafts_visible_to(actor(request)).filter(pk=pk).first()
    if d is None:
        raise Http404("没有这份草案，或您无权查看。")
    return d


@login_required
def drafts(request: HttpRequest) -> HttpResponse:
    rows = selectors.drafts_visible_to(actor(request)).order_by("-created_at")[:200]
    return render(request, "web/legislation/list.html", {"drafts": rows})


@login_required
def draft_new(request: HttpRequest) -> HttpResponse:
    user = actor(request)
    units = Unit.objects.filter(pk__in=[p.unit_id for p in positions_of(user) if p.kind != "administrator"])
    errors: list[str] = []
    values: dict[str, Any] = {"kind": NormativeKind.NORMATIVE, "government_issues": True}
    if request.method == "POST":
        p = request.POST
        values = {k: p.get(k, "") for k in ("kind", "title", "body", "drafting_unit", "secret_reason")}
        values.update({k: p.get(k) == "on" for k in ("government_issues", "secret", "major")})
        try:
            unit = units.filter(code=p.get("drafting_unit", "")).first()
            if unit is None:
                raise InvalidInput(_("请选择起草单位。"), field="drafting_unit")
            d = drafting.create_draft(
                user,
                kind=p.get("kind", ""),
                title=p.get("title", ""),
                body=p.get("body", ""),
                drafting_unit=unit,
                government_issues=values["government_issues"],
                secret=values["secret"],
                secret_reason=p.get("secret_reason", ""),
                major=values["major"],
            )
            return redirect("web:legislation_draft", d.pk)
        except (Refused, InvalidInput) as exc:
            errors = explain(exc)
    return render(
        request,
        "web/legislation/new.html",
        {"units": units, "values": values, "errors": errors, "kinds": NormativeKind.choices},
        status=400 if errors else 200,
    )


def _detail_context(request: HttpRequest, d: NormativeDraft) -> dict[str, Any]:
    version = current_version(d)
    user = actor(request)
    evaluation = RegulationEvaluation.objects.filter(draft=d).select_related("draft__drafting_unit").first()
    consultations = list(d.consultations.select_related("unit", "draft__rulebook_version"))
    # what the actions will do: the same checks (zhengwu.legislation.selectors)
    return {
        "d": d,
        "version": version,
        "versions": d.versions.order_by("-number"),
        "articles": rules.parse_articles(version.body),
        "flags": selectors.flags_of(d),
        "comments": d.comments.select_related("version"),
        "reviews": d.reviews.select_related("version"),
        "transitions": d.transitions.all(),
        "filings": [
            (f, selectors.allowed_actions(user, f))
            for f in d.filings.select_related("recipient", "draft__issuer", "draft__rulebook_version")
        ],
        "consultations": consultations,
        "disputes": [
            (x, selectors.allowed_actions(user, x)) for x in d.disputes.select_related("draft__rulebook_version")
        ],
        "validity_changes": d.validity_changes.select_related("related"),
        "evaluation": evaluation,
        "evaluation_acts": selectors.allowed_actions(user, evaluation) if evaluation else set(),
        "acts": selectors.allowed_actions(user, d),
        "my_consultations": [c for c in consultations if "reply" in selectors.allowed_actions(user, c)],
        "outcomes": CommentOutcome.choices,
        "units": Unit.objects.exclude(pk=d.drafting_unit_id).filter(kind__in=["department", "direct_unit", "county"]),
        "in_force_others": NormativeDraft.objects.filter(state=DraftState.PUBLISHED).exclude(pk=d.pk),
        "public_url": reverse("consultations:detail", args=[cv.pk]) if (cv := comment_version(d)) else "",
    }


@login_required
def draft_detail(request: HttpRequest, pk: int, errors: list[str] | None = None, status: int = 200) -> HttpResponse:
    d = _draft(request, pk)
    return render(
        request, "web/legislation/detail.html", {**_detail_context(request, d), "errors": errors or []}, status=status
    )


Act = Callable[[AbstractBaseUser, NormativeDraft, Any], object]


def _answer(u: AbstractBaseUser, d: NormativeDraft, p: Any) -> object:
    c = get_object_or_404(PublicComment, pk=_int(p.get("comment", ""), "comment"), draft=d)
    return comments.answer_comment(u, c, outcome=p.get("outcome", ""), reason=p.get("reason", ""))


def _reply(u: AbstractBaseUser, d: NormativeDraft, p: Any) -> object:
    c = get_object_or_404(UnitConsultation, pk=_int(p.get("consultation", ""), "consultation"), draft=d)
    return drafting.reply_consultation(u, c, agrees=p.get("agrees") == "yes", reply=p.get("reply", ""))


def _dispute(d: NormativeDraft, p: Any) -> Dispute:
    return get_object_or_404(Dispute, pk=_int(p.get("dispute", ""), "dispute"), draft=d)


def _filing(d: NormativeDraft, p: Any) -> Filing:
    return get_object_or_404(Filing, pk=_int(p.get("filing", ""), "filing"), draft=d)


def _validity(u: AbstractBaseUser, d: NormativeDraft, p: Any) -> object:
    related_id = _int(p.get("related", ""), "related")
    related = selectors.drafts_visible_to(u).filter(pk=related_id).first() if related_id else None
    when = _required_date(p.get("effective_on", ""), "effective_on")
    return after.change_validity(
        u, d, validity=p.get("validity", ""), effective_on=when, reason=p.get("reason", ""), related=related
    )


ACTS: dict[str, Act] = {
    "revise": lambda u, d, p: drafting.revise_draft(
        u, d, body=p.get("body", ""), title=p.get("title") or None, note=p.get("note", "")
    ),
    "consult": lambda u, d, p: drafting.consult_units(u, d, list(Unit.objects.filter(code__in=p.getlist("units")))),
    "reply": _reply,
    "dispute": lambda u, d, p: drafting.raise_dispute(u, d, matter=p.get("matter", ""), parties=p.get("parties", "")),
    "evaluate": lambda u, d, p: drafting.record_third_party_evaluation(
        u, _dispute(d, p), evaluator=p.get("evaluator", ""), conclusion=p.get("conclusion", "")
    ),
    "positions": lambda u, d, p: drafting.list_positions(
        u, _dispute(d, p), reasons=p.get("reasons", ""), proposal=p.get("proposal", "")
    ),
    "open": lambda u, d, p: comments.open_for_comment(u, d, _int(p.get("days", ""), "days")),
    "close": lambda u, d, p: comments.close_comments(u, d),
    "answer": _answer,
    "publish_answers": lambda u, d, p: comments.publish_answers(u, d),
    "submit": lambda u, d, p: review.submit_for_review(u, d),
    "review": lambda u, d, p: review.review(u, d, passed=p.get("passed") == "yes", reasons=p.get("reasons", "")),
    "topic": lambda u, d, p: adoption.request_topic(u, d),
    "deliberate": lambda u, d, p: adoption.record_deliberation(
        u,
        d,
        meeting_ref=p.get("meeting_ref", ""),
        held_on=_date(p.get("held_on", ""), "held_on"),
        outcome=p.get("outcome", "") or "原则通过",
    ),
    "document": lambda u, d, p: adoption.prepare_document(u, d),
    "unit_issue": lambda u, d, p: adoption.record_unit_issue(
        u, d, doc_number=p.get("doc_number", ""), written_on=_required_date(p.get("written_on", ""), "written_on")
    ),
    "publish": lambda u, d, p: adoption.publish(u, d),
    "file": lambda u, d, p: after.file_filing(u, _filing(d, p), reference=p.get("reference", "")),
    "review_filing": lambda u, d, p: after.review_filing(
        u, _filing(d, p), passed=p.get("passed") == "yes", note=p.get("note", "")
    ),
    "validity": _validity,
    "evaluation": lambda u, d, p: after.complete_evaluation(
        u, get_object_or_404(RegulationEvaluation, draft=d), report=p.get("report", "")
    ),
}


@login_required
@require_POST
def draft_act(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    d = _draft(request, pk)
    handler = ACTS.get(action)
    if handler is None:
        raise Http404("没有这项办理操作。")
    try:
        outcome = handler(actor(request), d, request.POST)
    except (Refused, InvalidInput) as exc:
        return draft_detail(request, pk, errors=explain(exc), status=403 if isinstance(exc, Refused) else 400)
    if action == "document" and hasattr(outcome, "pk"):
        return redirect("web:document", outcome.pk)
    return redirect(f"{reverse('web:legislation_draft', args=[pk])}#h-act")


@login_required
def catalogue(request: HttpRequest) -> HttpResponse:
    errors: list[str] = []
    if request.method == "POST":
        try:
            after.publish_catalogue(actor(request))
            return redirect("web:legislation_catalogue")
        except (Refused, InvalidInput) as exc:
            errors = explain(exc)
    from zhengwu.legislation.models import CatalogueRelease

    return render(
        request,
        "web/legislation/catalogue.html",
        {
            "entries": after.catalogue_entries(),
            "releases": CatalogueRelease.objects.all()[:10],
            "errors": errors,
            "may_publish": selectors.office_actions(actor(request))["publish_catalogue"].allowed,
        },
        status=403 if errors else 200,
    )


@login_required
def cleanups(request: HttpRequest) -> HttpResponse:
    errors: list[str] = []
    if request.method == "POST":
        try:
            row = after.start_cleanup(actor(request), title=request.POST.get("title", ""))
            return redirect("web:legislation_cleanup", row.pk)
        except (Refused, InvalidInput) as exc:
            errors = explain(exc)
    return render(
        request,
        "web/legislation/cleanups.html",
        {
            "cleanups": Cleanup.objects.all(),
            "errors": errors,
            "may_start": selectors.office_actions(actor(request))["start_cleanup"].allowed,
        },
        status=400 if errors else 200,
    )


@login_required
def cleanup_detail(request: HttpRequest, pk: int) -> HttpResponse:
    row = get_object_or_404(Cleanup, pk=pk)
    errors: list[str] = []
    if request.method == "POST":
        user = actor(request)
        p = request.POST
        try:
            what = p.get("do", "")
            if what == "close":
                after.close_cleanup(user, row)
            else:
                entry = get_object_or_404(CleanupEntry, pk=_int(p.get("entry", ""), "entry"), cleanup=row)
                if what == "propose":
                    after.propose_cleanup(user, entry, proposal=p.get("proposal", ""), reason=p.get("reason", ""))
                elif what == "decide":
                    after.decide_cleanup(user, entry, decision=p.get("decision", ""), note=p.get("note", ""))
                else:
                    raise Http404("没有这项操作。")
            return redirect("web:legislation_cleanup", row.pk)
        except (Refused, InvalidInput) as exc:
            errors = explain(exc)
    user = actor(request)
    entries = list(row.entries.select_related("draft__rulebook_version", "unit", "cleanup"))
    for e in entries:
        e.acts = selectors.allowed_actions(user, e)  # type: ignore[attr-defined]
    return render(
        request,
        "web/legislation/cleanup.html",
        {
            "cleanup": row,
            "entries": entries,
            "errors": errors,
            "choices": CleanupProposal.choices,
            "acts": selectors.allowed_actions(user, row),
        },
        status=400 if errors else 200,
    )
