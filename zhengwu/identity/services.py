"""Reading an account's authentication state (no writes but creating the row on first need)."""

from __future__ import annotations

import datetime as dt
import math
from importlib import import_module

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser
from django.db.models import F
from django.http import HttpRequest
from django.utils import timezone

from zhengwu.core.client_ip import client_ip
from zhengwu.identity.models import Account, LoginThrottle, SessionRecord
from zhengwu.org import rules as org_rules
from zhengwu.org.models import Person
from zhengwu.org.services import positions_of
from zhengwu.tokens import services as tokens

#: Session keys: when the session started (the absolute timeout) and was last used (the idle
#: timeout), whether the account must change its password before anything else (known at
#: sign-in), and the id of its :class:`SessionRecord`.
STARTED = "zhengwu_started"
LAST_SEEN = "zhengwu_last_seen"
MUST_CHANGE = "zhengwu_must_change_password"
SESSION_RECORD = "zhengwu_session_record"


def on_login(request: HttpRequest | None, user: AbstractBaseUser) -> None:
    """At sign-in (``user_logged_in``): the session starts its clocks, knows whether a password
    change is due (so that the pages need not ask the database on every request), and is recorded
    for its owner's list of sessions."""
    if request is None or not hasattr(request, "session"):
        return
    now = timezone.now()
    request.session[STARTED] = now.timestamp()
    request.session[LAST_SEEN] = now.timestamp()
    request.session[MUST_CHANGE] = password_change_due(user)
    if request.session.session_key is None:
        request.session.save()
    record = SessionRecord.objects.create(
        user_id=user.pk,
        session_key=request.session.session_key or "",
        started_at=now,
        last_seen_at=now,
        ip_address=client_ip(request)[:45],
        user_agent=str(request.META.get("HTTP_USER_AGENT", ""))[:255],
    )
    request.session[SESSION_RECORD] = record.pk


def on_logout(request: HttpRequest | None, reason: str = "logout") -> None:
    """``user_logged_out`` (or a timeout, before it signs out): the session's record ends."""
    if request is None or not hasattr(request, "session"):
        return
    record_id = request.session.get(SESSION_RECORD)
    if record_id:
        SessionRecord.objects.filter(pk=record_id, ended_at__isnull=True).update(
            ended_at=timezone.now(), end_reason=reason
        )


def session_seen(request: HttpRequest, now: dt.datetime) -> None:
    """The idle clock's refresh (every half minute of use): the record's last use, and its key
    (which a password change cycles)."""
    record_id = request.session.get(SESSION_RECORD)
    if record_id:
        SessionRecord.objects.filter(pk=record_id).update(
            last_seen_at=now, session_key=request.session.session_key or ""
        )


def session_limits() -> tuple[dt.timedelta, dt.timedelta]:
    """(idle, absolute): ``settings.ZHENGWU_SESSION_IDLE_MINUTES`` and ``ZHENGWU_SESSION_MAX_HOURS``."""
    return (
        dt.timedelta(minutes=getattr(settings, "ZHENGWU_SESSION_IDLE_MINUTES", 15)),
        dt.timedelta(hours=getattr(settings, "ZHENGWU_SESSION_MAX_HOURS", 12)),
    )


def live_sessions(user: AbstractBaseUser) -> list[SessionRecord]:
    """The user's sessions that have neither ended nor run out (idle or absolute)."""
    idle, absolute = session_limits()
    now = timezone.now()
    return list(
        SessionRecord.objects.filter(
            user_id=user.pk,
            ended_at__isnull=True,
            last_seen_at__gt=now - idle - dt.timedelta(seconds=30),
            started_at__gt=now - absolute,
        )
    )


def end_sessions(user: AbstractBaseUser, reason: str, keep: int | None = None) -> int:
    """End the user's sessions but ``keep`` (a :class:`SessionRecord` id): their Django sessions
    are deleted, so their next request is signed out.  Returns how many live ones ended."""
    store = import_module(settings.SESSION_ENGINE).SessionStore
    records = SessionRecord.objects.filter(user_id=user.pk, ended_at__isnull=True)
    if keep is not None:
        records = records.exclude(pk=keep)
    live = {r.pk for r in live_sessions(user)}
    ended = 0
    for record in records:
        store(session_key=record.session_key).delete()
        ended += record.pk in live
    records.update(ended_at=timezone.now(), end_reason=reason)
    return ended


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
    """After how many days the account's password expires (0: never).  Administrators (any of the
    three separated administrators' seats, :data:`zhengwu.org.rules.ADMINISTRATORS`) use
    ``settings.ZHENGWU_PASSWORD_EXPIRY_DAYS_ADMIN`` (90 by default), everyone else
    ``settings.ZHENGWU_PASSWORD_EXPIRY_DAYS`` (0, off, by default).  The demo people's never expire
    while ``settings.ZHENGWU_DEMO`` is on (as they skip the second factor; never in the production
    profile)."""
    if _demo_person(user):
        return 0
    admin = any(p.kind in org_rules.ADMINISTRATORS for p in positions_of(user))
    if admin:
        return int(getattr(settings, "ZHENGWU_PASSWORD_EXPIRY_DAYS_ADMIN", 90))
    return int(getattr(settings, "ZHENGWU_PASSWORD_EXPIRY_DAYS", 0))


def _demo_person(user: AbstractBaseUser) -> bool:
    return (
        bool(getattr(settings, "ZHENGWU_DEMO", False)) and Person.objects.filter(user_id=user.pk, is_demo=True).exists()
    )


def second_factor_required(user: AbstractBaseUser) -> bool:
    """Must this account use a second factor?  Its positions' kinds against
    ``settings.ZHENGWU_2FA_REQUIRED_KINDS``; a demo person skips it while ``settings.ZHENGWU_DEMO``
    is on (never in the production profile)."""
    if _demo_person(user):
        return False
    required = set(getattr(settings, "ZHENGWU_2FA_REQUIRED_KINDS", ()))
    return any(p.kind in required for p in positions_of(user))


def second_factor_enrolled(user: AbstractBaseUser) -> bool:
    return Account.objects.filter(user_id=user.pk, totp_confirmed_at__isnull=False).exists()


def second_factor_due(user: AbstractBaseUser) -> bool:
    """Does signing in ask a second factor after the password?  Whenever the account enrolled one
    (optional accounts included), and whenever it is required (it then enrols at that step)."""
    return second_factor_enrolled(user) or second_factor_required(user)


def close_tokens(user: AbstractBaseUser, actor: AbstractBaseUser | None, reason: str) -> tuple[str, int]:
    """The account was deactivated (:mod:`zhengwu.org.account_hooks`): its API tokens are revoked."""
    return "tokens", tokens.revoke_all(user, actor, reason)


def close_sessions(user: AbstractBaseUser, actor: AbstractBaseUser | None, reason: str) -> tuple[str, int]:
    """The account was deactivated: its sessions end."""
    return "sessions", end_sessions(user, reason)


# ---------------------------------------------------------------- delays per account (not lockouts)


def login_delay(failures: int) -> dt.timedelta:
    """How long an account waits after ``failures`` consecutive failed sign-ins: nothing before
    ``settings.ZHENGWU_LOGIN_DELAY_AFTER`` (3), then ``ZHENGWU_LOGIN_DELAY_SECONDS`` (2) doubling
    with each further failure, never more than ``ZHENGWU_LOGIN_DELAY_MAX_SECONDS`` (300).  A delay,
    never a lockout: whoever guesses an account's name can slow its owner down, not shut them out."""
    after = int(getattr(settings, "ZHENGWU_LOGIN_DELAY_AFTER", 3))
    if failures < after:
        return dt.timedelta(0)
    base = float(getattr(settings, "ZHENGWU_LOGIN_DELAY_SECONDS", 2))
    cap = float(getattr(settings, "ZHENGWU_LOGIN_DELAY_MAX_SECONDS", 300))
    return dt.timedelta(seconds=min(cap, base * 2 ** min(failures - after, 30)))


def login_wait(username: str) -> int:
    """Seconds (rounded up) before ``username`` may try to sign in again; 0 when it may now."""
    throttle = LoginThrottle.objects.filter(user__username=username).first()
    if throttle is None or throttle.last_failed_at is None:
        return 0
    remaining = throttle.last_failed_at + login_delay(throttle.failures) - timezone.now()
    return max(0, math.ceil(remaining.total_seconds()))


def login_failed(username: str, request: HttpRequest | None) -> None:
    """``user_login_failed``: one more failure for the account (an unknown name counts nothing; an
    attempt refused because its address is locked out does not count against the account)."""
    if request is not None and getattr(request, "axes_locked_out", False):
        return
    user_id = get_user_model().objects.filter(username=username).values_list("pk", flat=True).first()
    if user_id is None:
        return
    throttle, _created = LoginThrottle.objects.get_or_create(user_id=user_id)
    LoginThrottle.objects.filter(pk=throttle.pk).update(failures=F("failures") + 1, last_failed_at=timezone.now())


def clear_login_failures(user: AbstractBaseUser) -> int:
    """A successful sign-in (or an administrator's unlock) clears the account's delay."""
    return LoginThrottle.objects.filter(user_id=user.pk).update(failures=0, last_failed_at=None)


def delayed_accounts() -> list[LoginThrottle]:
    """Accounts whose next sign-in must wait now."""
    now = timezone.now()
    rows = LoginThrottle.objects.filter(failures__gt=0, last_failed_at__isnull=False).select_related("user")
    return [t for t in rows if t.last_failed_at is not None and t.last_failed_at + login_delay(t.failures) > now]
