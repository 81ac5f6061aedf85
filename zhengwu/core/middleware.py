"""Refusals and bad input that reach the top are shown, never a server error.

Views normally catch :class:`Refused` and :class:`InvalidInput` themselves to re-render a form;
anything they let through is rendered here with the sentence and its article.
"""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse

from zhengwu.core.decisions import InvalidInput, Refused
from zhengwu.workdays.arith import UnknownYearError


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
        elif isinstance(exception, UnknownYearError):
            messages, status = [exception.message_zh], 409
        else:
            return None
        response = TemplateResponse(request, "web/refused.html", {"messages_list": messages}, status=status)
        return response.render()
