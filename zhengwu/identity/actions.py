"""What a user does with their own password, and the security administrator's resets.

A reset never hands back a password the administrator typed; a generated one is a one-time
temporary password shown once.  Either way the account must choose its own at the next sign-in,
and its API tokens are revoked.  So are they when the user changes the password.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from zhengwu.audit import services as audit
from zhengwu.core.decisions import InvalidInput, require
from zhengwu.core.i18n import _
from zhengwu.identity import totp
from zhengwu.identity.models import Account, RecoveryCode
from zhengwu.identity.services import account_of
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


@transaction.atomic
def change_password(user: AbstractBaseUser, old: str, new: str, repeated: str) -> int:
    """The user replaces their password.  Returns how many API tokens this revoked."""
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
    user.set_password(new)
    user.save(update_fields=["password"])
    account = account_of(user)
    account.must_change_password = False
    account.password_changed_at = timezone.now()
    account.save(update_fields=["must_change_password", "password_changed_at"])
    revoked = tokens.revoke_all(user, user, "password")
    audit.record(
        actor=user,
        action="identity.password.change",
        target=user,
        summary=f"{user.get_username()}修改了本人的登录密码",
        details={"tokens_revoked": revoked},
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
    user.set_password(secret)
    user.save(update_fields=["password"])
    account = account_of(user)
    account.must_change_password = True
    account.save(update_fields=["must_change_password"])
    revoked = tokens.revoke_all(user, actor, "reset")
    audit.record(
        actor=actor,
        action="org.account.password",
        target=person,
        summary=f"重置{person.name}的登录密码（下次登录须修改）",
        details={
            "username": user.get_username(),
            "password": "generated" if generated else "given",
            "tokens_revoked": revoked,
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
