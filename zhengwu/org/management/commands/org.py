"""``zhengwu org``: the administrator's organization edits on the command line (arts. 4, 7, 8).

    zhengwu org create-unit tjj 克孜勒苏柯尔克孜自治州统计局 --kind department --short-name 州统计局 \\
        --parent gov --doc-prefix 克统 --org-code 010478518
    zhengwu org add-position tjj unit_head 局长
    zhengwu org add-person tjj_head 张三 [--password …]     # prints the password once
    zhengwu org appoint tjj_head --unit tjj --title 局长 --start 2026-07-01
    zhengwu org end-appointment tjj_head --unit tjj --title 局长 --end 2026-12-31
    zhengwu org set-portfolio vice_liu --areas "发展改革、统计" --units fgw,tjj --start 2026-07-01
    zhengwu org deactivate tjj_head

Each calls the same action as the web pages and the API.  Without ``--as-user`` the change is
recorded as made by the system on the command line; with it, as that administrator's.
"""

from __future__ import annotations

import argparse
import datetime as dt
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db.models import Q
from django.utils import timezone

from zhengwu.core.commands import account
from zhengwu.core.decisions import InvalidInput, Refused
from zhengwu.org import admin_actions
from zhengwu.org.models import Appointment, Person, Position, Unit


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"“{text}”不是 YYYY-MM-DD 格式的日期") from exc


def _unit(code: str) -> Unit:
    unit = Unit.objects.filter(code=code).first()
    if unit is None:
        raise CommandError(f"没有代码为“{code}”的单位。")
    return unit


def _person(username: str) -> Person:
    person = Person.objects.select_related("user").filter(user__username=username).first()
    if person is None:
        raise CommandError(f"账号“{username}”没有对应的人员。")
    return person


def _position(unit_code: str, title: str) -> Position:
    positions = list(Position.objects.filter(unit=_unit(unit_code), title=title))
    if not positions:
        raise CommandError(f"{unit_code}没有名为“{title}”的职务；可用 add-position 新设。")
    if len(positions) > 1:
        raise CommandError(f"{unit_code}有{len(positions)}个名为“{title}”的职务，请在网页上任命。")
    return positions[0]


class Command(BaseCommand):
    help = "Keep the organization: units, positions, people and accounts, appointments, portfolios (分管)."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="sub", required=True)
        p = sub.add_parser("create-unit", help="a new unit")
        p.add_argument("code")
        p.add_argument("name")
        p.add_argument("--kind", required=True, help="government, office, department, direct_unit, county, superior")
        p.add_argument("--short-name", default="")
        p.add_argument("--parent", default=None, help="the parent unit's code")
        p.add_argument("--component", action="store_true", help="政府组成部门")
        p.add_argument("--doc-prefix", default="", help="机关代字")
        p.add_argument("--org-code", default="", help="组织机构代码 (9) or 统一社会信用代码 (18)")
        p.add_argument("--functions", default="", help="comma-separated: legal_review, foreign_affairs, petitions")
        p = sub.add_parser("add-position", help="a new position in a unit")
        p.add_argument("unit")
        p.add_argument("kind")
        p.add_argument("title")
        p.add_argument("--duties", default="")
        p = sub.add_parser("add-person", help="a person with a login account; prints the password once")
        p.add_argument("username")
        p.add_argument("name")
        p.add_argument("--password", default=None, help="omit to generate one")
        p = sub.add_parser("appoint", help="appoint a person to a position from a date")
        p.add_argument("username")
        p.add_argument("--unit", required=True)
        p.add_argument("--title", required=True)
        p.add_argument("--start", type=_date, required=True)
        p = sub.add_parser("end-appointment", help="end a person's appointment (last day inclusive)")
        p.add_argument("username")
        p.add_argument("--unit", default=None)
        p.add_argument("--title", default=None)
        p.add_argument("--end", type=_date, required=True)
        p = sub.add_parser("set-portfolio", help="a leader's portfolio (分管) from a date")
        p.add_argument("leader", help="the username of the leader position's current holder")
        p.add_argument("--areas", required=True)
        p.add_argument("--units", required=True, help="comma-separated unit codes")
        p.add_argument("--start", type=_date, required=True)
        p = sub.add_parser("deactivate", help="deactivate an account")
        p.add_argument("username")
        for name in (
            "create-unit",
            "add-position",
            "add-person",
            "appoint",
            "end-appointment",
            "set-portfolio",
            "deactivate",
        ):
            sub.choices[name].add_argument("--as-user", default=None, help="administrator account to record")

    def handle(self, *args: Any, **o: Any) -> None:
        actor = account(o["as_user"]) if o.get("as_user") else None
        try:
            getattr(self, "_" + o["sub"].replace("-", "_"))(actor, o)
        except (InvalidInput, Refused) as exc:
            raise CommandError(str(exc)) from exc

    def _create_unit(self, actor: Any, o: dict[str, Any]) -> None:
        fields = admin_actions.UnitFields(
            name=o["name"],
            kind=o["kind"],
            short_name=o["short_name"],
            parent=_unit(o["parent"]) if o["parent"] else None,
            is_component=o["component"],
            doc_prefix=o["doc_prefix"],
            org_code=o["org_code"],
            functions=[f for f in o["functions"].split(",") if f.strip()],
        )
        unit = admin_actions.create_unit(actor, o["code"], fields)
        self.stdout.write(f"已新设单位：{unit.name}（{unit.code}）")

    def _add_position(self, actor: Any, o: dict[str, Any]) -> None:
        position = admin_actions.create_position(actor, _unit(o["unit"]), o["kind"], o["title"], o["duties"])
        self.stdout.write(f"已新设职务：{position}（编号{position.pk}）")

    def _add_person(self, actor: Any, o: dict[str, Any]) -> None:
        result = admin_actions.create_person(actor, o["name"], o["username"], o["password"])
        self.stdout.write(f"已新增人员：{result.person.name}，登录账号 {o['username']}")
        if result.generated:
            self.stdout.write(f"初始密码（只显示这一次）：{result.password}")

    def _appoint(self, actor: Any, o: dict[str, Any]) -> None:
        appointment = admin_actions.appoint(actor, _person(o["username"]), _position(o["unit"], o["title"]), o["start"])
        self.stdout.write(f"已任命：{appointment}（自{appointment.start.isoformat()}起）")

    def _end_appointment(self, actor: Any, o: dict[str, Any]) -> None:
        person = _person(o["username"])
        current = Appointment.objects.filter(person=person, end__isnull=True).select_related("position__unit")
        if o["unit"]:
            current = current.filter(position__unit__code=o["unit"])
        if o["title"]:
            current = current.filter(position__title=o["title"])
        found = list(current)
        if len(found) != 1:
            listed = "、".join(f"{a.position.unit.code} {a.position.title}" for a in found) or "无"
            raise CommandError(f"请用 --unit 和 --title 指明要结束的任职；{person.name}未结束的任职：{listed}。")
        appointment = admin_actions.end_appointment(actor, found[0], o["end"])
        self.stdout.write(f"已结束任职：{appointment}（至{o['end'].isoformat()}）")

    def _set_portfolio(self, actor: Any, o: dict[str, Any]) -> None:
        today = timezone.localdate()
        held = list(
            Position.objects.filter(
                appointments__person__user__username=o["leader"], appointments__start__lte=max(today, o["start"])
            )
            .filter(Q(appointments__end__isnull=True) | Q(appointments__end__gte=today))
            .distinct()
        )
        if len(held) != 1:
            raise CommandError(f"账号“{o['leader']}”应恰好担任一个职务（现为{len(held)}个）；请在网页上设置分管。")
        units = [_unit(code.strip()) for code in o["units"].split(",") if code.strip()]
        portfolio = admin_actions.set_portfolio(actor, held[0], o["areas"], units, o["start"])
        self.stdout.write(f"已设置分管：{portfolio}（自{portfolio.start.isoformat()}起）")

    def _deactivate(self, actor: Any, o: dict[str, Any]) -> None:
        person = admin_actions.deactivate_account(actor, _person(o["username"]))
        self.stdout.write(f"已停用{person.name}的账号（{o['username']}）")
