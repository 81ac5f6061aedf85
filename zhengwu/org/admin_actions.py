"""The administrator keeps the organization: units, positions, people and their accounts,
appointments and portfolios (分管) (arts. 4, 7, 8).

Each action asks the rules (:func:`zhengwu.org.rules.may_administer_org` and the structural rules
next to it), writes, audits and notifies in one transaction.  Bad input raises
:class:`InvalidInput` naming the field, and nothing is changed.  ``actor=None`` is the operator on
the command line (``zhengwu org …``), recorded as the system.
"""

from __future__ import annotations

import datetime as dt
import re
import secrets
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser
from django.contrib.auth.password_validation import validate_password
from django.contrib.auth.validators import UnicodeUsernameValidator
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max, Q
from django.urls import reverse
from django.utils import timezone

from zhengwu.audit import services as audit
from zhengwu.core.decisions import Citation, InvalidInput, require
from zhengwu.core.i18n import _
from zhengwu.notices import services as notices
from zhengwu.org import account_hooks, rules
from zhengwu.org.codes import org_code_problem
from zhengwu.org.models import (
    UNIT_FUNCTIONS,
    Appointment,
    Person,
    Portfolio,
    Position,
    PositionKind,
    Unit,
    UnitKind,
)
from zhengwu.org.rules import AppointmentFact, PortfolioFact
from zhengwu.org.services import organization_changed, position_fact, positions_of
from zhengwu.rulebook.services import rulebook_view
from zhengwu.timers import services as timers
from zhengwu.timers.models import Timer

CODE_PATTERN = re.compile(r"^[a-z0-9][a-z0-9_-]*$")
PASSWORD_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnpqrstuvwxyz23456789"  # noqa: S105 - no 0/O, 1/l/I
GENERATED_PASSWORD_LENGTH = 14
SINGLETON_UNIT_KINDS = (UnitKind.GOVERNMENT, UnitKind.OFFICE)
OPERATOR = "系统（命令行）"


# ---------------------------------------------------------------- shared


def _today() -> dt.date:
    return timezone.localdate()


def _require_admin(actor: AbstractBaseUser | None, provision: str = "org.composition") -> Citation:
    """The administrator's citation; refuses anyone else.  ``None`` is the command-line operator."""
    rb = rulebook_view(_today())
    if actor is None:
        return rb.cite(provision)
    decision = rules.may_administer_org(positions_of(actor), rb, provision)
    require(decision)
    return rb.cite(provision)


def _require_appointer(actor: AbstractBaseUser | None, position: Position) -> Citation:
    """Who appoints to ``position`` (and ends the appointment): the system administrator keeps the
    organization, but the three administrators' seats are filled by the security administrator,
    so that the system administrator cannot choose who audits them (三权分立)."""
    if position.kind not in rules.ADMINISTRATORS:
        return _require_admin(actor)
    rb = rulebook_view(_today())
    if actor is not None:
        require(rules.may_administer_security(positions_of(actor), rb))
    return rb.cite(rules.SEPARATION)


def _record(
    actor: AbstractBaseUser | None,
    action: str,
    target: Any,
    citation: Citation | None,
    summary: str,
    details: dict[str, Any] | None = None,
) -> None:
    audit.record(
        actor=actor,
        action=action,
        target=target,
        citation=citation,
        summary=summary,
        details=details or {},
        actor_name="" if actor is not None else OPERATOR,
    )
    organization_changed()


def _text(value: str, field_name: str, label: str, max_length: int, *, required: bool = True) -> str:
    value = (value or "").strip()
    if required and not value:
        raise InvalidInput(_("请填写{label}。", label=label), field=field_name)
    if len(value) > max_length:
        raise InvalidInput(
            _("{label}不能超过{max_length}个字，当前{len}个字。", label=label, max_length=max_length, len=len(value)),
            field=field_name,
        )
    return value


def _changes(obj: Any, new: dict[str, Any]) -> dict[str, list[Any]]:
    """``{field: [old, new]}`` for the fields that change (JSON-able values)."""
    out: dict[str, list[Any]] = {}
    for name, value in new.items():
        old = getattr(obj, name)
        if old != value:
            out[name] = [_plain(old), _plain(value)]
    return out


def _plain(value: Any) -> Any:
    if isinstance(value, Unit):
        return value.code
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


# ---------------------------------------------------------------- units


@dataclass
class UnitFields:
    """What the administrator edits on a unit (the code is fixed at creation: addresses use it)."""

    name: str
    kind: str
    short_name: str = ""
    parent: Unit | None = None
    is_component: bool = False
    doc_prefix: str = ""
    org_code: str = ""
    functions: Sequence[str] = field(default_factory=list)
    sort_order: int | None = None


def _clean_unit(fields: UnitFields, unit: Unit | None) -> dict[str, Any]:
    others = Unit.objects.exclude(pk=unit.pk) if unit is not None else Unit.objects.all()
    name = _text(fields.name, "name", "单位名称", 100)
    short_name = _text(fields.short_name, "short_name", "简称", 40, required=False)
    if fields.kind not in UnitKind.values:
        raise InvalidInput("请选择单位类别：" + "、".join(str(label) for label in UnitKind.labels) + "。", field="kind")
    if fields.kind in SINGLETON_UNIT_KINDS:
        existing = others.filter(kind=fields.kind).first()
        if existing is not None:
            raise InvalidInput(
                _(
                    "已有{label}“{name}”，只能有一个；请选择其他类别。",
                    label=UnitKind(fields.kind).label,
                    name=existing.name,
                ),
                field="kind",
            )
    parent = fields.parent
    if parent is not None and unit is not None:
        seen: set[int] = set()
        ancestor: Unit | None = parent
        while ancestor is not None and ancestor.pk not in seen:
            if ancestor.pk == unit.pk:
                raise InvalidInput(
                    _("上级单位不能是{name}本身或其下级单位，请重新选择。", name=unit.name), field="parent"
                )
            seen.add(ancestor.pk)
            ancestor = ancestor.parent
    doc_prefix = _text(fields.doc_prefix, "doc_prefix", "机关代字", 20, required=False)
    if doc_prefix and (clash := others.filter(doc_prefix=doc_prefix).first()) is not None:
        raise InvalidInput(
            _(
                "机关代字“{doc_prefix}”已由{name}使用；发文字号按机关代字编号，不能重复。",
                doc_prefix=doc_prefix,
                name=clash.name,
            ),
            field="doc_prefix",
        )
    org_code = (fields.org_code or "").strip().upper()
    if org_code:
        problem = org_code_problem(org_code)
        if problem is not None:
            raise InvalidInput(problem, field="org_code")
        if (clash := others.filter(org_code=org_code).first()) is not None:
            raise InvalidInput(
                _("组织机构代码“{org_code}”已由{name}使用，请核对。", org_code=org_code, name=clash.name),
                field="org_code",
            )
    functions = list(dict.fromkeys(f.strip() for f in fields.functions if f.strip()))
    unknown = [f for f in functions if f not in UNIT_FUNCTIONS]
    if unknown:
        known = "、".join(f"{k}（{v}）" for k, v in UNIT_FUNCTIONS.items())
        raise InvalidInput(
            _("无法识别的职能“{join}”，可选：{known}。", join="、".join(unknown), known=known), field="functions"
        )
    if fields.sort_order is not None and fields.sort_order < 0:
        raise InvalidInput(_("排序应为不小于0的整数。"), field="sort_order")
    cleaned: dict[str, Any] = {
        "name": name,
        "short_name": short_name,
        "kind": fields.kind,
        "parent": parent,
        "is_component": bool(fields.is_component),
        "doc_prefix": doc_prefix,
        "org_code": org_code,
        "functions": functions,
    }
    if fields.sort_order is not None:
        cleaned["sort_order"] = fields.sort_order
    return cleaned


@transaction.atomic
def create_unit(actor: AbstractBaseUser | None, code: str, fields: UnitFields) -> Unit:
    """A new unit (a department, a county government, a superior body …) (art. 4)."""
    citation = _require_admin(actor)
    code = (code or "").strip()
    if not code or len(code) > 40 or not CODE_PATTERN.match(code):
        raise InvalidInput(
            _("单位代码应为不超过40位的小写字母、数字、连字符或下划线，以字母或数字开头，例如 tjj。"), field="code"
        )
    if Unit.objects.filter(code=code).exists():
        raise InvalidInput(_("单位代码“{code}”已被使用，请换一个。", code=code), field="code")
    cleaned = _clean_unit(fields, None)
    if "sort_order" not in cleaned:
        cleaned["sort_order"] = (Unit.objects.aggregate(m=Max("sort_order"))["m"] or 0) + 1
    unit = Unit.objects.create(code=code, **cleaned)
    _record(
        actor,
        "org.unit.create",
        unit,
        citation,
        f"新设单位：{unit.name}（{code}）",
        {"code": code, **{k: _plain(v) for k, v in cleaned.items()}},
    )
    return unit


@transaction.atomic
def edit_unit(actor: AbstractBaseUser | None, unit: Unit, fields: UnitFields) -> Unit:
    """Change a unit's name, short name, kind, parent, 机关代字, organization code, functions."""
    citation = _require_admin(actor)
    unit = Unit.objects.select_for_update().get(pk=unit.pk)
    cleaned = _clean_unit(fields, unit)
    changed = _changes(unit, cleaned)
    if not changed:
        raise InvalidInput(_("没有需要保存的修改。"), field="changes")
    for name, value in cleaned.items():
        setattr(unit, name, value)
    unit.save()
    _record(
        actor, "org.unit.edit", unit, citation, f"修改单位：{unit.name}（{'、'.join(changed)}）", {"changed": changed}
    )
    return unit


# ---------------------------------------------------------------- positions


def _clean_position(unit: Unit, kind: str, title: str, duties: str, sort_order: int | None) -> dict[str, Any]:
    if kind not in PositionKind.values:
        raise InvalidInput(_("请选择职务类别。"), field="kind")
    if unit.kind == UnitKind.SUPERIOR:
        raise InvalidInput(_("{name}是上级或其他机关，不在本系统设置职务。", name=unit.name), field="unit")
    title = _text(title, "title", "职务名称", 60)
    duties = _text(duties, "duties", "岗位职责", 100, required=False)
    if sort_order is not None and sort_order < 0:
        raise InvalidInput(_("排序应为不小于0的整数。"), field="sort_order")
    rb = rulebook_view(_today())
    require(rules.check_position_place(kind, str(PositionKind(kind).label), unit.kind, unit.name, rb))
    cleaned: dict[str, Any] = {"kind": kind, "title": title, "duties": duties}
    if sort_order is not None:
        cleaned["sort_order"] = sort_order
    return cleaned


@transaction.atomic
def create_position(
    actor: AbstractBaseUser | None,
    unit: Unit,
    kind: str,
    title: str,
    duties: str = "",
    sort_order: int | None = None,
) -> Position:
    """A new position in ``unit`` (art. 4: the government's composition; art. 8: unit heads)."""
    citation = _require_admin(actor)
    cleaned = _clean_position(unit, kind, title, duties, sort_order)
    if "sort_order" not in cleaned:
        cleaned["sort_order"] = (Position.objects.aggregate(m=Max("sort_order"))["m"] or 0) + 1
    position = Position.objects.create(unit=unit, **cleaned)
    _record(
        actor,
        "org.position.create",
        position,
        citation,
        f"新设职务：{unit.name}{position.title}",
        {"unit": unit.code, "kind": kind, "title": position.title, "duties": position.duties},
    )
    return position


@transaction.atomic
def edit_position(
    actor: AbstractBaseUser | None,
    position: Position,
    kind: str,
    title: str,
    duties: str = "",
    sort_order: int | None = None,
) -> Position:
    """Rename a position or change its duties; its kind only while nobody has held it."""
    citation = _require_admin(actor)
    position = Position.objects.select_for_update().select_related("unit").get(pk=position.pk)
    cleaned = _clean_position(position.unit, kind, title, duties, sort_order)
    if kind != position.kind and position.appointments.exists():
        raise InvalidInput(_("该职务已有任职记录，不能改变职务类别；请新设职务并任命。"), field="kind")
    changed = _changes(position, cleaned)
    if not changed:
        raise InvalidInput(_("没有需要保存的修改。"), field="changes")
    for name, value in cleaned.items():
        setattr(position, name, value)
    position.save()
    _record(
        actor,
        "org.position.edit",
        position,
        citation,
        f"修改职务：{position.unit.name}{position.title}（{'、'.join(changed)}）",
        {"changed": changed},
    )
    return position


# ---------------------------------------------------------------- people and accounts


@dataclass(frozen=True)
class NewPassword:
    """A person and the password of their account, shown once and never stored in clear."""

    person: Person
    password: str
    generated: bool


def _password(password: str | None, user: Any) -> tuple[str, bool]:
    if password:
        try:
            validate_password(password, user)
        except ValidationError as exc:
            reasons = "".join(str(m) for m in exc.messages)
            raise InvalidInput(_("密码不符合要求：{reasons}", reasons=reasons), field="password") from exc
        return password, False
    while True:
        generated = "".join(secrets.choice(PASSWORD_ALPHABET) for _unused in range(GENERATED_PASSWORD_LENGTH))
        try:
            validate_password(generated, user)
        except ValidationError:
            continue
        return generated, True


@transaction.atomic
def create_person(actor: AbstractBaseUser | None, name: str, username: str, password: str | None = None) -> NewPassword:
    """A person with a login account.  The password, given or generated, is returned once."""
    citation = _require_admin(actor)
    name = _text(name, "name", "姓名", 60)
    username = (username or "").strip()
    if not username:
        raise InvalidInput(_("请填写登录账号。"), field="username")
    if len(username) > 150:
        raise InvalidInput(_("登录账号不能超过150个字符。"), field="username")
    try:
        UnicodeUsernameValidator()(username)
    except ValidationError as exc:
        raise InvalidInput(_("登录账号只能包含字母、数字和 @ . + - _ 字符。"), field="username") from exc
    user_model = get_user_model()
    if user_model.objects.filter(username__iexact=username).exists():
        raise InvalidInput(_("登录账号“{username}”已被使用，请换一个。", username=username), field="username")
    user = user_model(username=username)
    secret, generated = _password(password, user)
    user.set_password(secret)  # argon2 (settings.PASSWORD_HASHERS)
    user.save()
    person = Person.objects.create(user=user, name=name)
    _record(
        actor,
        "org.person.create",
        person,
        citation,
        f"新增人员及账号：{name}（{username}）",
        {"username": username, "password": "generated" if generated else "given"},
    )
    return NewPassword(person, secret, generated)


@transaction.atomic
def edit_person(actor: AbstractBaseUser | None, person: Person, name: str) -> Person:
    citation = _require_admin(actor)
    name = _text(name, "name", "姓名", 60)
    if name == person.name:
        raise InvalidInput(_("没有需要保存的修改。"), field="name")
    old, person.name = person.name, name
    person.save(update_fields=["name"])
    _record(
        actor, "org.person.edit", person, citation, f"修改人员姓名：{old} → {name}", {"changed": {"name": [old, name]}}
    )
    return person


@transaction.atomic
def set_account_active(actor: AbstractBaseUser | None, person: Person, active: bool) -> Person:
    """Deactivate (or reactivate) ``person``'s account: a deactivated account cannot sign in, and
    its sessions end and its API tokens are revoked (:mod:`zhengwu.org.account_hooks`).
    Appointments are kept (end them separately)."""
    citation = _require_admin(actor)
    user = get_user_model().objects.select_for_update().get(pk=person.user_id)
    if actor is not None and user.pk == actor.pk and not active:
        raise InvalidInput(_("不能停用自己的账号；请由另一位系统管理员办理。"), field="active")
    if user.is_active == active:
        raise InvalidInput(
            _("{name}的账号已{value}。", name=person.name, value="启用" if active else "停用"), field="active"
        )
    _set_active(actor, person, user, active, citation)
    return person


def _set_active(
    actor: AbstractBaseUser | None,
    person: Person,
    user: Any,
    active: bool,
    citation: Citation | None,
    reason: str = "",
    actor_name: str = OPERATOR,
) -> None:
    user.is_active = active
    user.save(update_fields=["is_active"])
    ended = {} if active else account_hooks.account_closed(user, actor, "deactivate")
    verb = "启用" if active else "停用"
    because = "（最后一项任职已结束）" if reason == "appointments_ended" else ""
    audit.record(
        actor=actor,
        action=f"org.account.{'activate' if active else 'deactivate'}",
        target=person,
        citation=citation,
        summary=f"{verb}{person.name}的账号（{user.get_username()}）{because}",
        details={
            "username": user.get_username(),
            **({"ended": ended} if ended else {}),
            **({"reason": reason} if reason else {}),
        },
        actor_name="" if actor is not None else actor_name,
    )
    organization_changed()


def deactivate_account(actor: AbstractBaseUser | None, person: Person) -> Person:
    return set_account_active(actor, person, False)


def activate_account(actor: AbstractBaseUser | None, person: Person) -> Person:
    return set_account_active(actor, person, True)


# ---------------------------------------------------------------- appointments


def _appointment_fact(a: Appointment) -> AppointmentFact:
    return AppointmentFact(a.person_id, a.person.name, position_fact(a.position), a.start, a.end)


@transaction.atomic
def appoint(actor: AbstractBaseUser | None, person: Person, position: Position, start: dt.date | None) -> Appointment:
    """``person`` holds ``position`` from ``start`` (open-ended until the appointment is ended).

    An administrator's seat is the security administrator's to fill, and never for someone who holds
    another kind of administrator's seat at the same time (三权分立)."""
    position = Position.objects.select_for_update().select_related("unit").get(pk=position.pk)
    citation = _require_appointer(actor, position)
    if start is None:
        raise InvalidInput(_("请填写任职日期。"), field="start")
    if position.unit.kind == UnitKind.SUPERIOR:
        raise InvalidInput(_("{name}是上级或其他机关，不在本系统任命。", name=position.unit.name), field="position")
    related = Q(position=position) | Q(position__kind=position.kind)
    if position.kind in rules.HEAD_KINDS:
        related |= Q(position__unit_id=position.unit_id, position__kind__in=rules.HEAD_KINDS)
    existing = [
        _appointment_fact(a) for a in Appointment.objects.filter(related).select_related("person", "position__unit")
    ]
    rb = rulebook_view(_today())
    decision = rules.check_seat(position_fact(position), person.pk, start, None, existing, rb)
    held = [_appointment_fact(a) for a in person.appointments.select_related("person", "position__unit")]
    require(decision, rules.check_admin_separation(position_fact(position), person.pk, start, None, held, rb))
    appointment = Appointment.objects.create(person=person, position=position, start=start)
    _record(
        actor,
        "org.appointment.create",
        appointment,
        citation,
        f"任命{person.name}为{position.unit.name}{position.title}（自{start.isoformat()}起）",
        {"person": person.pk, "position": position.pk, "start": start.isoformat()},
    )
    notices.send(
        [person.user],
        f"任职：{position.unit.name}{position.title}（自{start:%Y年%m月%d日}起）",
        decision.message,
        citation,
        reverse("web:org_person", args=[person.pk]),
    )
    return appointment


@transaction.atomic
def end_appointment(actor: AbstractBaseUser | None, appointment: Appointment, end: dt.date | None) -> Appointment:
    """The appointment ends with ``end`` (the last day in office, inclusive)."""
    appointment = (
        Appointment.objects.select_for_update().select_related("person__user", "position__unit").get(pk=appointment.pk)
    )
    citation = _require_appointer(actor, appointment.position)
    if end is None:
        raise InvalidInput(_("请填写免职日期（任职的最后一天）。"), field="end")
    if appointment.end is not None:
        raise InvalidInput(_("该任职已于{isoformat}结束。", isoformat=appointment.end.isoformat()), field="end")
    if end < appointment.start:
        raise InvalidInput(
            _("免职日期不能早于任职日期{isoformat}，请更正。", isoformat=appointment.start.isoformat()), field="end"
        )
    appointment.end = end
    appointment.save(update_fields=["end"])
    person, position = appointment.person, appointment.position
    _record(
        actor,
        "org.appointment.end",
        appointment,
        citation,
        f"{person.name}不再担任{position.unit.name}{position.title}（任职至{end.isoformat()}）",
        {"person": person.pk, "position": position.pk, "end": end.isoformat()},
    )
    notices.send(
        [person.user],
        f"免职：{position.unit.name}{position.title}（任职至{end:%Y年%m月%d日}）",
        "",
        citation,
        reverse("web:org_person", args=[person.pk]),
    )
    _close_account_after_last(actor, appointment, citation)
    return appointment


ACCOUNT_CLOSE_TIMER = "org.account.close"


def _holds_after(person: Person, day: dt.date, but: int | None = None) -> bool:
    """Does ``person`` hold any appointment after ``day`` (open-ended, or ending later)?"""
    later = Appointment.objects.filter(person=person).filter(Q(end__isnull=True) | Q(end__gt=day))
    return later.exclude(pk=but).exists() if but is not None else later.exists()


def _close_account_after_last(actor: AbstractBaseUser | None, appointment: Appointment, citation: Citation) -> None:
    """An account follows the person's appointments: when the last one ends, the account is
    deactivated, in the same transaction if its last day has passed, else by a timer at the end of
    that day.  The administrator's own account stays (another administrator closes it)."""
    person, end = appointment.person, appointment.end
    if end is None or _holds_after(person, end, but=appointment.pk):
        return
    if actor is not None and person.user_id == actor.pk:
        return
    if end < _today():
        user = get_user_model().objects.select_for_update().get(pk=person.user_id)
        if user.is_active:
            _set_active(actor, person, user, False, citation, reason="appointments_ended")
        return
    closing = timezone.make_aware(dt.datetime.combine(end + dt.timedelta(days=1), dt.time.min))
    timers.schedule(ACCOUNT_CLOSE_TIMER, closing, f"person:{person.pk}:account_close", person_id=person.pk)


@timers.handler(ACCOUNT_CLOSE_TIMER)
def _close_account_due(timer: Timer) -> None:
    """The day after the last appointment ended: deactivate the account unless the person was
    appointed again meanwhile (or the account is already closed)."""
    person = Person.objects.select_related("user").get(pk=timer.payload["person_id"])
    yesterday = _today() - dt.timedelta(days=1)
    if _holds_after(person, yesterday):
        return
    user = get_user_model().objects.select_for_update().get(pk=person.user_id)
    if user.is_active:
        rb = rulebook_view(_today())
        _set_active(None, person, user, False, rb.cite("org.composition"), "appointments_ended", actor_name="系统")


# ---------------------------------------------------------------- portfolios (分管, art. 7)


@transaction.atomic
def set_portfolio(
    actor: AbstractBaseUser | None, leader: Position, areas: str, units: Sequence[Unit], start: dt.date | None
) -> Portfolio:
    """The leader position ``leader`` oversees ``units`` and ``areas`` from ``start``.  A portfolio
    it already has is ended the day before (its history is kept)."""
    citation = _require_admin(actor, "org.portfolio")
    leader = Position.objects.select_for_update().select_related("unit").get(pk=leader.pk)
    areas = _text(areas, "areas", "分管领域", 300)
    if start is None:
        raise InvalidInput(_("请填写分管起始日期。"), field="start")
    units = list(dict.fromkeys(units))
    if not units:
        raise InvalidInput(_("请选择分管的单位。"), field="units")
    not_overseen = [u.name for u in units if u.kind in {UnitKind.GOVERNMENT, UnitKind.SUPERIOR}]
    if not_overseen:
        raise InvalidInput(_("{join}不是由政府领导分管的单位，请去掉。", join="、".join(not_overseen)), field="units")
    others = list(
        Portfolio.objects.exclude(leader=leader)
        .filter(Q(end__isnull=True) | Q(end__gte=start))
        .select_related("leader")
        .prefetch_related("units")
    )
    facts = [PortfolioFact(p.leader_id, frozenset(u.pk for u in p.units.all()), p.start, p.end) for p in others]
    names = {u.pk: u.name for p in others for u in p.units.all()} | {u.pk: u.name for u in units}
    titles = {p.leader_id: p.leader.title for p in others}
    rb = rulebook_view(_today())
    require(rules.check_portfolio(position_fact(leader), [u.pk for u in units], start, facts, names, titles, rb))
    replaced = []
    for current in leader.portfolios.filter(Q(end__isnull=True) | Q(end__gte=start)).select_for_update():
        if current.start >= start:
            raise InvalidInput(
                _(
                    (
                        "{title}已有自{isoformat}起的分管（{areas}），新分管的起始日期应晚于该日期；"
                        "如需更正，请先结束原分管。"
                    ),
                    title=leader.title,
                    isoformat=current.start.isoformat(),
                    areas=current.areas,
                ),
                field="start",
            )
        current.end = start - dt.timedelta(days=1)
        current.save(update_fields=["end"])
        replaced.append(current.pk)
        _record(
            actor,
            "org.portfolio.end",
            current,
            citation,
            f"{leader.title}原分管至{current.end.isoformat()}（由新分管接续）",
            {"end": current.end.isoformat()},
        )
    portfolio = Portfolio.objects.create(leader=leader, areas=areas, start=start)
    portfolio.units.set(units)
    unit_names = "、".join(u.short_name or u.name for u in units)
    _record(
        actor,
        "org.portfolio.set",
        portfolio,
        citation,
        f"{leader.title}分管{areas}（{unit_names}），自{start.isoformat()}起",
        {
            "leader": leader.pk,
            "areas": areas,
            "units": [u.code for u in units],
            "start": start.isoformat(),
            "replaces": replaced,
        },
    )
    holders = (
        Person.objects.filter(appointments__position=leader)
        .filter(Q(appointments__end__isnull=True) | Q(appointments__end__gte=start))
        .select_related("user")
        .distinct()
    )
    notices.send(
        [p.user for p in holders],
        f"分管调整：{areas}（自{start:%Y年%m月%d日}起）",
        unit_names,
        citation,
        reverse("web:org_portfolio", args=[portfolio.pk]),
    )
    return portfolio


@transaction.atomic
def end_portfolio(actor: AbstractBaseUser | None, portfolio: Portfolio, end: dt.date | None) -> Portfolio:
    citation = _require_admin(actor, "org.portfolio")
    portfolio = Portfolio.objects.select_for_update().select_related("leader").get(pk=portfolio.pk)
    if end is None:
        raise InvalidInput(_("请填写分管终止日期（分管的最后一天）。"), field="end")
    if portfolio.end is not None:
        raise InvalidInput(_("该分管已于{isoformat}终止。", isoformat=portfolio.end.isoformat()), field="end")
    if end < portfolio.start:
        raise InvalidInput(
            _("终止日期不能早于起始日期{isoformat}，请更正。", isoformat=portfolio.start.isoformat()), field="end"
        )
    portfolio.end = end
    portfolio.save(update_fields=["end"])
    _record(
        actor,
        "org.portfolio.end",
        portfolio,
        citation,
        f"{portfolio.leader.title}分管{portfolio.areas}至{end.isoformat()}终止",
        {"end": end.isoformat()},
    )
    return portfolio
