"""Protection for forms the public fills in without an account (comments on drafts, applications for
disclosure): a rate limit per client address, a honeypot field, and a minimum fill time.

Use one :class:`PublicForm` per form::

    COMMENTS = PublicForm("consultation-comment", limit=5, window=3600)

    def page(request):                      # GET: render the form with the guard's fields
        return render(request, "x.html", {"guard": COMMENTS.issue()})

    def submit(request):                    # POST: check before calling the action
        try:
            COMMENTS.verify(request)
        except FormRejected as exc:
            return render(..., {"error": exc.message}, status=exc.status)   # 429 or 400
        ...call the action...

In the template, inside the ``<form>``: ``{% include "consultations/_guard.html" %}`` or by hand
``<input type="hidden" name="{{ guard.token_name }}" value="{{ guard.token }}">`` and the honeypot
``<div class="hp" aria-hidden="true"><label>网址<input name="{{ guard.honeypot_name }}" tabindex="-1"
autocomplete="off"></label></div>`` (hidden from people, filled by robots).

- **Minimum fill time**: the token is signed (``django.core.signing``) with the time the form was
  issued; a submission sooner than ``min_seconds`` (setting ``ZHENGWU_PUBLIC_FORM_MIN_SECONDS``,
  default 3) or later than ``max_age`` is rejected, and so is a token of another form.
- **Honeypot**: the field must come back empty.
- **Rate limit**: at most ``limit`` submissions that pass the other checks per ``window`` seconds per client address,
  counted in Django's cache (shared by every application server when the cache is).  The address
  is ``REMOTE_ADDR``, or — behind a proxy the operator trusts (setting
  ``ZHENGWU_TRUSTED_PROXY_COUNT`` = n) — the n-th address from the right of ``X-Forwarded-For``.
  Only a keyed hash of the address is kept, never the address, and only for the window.

Nothing here stores personal data; the forms should ask for no more than the law requires.
"""

from __future__ import annotations

import hashlib
import hmac
import time
from dataclasses import dataclass

from django.conf import settings
from django.core import signing
from django.core.cache import cache
from django.http import HttpRequest

SALT = "zhengwu.public_forms"


class FormRejected(Exception):
    """A submission refused by the guard: ``message`` for the person, ``status`` for the response."""

    def __init__(self, reason: str, message: str, status: int = 400):
        self.reason = reason  # "rate_limited", "honeypot", "too_fast", "expired", "bad_token"
        self.message = message
        self.status = status
        super().__init__(message)


@dataclass(frozen=True)
class GuardFields:
    """What a template puts in the form."""

    token_name: str
    token: str
    honeypot_name: str


def client_address(request: HttpRequest) -> str:
    """The client's address: ``REMOTE_ADDR``, or from ``X-Forwarded-For`` behind trusted proxies."""
    proxies = int(getattr(settings, "ZHENGWU_TRUSTED_PROXY_COUNT", 0) or 0)
    if proxies > 0:
        forwarded = [p.strip() for p in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if p.strip()]
        if len(forwarded) >= proxies:
            return str(forwarded[-proxies])
    return str(request.META.get("REMOTE_ADDR", ""))


class PublicForm:
    """The guard of one public form (see the module's docstring)."""

    token_name = "form_token"  # noqa: S105 - a form field name, not a secret
    honeypot_name = "website"

    def __init__(
        self,
        name: str,
        *,
        limit: int = 5,
        window: int = 3600,
        min_seconds: float | None = None,
        max_age: int = 24 * 3600,
    ):
        self.name = name
        self.limit = limit
        self.window = window
        self._min_seconds = min_seconds
        self.max_age = max_age

    @property
    def min_seconds(self) -> float:
        if self._min_seconds is not None:
            return self._min_seconds
        return float(getattr(settings, "ZHENGWU_PUBLIC_FORM_MIN_SECONDS", 3))

    def issue(self) -> GuardFields:
        """The fields to render in a fresh form."""
        token = signing.dumps({"f": self.name, "t": time.time()}, salt=SALT)
        return GuardFields(self.token_name, token, self.honeypot_name)

    def _key(self, request: HttpRequest) -> str:
        digest = hmac.new(settings.SECRET_KEY.encode(), client_address(request).encode(), hashlib.sha256).hexdigest()
        return f"public_forms:{self.name}:{digest[:32]}"

    def verify(self, request: HttpRequest) -> None:
        """Raise :class:`FormRejected` unless the POSTed form passes every check; an accepted
        submission (one that passes the other checks) counts against the client's rate limit."""
        if request.POST.get(self.honeypot_name, ""):
            raise FormRejected("honeypot", "提交未成功，请刷新页面后重新填写。")
        try:
            data = signing.loads(request.POST.get(self.token_name, ""), salt=SALT)
        except signing.BadSignature as exc:
            raise FormRejected("bad_token", "表单已失效，请刷新页面后重新填写。") from exc
        if not isinstance(data, dict) or data.get("f") != self.name or not isinstance(data.get("t"), (int, float)):
            raise FormRejected("bad_token", "表单已失效，请刷新页面后重新填写。")
        age = time.time() - float(data["t"])
        if age < self.min_seconds:
            raise FormRejected("too_fast", "提交过快，请确认内容后再提交。")
        if age > self.max_age:
            raise FormRejected("expired", "表单已过期，请刷新页面后重新填写。")
        key = self._key(request)
        cache.add(key, 0, self.window)
        try:
            count = cache.incr(key)
        except ValueError:  # expired between add and incr
            cache.set(key, 1, self.window)
            count = 1
        if count > self.limit:
            raise FormRejected("rate_limited", "提交次数过多，请稍后再试。", status=429)
