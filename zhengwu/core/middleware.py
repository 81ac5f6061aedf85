"""Refusals and bad input that reach the top are shown, never a server error.

So is a rulebook that cannot answer: no version in force, or a provision or parameter the
version in force does not annotate (the action is not done; the page says what to fix).

Views normally catch :class:`Refused` and :class:`InvalidInput` themselves to re-render a form;
anything they let through is rendered here with the sentence and its article.
"""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse

from zhengwu.core.decisions import InvalidInput, Refused
from zhengwu.core.rulebook_view import UnknownProvision
from zhengwu.workdays.arith import UnknownYearError


def _is_no_rulebook(exception: Exception) -> bool:
    from zhengwu.rulebook.services import NoRulebookInForce  # the rulebook app builds on core, not the reverse

    return isinstance(exception, NoRulebookInForce)


class RefusalMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if request.path.startswith("/api/"):
            return None  # the API renders its own errors
        if isinstance(exception, Refused):
            messages, status = exception.explanations, 403
        elif isinstance(exception, InvalidInput):
            messages, status = [exception.message], 400
        elif isinstance(exception, UnknownYearError | UnknownProvision):  # no calendar year; an unannotated rule
            messages, status = [exception.message_zh], 409
        elif _is_no_rulebook(exception):
            messages, status = [str(exception)], 409
        else:
            return None
        response = TemplateResponse(request, "web/refused.html", {"messages_list": messages}, status=status)
        return response.render()
