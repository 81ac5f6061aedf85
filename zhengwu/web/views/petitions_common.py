"""What the 建议提案, 信访 and 复议诉讼审计 pages share: reading posted fields (bad input is an
:class:`InvalidInput` naming the field), and running an action with its refusal shown."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from django.http import HttpRequest
from django.utils.dateparse import parse_date

from zhengwu.core.decisions import InvalidInput, Refused
from zhengwu.core.i18n import _
from zhengwu.org.models import Person, Unit
from zhengwu.web.helpers import explain, unknown_year_message
from zhengwu.workdays.arith import UnknownYearError

CASE_UNIT_KINDS = ("department", "direct_unit", "county", "office")


def field(request: HttpRequest, name: str) -> str:
    return str(request.POST.get(name, ""))


def date_field(request: HttpRequest, name: str, required: bool = False) -> dt.date | None:
    raw = field(request, name).strip()
    if not raw:
        if required:
            raise InvalidInput(_("请填写日期。"), field=name)
        return None
    try:
        day = parse_date(raw)
    except ValueError:
        day = None
    if day is None:
        raise InvalidInput(_("日期“{raw}”格式有误，应为 YYYY-MM-DD。", raw=raw), field=name)
    return day


def required_date(request: HttpRequest, name: str) -> dt.date:
    day = date_field(request, name, required=True)
    assert day is not None
    return day


def unit_field(request: HttpRequest, name: str, required: bool = True) -> Unit | None:
    code = field(request, name).strip()
    if not code:
        if required:
            raise InvalidInput(_("请选择单位。"), field=name)
        return None
    unit = Unit.objects.filter(code=code).first()
    if unit is None:
        raise InvalidInput(_("没有代码为“{code}”的单位。", code=code), field=name)
    return unit


def required_unit(request: HttpRequest, name: str) -> Unit:
    unit = unit_field(request, name)
    assert unit is not None
    return unit


def int_field(request: HttpRequest, name: str) -> int:
    raw = field(request, name).strip()
    if not raw.isdigit():
        raise InvalidInput(_("请填写整数。"), field=name)
    return int(raw)


def units_field(request: HttpRequest, name: str) -> list[Unit]:
    codes = [c for c in request.POST.getlist(name) if c.strip()]
    units = list(Unit.objects.filter(code__in=codes))
    if len(units) != len(set(codes)):
        raise InvalidInput(_("所选单位有误。"), field=name)
    return units


def person_field(request: HttpRequest, name: str) -> Person | None:
    raw = field(request, name).strip()
    if not raw:
        return None
    person = Person.objects.select_related("user").filter(pk=int(raw) if raw.isdigit() else -1).first()
    if person is None:
        raise InvalidInput(_("所选人员有误。"), field=name)
    return person


def case_units() -> list[Unit]:
    return list(Unit.objects.filter(kind__in=CASE_UNIT_KINDS).order_by("sort_order", "code"))


def attempt(run: Callable[[], object]) -> tuple[list[str], int]:
    """Run an action; ``([], 200)`` when done, else the sentences to show and the status."""
    try:
        run()
    except Refused as exc:
        return explain(exc), 403
    except InvalidInput as exc:
        return explain(exc), 400
    except UnknownYearError as exc:
        return [unknown_year_message(exc)], 409
    return [], 200
