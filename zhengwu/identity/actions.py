"""What a user does with their own password, and the security administrator's resets.

A reset never hands back a password the administrator typed; a generated one is a one-time
temporary password shown once.  Either way the account must choose its own at the next sign-in,
and its API tokens are revoked.  So are they when the user changes the password.
"""

from __future__ import annotations

import ipaddress
import secrets
from dataclasses import dataclass
from typing import Any

from axes.utils import reset as reset_axes
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import check_password
from django.contrib.auth.models import AbstractBaseUser
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from zhengwu.audit import services as audit
from zhengwu.core.decisions import InvalidInput, require
from zhengwu.core.i18n import _
from zhengwu.core.transitions import require_checks
from zhengwu.identity import selectors, totp
from zhengwu.identity.models import Account, PasswordHistory, RecoveryCode
from zhengwu.identity.services import account_of, clear_login_failures, end_sessions
from zhengwu.org import rules as org_rules
from zhengwu.org.models import Person
from zhengwu.org.services import positions_of
from zhengwu.rulebook.services import rulebook_view
from zhengwu.tokens import services as tokens

PASSWORD_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnpqrstuvwxyz23456789-_#"  # noqa: S105 - no 0/O, 1/l/I
TEMPORARY_PASSWORD_LENGTH = 14
OPERATOR = "系统（命令行）"


def _validated(password: str, user: Any, field: str) -> str:
    try:
        validate_password(password, user)
    except ValidationError as exc:
        reasons = "".join(str(m) for m in exc.messages)
        raise InvalidInput(_("密码不符合要求：{reasons}", reasons=reasons), field=field) from exc
    return password


def _generated(user: Any) -> str:
    while True:
        candidate = "".join(secrets.choice(PASSWORD_ALPHABET) for _unused in range(TEMPORARY_PASSWORD_LENGTH))
        try:
            validate_password(candidate, user)
        except ValidationError:
            continue
        return candidate


def history_length() -> int:
    """How many passwords, the current one included, a new one may not repeat
    (``settings.ZHENGWU_PASSWORD_HISTORY``, 5 by default; 0 or 1: only the current one)."""
    return max(1, int(getattr(settings, "ZHENGWU_PASSWORD_HISTORY", 5)))


def _reused(user: Any, new: str) -> bool:
    """Is ``new`` the current password or one of the last ones before it?"""
    if user.check_password(new):
        return True
    earlier = PasswordHistory.objects.filter(user_id=user.pk).values_list("password_hash", flat=True)
    return any(check_password(new, h) for h in earlier[: history_length() - 1])


def _set_password(user: Any, new: str) -> None:
    """Set ``new``, keeping the replaced hash in the history (only as many as the check reads)."""
    if user.password and user.has_usable_password():
        PasswordHistory.objects.create(user_id=user.pk, password_hash=user.password, replaced_at=timezone.now())
    keep = PasswordHistory.objects.filter(user_id=user.pk).values_list("pk", flat=True)[: history_length() - 1]
    PasswordHistory.objects.filter(user_id=user.pk).exclude(pk__in=list(keep)).delete()
    user.set_password(new)
    user.save(update_fields=["password"])


@transaction.atomic
def change_password(user: AbstractBaseUser, old: str, new: str, repeated: str, keep_session: int | None = None) -> int:
    """The user replaces their password: their API tokens are revoked and their sessions end but
    ``keep_session`` (the :class:`SessionRecord` id of the one that changed it).  Returns how many
    API tokens this revoked."""
    user = get_user_model().objects.select_for_update().get(pk=user.pk)
    if not old:
        raise InvalidInput(_("请填写当前密码。"), field="old_password")
    if not user.check_password(old):
        raise InvalidInput(_("当前密码不正确。"), field="old_password")
    if not new:
        raise InvalidInput(_("请填写新密码。"), field="new_password")
    if new != repeated:
        raise InvalidInput(_("两次输入的新密码不一致。"), field="new_password2")
    if new == old:
        raise InvalidInput(_("新密码不能与当前密码相同。"), field="new_password")
    _validated(new, user, "new_password")
    if _reused(user, new):
        raise InvalidInput(
            _("新密码不能与最近使用过的{count}个密码相同，请换一个。", count=history_length()), field="new_password"
        )
    _set_password(user, new)
    account = account_of(user)
    account.must_change_password = False
    account.password_changed_at = timezone.now()
    account.save(update_fields=["must_change_password", "password_changed_at"])
    revoked = tokens.revoke_all(user, user, "password")
    sessions = end_sessions(user, "password", keep=keep_session)
    audit.record(
        actor=user,
        action="identity.password.change",
        target=user,
        summary=f"{user.get_username()}修改了本人的登录密码",
        details={"tokens_revoked": revoked, "sessions_ended": sessions},
    )
    return revoked


@dataclass(frozen=True)
class PasswordReset:
    """A reset: the temporary password only when the system generated it (shown once)."""

    person: Person
    temporary_password: str | None
    tokens_revoked: int


def _require_security_administrator(actor: AbstractBaseUser | None) -> None:
    """Resets are the security administrator's (三权分立): not the system administrator's, who
    created the account, nor the audit administrator's.  ``None``: the command line."""
    if actor is None:
        return
    rb = rulebook_view(timezone.localdate())
    require(org_rules.may_administer_security(positions_of(actor), rb))


@transaction.atomic
def reset_password(actor: AbstractBaseUser | None, person: Person, password: str | None = None) -> PasswordReset:
    """Set a temporary password (given, or generated and returned once) that the account must
    replace at its next sign-in; its API tokens are revoked.  ``actor=None``: the command line."""
    _require_security_administrator(actor)
    user = get_user_model().objects.select_for_update().get(pk=person.user_id)
    generated = not password
    secret = _generated(user) if generated else _validated(password or "", user, "password")
    _set_password(user, secret)
    account = account_of(user)
    account.must_change_password = True
    account.save(update_fields=["must_change_password"])
    revoked = tokens.revoke_all(user, actor, "reset")
    sessions = end_sessions(user, "reset")
    audit.record(
        actor=actor,
        action="org.account.password",
        target=person,
        summary=f"重置{person.name}的登录密码（下次登录须修改）",
        details={
            "username": user.get_username(),
            "password": "generated" if generated else "given",
            "tokens_revoked": revoked,
            "sessions_ended": sessions,
        },
        actor_name="" if actor is not None else OPERATOR,
    )
    return PasswordReset(person, secret if generated else None, revoked)


@transaction.atomic
def revoke_tokens(actor: AbstractBaseUser | None, person: Person) -> int:
    """The security administrator revokes every live API token of ``person`` (a leaked key, a
    device lost); returns how many.  ``None``: the command line."""
    _require_security_administrator(actor)
    user = get_user_model().objects.select_for_update().get(pk=person.user_id)
    return tokens.revoke_all(user, actor, "security")


# ---------------------------------------------------------------- the second factor (TOTP)


RECOVERY_CODES = 10


@dataclass(frozen=True)
class Enrolment:
    secret: str
    uri: str
    qr_svg: str


def start_enrolment(user: AbstractBaseUser) -> Enrolment:
    """A new (unconfirmed) TOTP secret for ``user``; an enrolled factor stays until confirmed anew."""
    with transaction.atomic():
        account = account_of(user)
        if account.totp_confirmed_at is not None:
            raise InvalidInput(_("已启用动态口令；如需更换，请先停用或请安全管理员重置。"), field="code")
        account.totp_secret = totp.new_secret()
        account.save(update_fields=["totp_secret"])
    return enrolment_of(user)


def enrolment_of(user: AbstractBaseUser) -> Enrolment:
    secret = account_of(user).totp_secret
    uri = totp.provisioning_uri(secret, user.get_username())
    return Enrolment(secret, uri, totp.qr_svg(uri))


@transaction.atomic
def confirm_enrolment(user: AbstractBaseUser, code: str) -> list[str]:
    """The first code from the app confirms the enrolment; returns the recovery codes (shown once)."""
    account = Account.objects.select_for_update().get(user_id=user.pk)
    if not account.totp_secret or account.totp_confirmed_at is not None:
        raise InvalidInput(_("请先开始绑定动态口令。"), field="code")
    step = totp.matching_step(account.totp_secret, code, timezone.now().timestamp(), None)
    if step is None:
        raise InvalidInput(_("动态口令不正确，请核对手机时间后输入应用中当前显示的6位数字。"), field="code")
    account.totp_confirmed_at = timezone.now()
    account.totp_last_step = step
    account.save(update_fields=["totp_confirmed_at", "totp_last_step"])
    codes = _new_recovery_codes(user)
    audit.record(actor=user, action="identity.totp.enrol", target=user, summary=f"{user.get_username()}启用动态口令")
    return codes


def _new_recovery_codes(user: AbstractBaseUser) -> list[str]:
    RecoveryCode.objects.filter(user_id=user.pk).delete()
    codes = [totp.new_recovery_code() for _unused in range(RECOVERY_CODES)]
    RecoveryCode.objects.bulk_create(RecoveryCode(user_id=user.pk, code_hash=totp.recovery_hash(c)) for c in codes)
    return codes


@transaction.atomic
def verify_second_factor(user: AbstractBaseUser, code: str) -> str:
    """Check a TOTP code (each accepted once) or an unused recovery code; returns ``"totp"`` or
    ``"recovery"``.  A wrong code is :class:`InvalidInput`."""
    account = Account.objects.select_for_update().get(user_id=user.pk)
    if account.totp_confirmed_at is None:
        raise InvalidInput(_("该账号尚未启用动态口令。"), field="code")
    step = totp.matching_step(account.totp_secret, code, timezone.now().timestamp(), account.totp_last_step)
    if step is not None:
        account.totp_last_step = step
        account.save(update_fields=["totp_last_step"])
        return "totp"
    recovery = (
        RecoveryCode.objects.select_for_update()
        .filter(user_id=user.pk, used_at__isnull=True, code_hash=totp.recovery_hash(code))
        .first()
    )
    if recovery is not None:
        recovery.used_at = timezone.now()
        recovery.save(update_fields=["used_at"])
        audit.record(
            actor=user,
            action="identity.recovery_code.use",
            target=user,
            summary=f"{user.get_username()}使用了一个恢复码",
        )
        return "recovery"
    raise InvalidInput(_("动态口令或恢复码不正确。"), field="code")


@transaction.atomic
def reset_second_factor(actor: AbstractBaseUser | None, person: Person) -> Person:
    """The security administrator removes ``person``'s authenticator (a lost phone): the next sign-in
    enrols a new one if the account must use it."""
    _require_security_administrator(actor)
    Account.objects.filter(user_id=person.user_id).update(totp_secret="", totp_confirmed_at=None, totp_last_step=None)
    RecoveryCode.objects.filter(user_id=person.user_id).delete()
    audit.record(
        actor=actor,
        action="identity.totp.reset",
        target=person,
        summary=f"重置{person.name}的动态口令（下次登录重新绑定）",
        actor_name="" if actor is not None else OPERATOR,
    )
    return person


# ---------------------------------------------------------------- lifting a lockout


@dataclass(frozen=True)
class Unlocked:
    attempts_cleared: int
    account_delay_cleared: bool


@transaction.atomic
def unlock(actor: AbstractBaseUser | None, *, ip_address: str = "", username: str = "") -> Unlocked:
    """The administrator lifts the lockout of a client address and/or the growing delay of an
    account before they end by themselves.  ``actor=None``: the command line."""
    require_checks(*selectors.unlock_checks(actor))
    ip_address, username = (ip_address or "").strip(), (username or "").strip()
    if not ip_address and not username:
        raise InvalidInput(_("请填写要解锁的地址或账号。"), field="ip_address")
    if ip_address:
        try:
            ipaddress.ip_address(ip_address)
        except ValueError as exc:
            raise InvalidInput(
                _("“{ip_address}”不是有效的IP地址。", ip_address=ip_address), field="ip_address"
            ) from exc
    user = get_user_model().objects.filter(username=username).first() if username else None
    if username and user is None:
        raise InvalidInput(_("没有登录账号“{username}”。", username=username), field="username")
    cleared = 0
    if ip_address:
        cleared += reset_axes(ip=ip_address)
    if username:
        cleared += reset_axes(username=username)
    delay_cleared = bool(user is not None and clear_login_failures(user))
    audit.record(
        actor=actor,
        action="identity.lockout.clear",
        target=user,
        summary="解除登录限制："
        + "，".join(
            part for part in (f"地址{ip_address}" if ip_address else "", f"账号{username}" if username else "") if part
        ),
        details={"ip": ip_address, "username": username, "attempts_cleared": cleared, "delay_cleared": delay_cleared},
        actor_name="" if actor is not None else OPERATOR,
    )
    return Unlocked(cleared, delay_cleared)


# ---------------------------------------------------------------- one's own sessions


@transaction.atomic
def end_other_sessions(user: AbstractBaseUser, current: int | None) -> int:
    """The user signs out their other sessions (``current``: this one's record id, kept).  Returns
    how many ended."""
    ended = end_sessions(user, "signed_out", keep=current)
    audit.record(
        actor=user,
        action="identity.sessions.end_others",
        target=user,
        summary=f"{user.get_username()}退出了本人的其他登录会话（{ended}个）",
        details={"sessions_ended": ended},
    )
    return ended
