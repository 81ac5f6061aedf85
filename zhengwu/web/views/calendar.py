"""工作日历 (art. 63): the year as month grids, the deadline calculator, the administrator's forms."""

from __future__ import annotations

import calendar as stdcal
import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language, pgettext
from django.views.decorators.http import require_GET, require_POST

from zhengwu.audit.services import history_for
from zhengwu.core.decisions import InvalidInput, Refused
from zhengwu.web.forms import AddWorkingDaysForm, BetweenForm, DayForm, YearForm
from zhengwu.web.helpers import actor, explain, is_admin, today_rulebook_cite, unknown_year_message
from zhengwu.workdays import actions
from zhengwu.workdays.arith import parse_date_spec
from zhengwu.workdays.models import CalendarYear, LayerYear
from zhengwu.workdays.services import (
    UnknownYearError,
    calendar,
    covered_years,
    layer_keys,
    layer_name,
    office_hours,
    provisional_note,
    provisional_note_en,
)


@dataclass(frozen=True)
class Cell:
    date: dt.date | None
    kind: str = ""
    name: str = ""
    layer: str = ""  # the name of the calendar layer that decided the day (全国, 新疆维吾尔自治区, 本地)


def _months(year: int) -> list[tuple[int, list[list[Cell]]]]:
    """The year's days as month grids, from the calendar (a year not stored yet: its provisional
    estimate).  Raises UnknownYearError for a year before the first stored one."""
    work = calendar()
    work.day(dt.date(year, 1, 1))
    days = {d.date: d for d in work if d.date.year == year}
    names = {k: layer_name(k) for k in layer_keys()}
    cal = stdcal.Calendar(firstweekday=0)
    months = []
    for month in range(1, 13):
        weeks = []
        for week in cal.monthdatescalendar(year, month):
            row = []
            for day in week:
                if day.month != month:
                    row.append(Cell(None))
                    continue
                stored = days.get(day)
                row.append(
                    Cell(
                        day,
                        stored.kind if stored else "",
                        stored.name if stored else "",
                        names.get(stored.layer, "") if stored else "",
                    )
                )
            weeks.append(row)
        months.append((month, weeks))
    return months


def _page(
    request: HttpRequest,
    year: int,
    *,
    errors: list[str] | None = None,
    status: int = 200,
    year_form: YearForm | None = None,
    day_form: DayForm | None = None,
) -> HttpResponse:
    record = CalendarYear.objects.filter(year=year).first()
    try:
        months = _months(year)
    except UnknownYearError:
        months = []
    names = {k: layer_name(k) for k in layer_keys()}
    named = [
        {"date": c.date, "kind": c.kind, "name": c.name, "layer": c.layer}
        for _m, weeks in months
        for week in weeks
        for c in week
        if c.date and c.kind in ("holiday", "makeup") and c.name
    ]
    stored_layers = {ly.layer: ly for ly in LayerYear.objects.filter(year=year)}
    layers = [
        {
            "key": k,
            "name": names[k],
            "row": stored_layers.get(k),
            "provisional": stored_layers[k].provisional if k in stored_layers else k != "local",
        }
        for k in layer_keys()
        if k != "local"
    ]
    provisional = bool(months) and calendar().is_provisional(dt.date(year, 1, 1))
    context: dict[str, Any] = {
        "year": year,
        "record": record,
        "covered": covered_years(),
        "months": months,
        "layers": layers,
        "provisional": provisional,
        "provisional_note": provisional_note(year),
        "office_hours": [h for h in (office_hours(dt.date(year, 6, 1)), office_hours(dt.date(year, 12, 1))) if h],
        "named_days": named,
        "history": list(history_for(record)) if record else [],
        "add_form": AddWorkingDaysForm(initial={"start": timezone.localdate(), "n": 7}),
        "between_form": BetweenForm(),
        "is_admin": is_admin(request),
        "year_form": year_form or YearForm(initial={"year": year}),
        "day_form": day_form or DayForm(),
        "errors": errors or [],
        "citation": today_rulebook_cite("time_limits"),
        "weekdays": [pgettext("weekday", d) for d in ("一", "二", "三", "四", "五", "六", "日")],
    }
    return render(request, "web/calendar/page.html", context, status=status)


def _year_param(request: HttpRequest) -> int:
    try:
        year = int(request.GET.get("year", ""))
    except ValueError:
        return timezone.localdate().year
    return year if 1900 <= year <= 2200 else timezone.localdate().year


@login_required
@require_GET
def calendar_page(request: HttpRequest) -> HttpResponse:
    return _page(request, _year_param(request))


def _named_spec(text: str, default_name: str) -> dict[dt.date, str]:
    """Lines of ``名称：日期, 日期..日期`` → {date: name}.  Raises ValueError (Chinese message)."""
    out: dict[dt.date, str] = {}
    for line in text.splitlines():
        line = line.strip()
        if not line:
            continue
        name, sep, spec = line.replace("：", ":").partition(":")
        if not sep:
            name, spec = default_name, line
        for day in parse_date_spec(spec):
            out[day] = name.strip() or default_name
    return out


def _refusal(exc: Refused | InvalidInput) -> tuple[list[str], int]:
    status = 403 if isinstance(exc, Refused) else 400
    return explain(exc), status


@login_required
@require_POST
def calendar_set_year(request: HttpRequest) -> HttpResponse:
    form = YearForm(request.POST)
    year = timezone.localdate().year
    if not form.is_valid():
        return _page(request, year, year_form=form, status=400)
    data = form.cleaned_data
    year = data["year"]
    try:
        holidays = _named_spec(data["holidays"], "节假日")
        makeup = _named_spec(data["makeup"], "调休上班")
    except ValueError as exc:
        form.add_error(None, str(exc))
        return _page(request, year, year_form=form, status=400)
    try:
        actions.set_year(actor(request), year, holidays, makeup, data["note"], layer=data["layer"] or "national")
    except (Refused, InvalidInput) as exc:
        errors, status = _refusal(exc)
        return _page(request, year, errors=errors, status=status, year_form=form)
    return redirect(f"{reverse('web:calendar')}?year={year}")


@login_required
@require_POST
def calendar_set_day(request: HttpRequest) -> HttpResponse:
    form = DayForm(request.POST)
    year = timezone.localdate().year
    if not form.is_valid():
        return _page(request, year, day_form=form, status=400)
    data = form.cleaned_data
    year = data["date"].year
    try:
        actions.set_day(
            actor(request), data["date"], data["kind"], data["name"], data["note"], layer=data["layer"] or "local"
        )
    except (Refused, InvalidInput) as exc:
        errors, status = _refusal(exc)
        return _page(request, year, errors=errors, status=status, day_form=form)
    return redirect(f"{reverse('web:calendar')}?year={year}")


def _calculated(request: HttpRequest, mode: str, form: Any, compute: Any, missing: str) -> HttpResponse:
    """htmx: one calculator answer; a year with no schedule answers with how to add it."""
    context: dict[str, Any] = {"mode": mode}
    if form.is_valid():
        context.update(form.cleaned_data)
        try:
            context["result"] = compute(**form.cleaned_data)
        except UnknownYearError as exc:
            context["error"] = unknown_year_message(exc)
        else:
            dates = [v for v in (context["result"], *form.cleaned_data.values()) if isinstance(v, dt.date)]
            note = provisional_note_en if get_language() == "en" else provisional_note
            context["provisional"] = [note(y) for y in calendar().provisional_between(min(dates), max(dates))]
    else:
        context["error"] = missing
    return render(request, "web/calendar/_result.html", context)


@login_required
@require_GET
def calendar_calc(request: HttpRequest) -> HttpResponse:
    """htmx: a date plus N working days."""
    return _calculated(
        request,
        "add",
        AddWorkingDaysForm(request.GET),
        lambda start, n: calendar().add_working_days(start, n),
        "请填写起算日期和工作日数。",
    )


@login_required
@require_GET
def calendar_between(request: HttpRequest) -> HttpResponse:
    """htmx: working days between two dates."""
    return _calculated(
        request,
        "between",
        BetweenForm(request.GET),
        lambda a, b: calendar().working_days_between(a, b),
        "请填写两个日期。",
    )
