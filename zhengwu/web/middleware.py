"""Refusals and bad input that reach the top are shown, never a server error.

So is a rulebook that cannot answer: no version in force, or a provision or parameter the
version in force does not annotate (the action is not done; the page says what to fix).

Views normally catch :class:`Refused` and :class:`InvalidInput` themselves to re-render a form;
anything they let through is rendered here with the sentence and its article: a page, or for an htmx
request the red box placed before the form that asked (:func:`zhengwu.web.errors.render_refusal`).

An htmx request whose session has ended is sent to the login page as a whole page (``HX-Redirect``),
then back to the page it came from; otherwise htmx would put the login form inside the page.
"""

from __future__ import annotations

from collections.abc import Callable
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse
from django.shortcuts import resolve_url
from django_htmx.http import HttpResponseClientRedirect

from zhengwu.core.decisions import InvalidInput, Refused
from zhengwu.core.i18n import localize
from zhengwu.core.rulebook_view import UnknownProvision
from zhengwu.rulebook.services import NoRulebookInForce
from zhengwu.web.errors import render_refusal
from zhengwu.workdays.arith import UnknownYearError


class RefusalMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if response.status_code == 302 and request.headers.get("HX-Request") == "true":
            return _login_as_a_page(request, response)
        return response

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if request.path.startswith("/api/"):
            return None  # the API renders its own errors
        if isinstance(exception, Refused):
            messages, status = exception.explanations, 403
        elif isinstance(exception, InvalidInput):
            messages, status = [exception.localized_message], 400
        elif isinstance(exception, UnknownYearError):  # no calendar year
            messages, status = [localize(exception.message)], 409
        elif isinstance(exception, UnknownProvision):  # an unannotated rule
            messages, status = [exception.message_zh], 409
        elif isinstance(exception, NoRulebookInForce):
            messages, status = [str(exception)], 409
        else:
            return None
        return render_refusal(request, messages, status)


def _login_as_a_page(request: HttpRequest, response: HttpResponse) -> HttpResponse:
    """A redirect to the login page answering htmx: the whole window goes there, and comes back to
    the page the person was on (not to the URL the fragment came from)."""
    login = resolve_url(settings.LOGIN_URL)
    if urlsplit(response.get("Location", "")).path != login:
        return response
    came_from = urlsplit(request.headers.get("HX-Current-URL", ""))
    back = came_from.path + (f"?{came_from.query}" if came_from.query else "") if came_from.path else "/"
    return HttpResponseClientRedirect(redirect_to_login(back, login)["Location"])
