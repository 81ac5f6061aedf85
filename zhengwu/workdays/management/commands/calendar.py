"""``zhengwu calendar``: working-day arithmetic and the administrator's calendar edits.

    zhengwu calendar add-working-days 2026-02-12 7      → 2026-02-28
    zhengwu calendar working-days-between 2026-02-12 2026-02-28   → 7
    zhengwu calendar add-days 2026-09-01 30             → 2026-10-08 (calendar days, 民法典)
    zhengwu calendar show 2026                          (each day with its layer; 暂定 if provisional)
    zhengwu calendar years                              (each year: official with its notices, or provisional)
    zhengwu calendar seed [--years 2025 2026] [--replace [--discard-local]]
        (--replace keeps the days an administrator entered unless --discard-local)
    zhengwu calendar set-year 2027 --holidays "2027-01-01, 2027-02-05..2027-02-11" \
        --makeup "2027-02-14" --note "国办发明电〔2026〕X号"
    zhengwu calendar set-day 2027-03-21 holiday --name "诺鲁孜节" --note "州政府通知"
"""

from __future__ import annotations

import argparse
import datetime as dt
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from zhengwu.core.commands import account
from zhengwu.core.decisions import InvalidInput, Refused
from zhengwu.workdays import actions, services
from zhengwu.workdays.arith import UnknownYearError, parse_date_spec
from zhengwu.workdays.models import CalendarYear, LayerYear


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"“{text}”不是 YYYY-MM-DD 格式的日期") from exc


class Command(BaseCommand):
    help = "Working days on the official calendar: compute deadlines, enter schedules."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="sub", required=True)
        p = sub.add_parser("add-working-days", help="the N-th working day after DATE")
        p.add_argument("date", type=_date)
        p.add_argument("n", type=int)
        p = sub.add_parser("working-days-between", help="working days after A up to and including B")
        p.add_argument("a", type=_date)
        p.add_argument("b", type=_date)
        p = sub.add_parser("add-days", help="a period of N calendar days (rest-day roll-forward)")
        p.add_argument("date", type=_date)
        p.add_argument("n", type=int)
        p = sub.add_parser("add-months", help="a period of N months (rest-day roll-forward)")
        p.add_argument("date", type=_date)
        p.add_argument("n", type=int)
        p = sub.add_parser("show", help="list a year's holidays and make-up days")
        p.add_argument("year", type=int)
        p = sub.add_parser("seed", help="load official schedules from chinesecalendar")
        p.add_argument("--years", type=int, nargs="*")
        p.add_argument("--replace", action="store_true", help="reload years already entered")
        p.add_argument(
            "--discard-local",
            action="store_true",
            help="with --replace: overwrite make-up days and local holidays an administrator entered",
        )
        p.add_argument("--as-user", default=None, help="administrator account to record as the actor")
        p = sub.add_parser("set-year", help="enter or replace a year's schedule")
        p.add_argument("year", type=int)
        p.add_argument("--holidays", required=True, help='e.g. "2027-01-01, 2027-02-05..2027-02-11"')
        p.add_argument("--makeup", default="", help="make-up working days (weekend days worked)")
        p.add_argument("--note", required=True, help="the notice it comes from")
        p.add_argument("--layer", default="national", help="national (国务院办公厅) or a region layer, e.g. xinjiang")
        p.add_argument("--as-user", default=None)
        p = sub.add_parser("years", help="each stored year: official (with its notices) or provisional")
        p = sub.add_parser("set-day", help="mark one day (local holiday, make-up day, ordinary day)")
        p.add_argument("date", type=_date)
        p.add_argument("kind", choices=["workday", "weekend", "holiday", "makeup"])
        p.add_argument("--name", default="")
        p.add_argument("--note", required=True)
        p.add_argument("--layer", default="local", help="the calendar layer (default: local)")
        p.add_argument("--as-user", default=None)

    def _date_out(self, start: dt.date, due: dt.date) -> None:
        """The date alone on standard output (for scripts); a provisional mark on standard error."""
        self.stdout.write(due.isoformat())
        self._provisional(start, due)

    def _provisional(self, a: dt.date, b: dt.date) -> None:
        for year in services.calendar().provisional_between(a, b):
            self.stderr.write(f"暂定：{services.provisional_note(year)}")

    def _actor(self, username: str | None) -> Any:
        return account(username) if username is not None else None

    def handle(self, *args: Any, **o: Any) -> None:
        try:
            self._run(o)
        except UnknownYearError as exc:
            raise CommandError(exc.message_zh) from exc
        except (InvalidInput, Refused, ValueError) as exc:
            raise CommandError(str(exc)) from exc

    def _run(self, o: dict[str, Any]) -> None:
        sub = o["sub"]
        cal = services.calendar
        if sub == "add-working-days":
            self._date_out(o["date"], cal().add_working_days(o["date"], o["n"]))
        elif sub == "working-days-between":
            self.stdout.write(str(cal().working_days_between(o["a"], o["b"])))
            self._provisional(o["a"], o["b"])
        elif sub == "add-days":
            self._date_out(o["date"], cal().add_days(o["date"], o["n"]))
        elif sub == "add-months":
            self._date_out(o["date"], cal().add_months(o["date"], o["n"]))
        elif sub == "show":
            c = cal()
            if o["year"] not in c.years:
                raise UnknownYearError(o["year"])
            for day in c:
                if day.date.year == o["year"] and day.kind in {"holiday", "makeup"}:
                    layer = services.layer_name(day.layer)
                    where = f"（{layer}）" if layer else ""
                    self.stdout.write(f"{day.date.isoformat()}  {day.kind:<8} {day.name}{where}")
            if c.is_provisional(dt.date(o["year"], 1, 1)):
                self.stderr.write(f"暂定：{services.provisional_note(o['year'])}")
        elif sub == "years":
            layers: dict[int, list[str]] = {}
            for ly in LayerYear.objects.order_by("year", "layer"):
                status = "暂定（推算）" if ly.provisional else ("官方" if ly.source == "official" else "管理员录入")
                layers.setdefault(ly.year, []).append(
                    f"{services.layer_name(ly.layer)}：{status}"
                    + (f"（{ly.note}）" if ly.note and not ly.provisional else "")
                )
            for year in CalendarYear.objects.order_by("year"):
                mark = "暂定" if year.provisional else "官方"
                self.stdout.write(f"{year.year}  {mark}  " + "；".join(layers.get(year.year, [])))
        elif sub == "seed":
            if o["discard_local"] and not o["replace"]:
                raise CommandError("--discard-local 只与 --replace 一起使用。")
            result = actions.seed_official(self._actor(o["as_user"]), o["years"], o["replace"], o["discard_local"])
            if not result:
                self.stdout.write("没有需要载入的年份。")
                return
            self.stdout.write(f"载入年份：{', '.join(map(str, result.years))}")
            if result.kept:
                self.stdout.write(f"保留管理员录入的{len(result.kept)}天（与官方安排不同）：")
                for local in result.kept:
                    self.stdout.write(f"  {local.describe()}")
                self.stdout.write("如需改用官方安排，请加 --discard-local。")
            if result.overwritten:
                self.stdout.write(f"已按官方安排覆盖管理员录入的{len(result.overwritten)}天：")
                for local in result.overwritten:
                    self.stdout.write(f"  {local.describe()}")
        elif sub == "set-year":
            holidays = {d: "" for d in parse_date_spec(o["holidays"])}
            makeup = {d: "调休上班" for d in parse_date_spec(o["makeup"])} if o["makeup"] else {}
            actions.set_year(self._actor(o["as_user"]), o["year"], holidays, makeup, o["note"], layer=o["layer"])
            self.stdout.write(f"{o['year']}年工作日安排已保存。")
        elif sub == "set-day":
            actions.set_day(self._actor(o["as_user"]), o["date"], o["kind"], o["name"], o["note"], layer=o["layer"])
            self.stdout.write(f"{o['date'].isoformat()}已设为{actions.kind_zh(o['kind'])}。")
