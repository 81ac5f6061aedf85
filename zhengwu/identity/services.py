"""Reading an account's authentication state (no writes but creating the row on first need)."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.http import HttpRequest
from django.utils import timezone

from zhengwu.identity.models import Account
from zhengwu.org import rules as org_rules
from zhengwu.org.models import Person
from zhengwu.org.services import positions_of

#: Session keys: when the session was last used (the idle timeout), and whether the account must
#: change its password before anything else (known at sign-in).
LAST_SEEN = "zhengwu_last_seen"
MUST_CHANGE = "zhengwu_must_change_password"


def on_login(request: HttpRequest | None, user: AbstractBaseUser) -> None:
    """At sign-in (``user_logged_in``): the session starts its idle clock and knows whether a
    password change is due, so that the pages need not ask the database on every request."""
    if request is None or not hasattr(request, "session"):
        return
    request.session[LAST_SEEN] = timezone.now().timestamp()
    request.session[MUST_CHANGE] = password_change_due(user)


def account_of(user: AbstractBaseUser) -> Account:
    """The user's :class:`Account`, created with the defaults the first time it is asked for."""
    account, _created = Account.objects.get_or_create(user_id=user.pk)
    return account


#: Why a password change is due (:func:`password_change_due`); empty when none is.
RESET, EXPIRED = "reset", "expired"


def must_change_password(user: AbstractBaseUser) -> bool:
    """True while an administrator's reset (or a first login) waits for the user's own password,
    or while the password is older than its expiry (:func:`password_expiry_days`)."""
    return bool(password_change_due(user))


def password_change_due(user: AbstractBaseUser) -> str:
    """``"reset"`` after an administrator's reset, ``"expired"`` when the password is older than
    the account's expiry, else ``""``."""
    account = Account.objects.filter(user_id=user.pk).first()
    if account is not None and account.must_change_password:
        return RESET
    days = password_expiry_days(user)
    if days:
        changed = (account.password_changed_at if account is not None else None) or getattr(user, "date_joined", None)
        if changed is not None and timezone.now() - changed >= dt.timedelta(days=days):
            return EXPIRED
    return ""


def password_expiry_days(user: AbstractBaseUser) -> int:
    """After how many days the account's password expires (0: never).  Administrators (whoever
    :func:`zhengwu.org.rules.is_administrator` names) use ``settings.ZHENGWU_PASSWORD_EXPIRY_DAYS_ADMIN``
    (90 by default), everyone else ``settings.ZHENGWU_PASSWORD_EXPIRY_DAYS`` (0, off, by default)."""
    admin = org_rules.is_administrator(bool(getattr(user, "is_superuser", False)), positions_of(user))
    if admin:
        return int(getattr(settings, "ZHENGWU_PASSWORD_EXPIRY_DAYS_ADMIN", 90))
    return int(getattr(settings, "ZHENGWU_PASSWORD_EXPIRY_DAYS", 0))


def second_factor_required(user: AbstractBaseUser) -> bool:
    """Must this account use a second factor?  Its positions' kinds against
    ``settings.ZHENGWU_2FA_REQUIRED_KINDS``; a demo person skips it while ``settings.ZHENGWU_DEMO``
    is on (never in the production profile)."""
    if getattr(settings, "ZHENGWU_DEMO", False) and Person.objects.filter(user_id=user.pk, is_demo=True).exists():
        return False
    required = set(getattr(settings, "ZHENGWU_2FA_REQUIRED_KINDS", ()))
    return any(p.kind in required for p in positions_of(user))


def second_factor_enrolled(user: AbstractBaseUser) -> bool:
    return Account.objects.filter(user_id=user.pk, totp_confirmed_at__isnull=False).exists()


def second_factor_due(user: AbstractBaseUser) -> bool:
    """Does signing in ask a second factor after the password?  Whenever the account enrolled one
    (optional accounts included), and whenever it is required (it then enrols at that step)."""
    return second_factor_enrolled(user) or second_factor_required(user)
