"""One set of error handlers for the whole API.

- :class:`Refused` → 403 ``{"detail", "decisions": [...]}``: every refusing decision, each with its
  explanation 「…（《工作规则》第五十八条）」 and citation.
- :class:`InvalidInput` → 422 ``{"detail", "field"}``.
- :class:`UnknownYearError` → 409 ``{"detail", "year"}``: the calendar has no schedule for that year.
- :class:`NoRulebookInForce` → 409 ``{"detail"}``.
- :class:`UnknownProvision` (the rulebook in force does not annotate a provision a rule cites)
  → 409 ``{"detail", "provision"}``: nothing was done; the detail says how to annotate the version.
- no or bad credentials → 401 with a Chinese message; a revoked or unknown token → 401.
- request validation errors stay ninja's 422.

Actions are atomic, so nothing was changed when any of these is returned.
"""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError

from zhengwu.core.decisions import InvalidInput, Refused
from zhengwu.core.rulebook_view import UnknownProvision
from zhengwu.rulebook.services import NoRulebookInForce
from zhengwu.workdays.arith import UnknownYearError

NOT_AUTHENTICATED = "请先登录，或在请求头中提供有效的访问令牌（Authorization: Bearer …）。"
CSRF_FAILED = "CSRF 校验失败：通过网页会话调用修改类接口时须携带 X-CSRFToken 请求头；其他系统请使用访问令牌。"


class TokenRejected(Exception):
    """A bearer token that is unknown, revoked, or whose account is disabled."""

    def __init__(self, message: str):
        self.message = message
        super().__init__(message)


def install(api: NinjaAPI) -> None:
    """Register the handlers on ``api``."""

    @api.exception_handler(Refused)
    def refused(request: HttpRequest, exc: Refused) -> HttpResponse:
        return api.create_response(
            request,
            {"detail": "；".join(exc.explanations), "decisions": [d.as_dict() for d in exc.decisions]},
            status=403,
        )

    @api.exception_handler(InvalidInput)
    def invalid(request: HttpRequest, exc: InvalidInput) -> HttpResponse:
        return api.create_response(request, {"detail": exc.message, "field": exc.field}, status=422)

    @api.exception_handler(UnknownYearError)
    def unknown_year(request: HttpRequest, exc: UnknownYearError) -> HttpResponse:
        return api.create_response(request, {"detail": exc.message_zh, "year": exc.year}, status=409)

    @api.exception_handler(NoRulebookInForce)
    def no_rulebook(request: HttpRequest, exc: NoRulebookInForce) -> HttpResponse:
        return api.create_response(request, {"detail": str(exc)}, status=409)

    @api.exception_handler(UnknownProvision)
    def unknown_provision(request: HttpRequest, exc: UnknownProvision) -> HttpResponse:
        return api.create_response(request, {"detail": exc.message_zh, "provision": exc.key}, status=409)

    @api.exception_handler(AuthenticationError)
    def not_authenticated(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
        return api.create_response(request, {"detail": NOT_AUTHENTICATED}, status=401)

    @api.exception_handler(TokenRejected)
    def token_rejected(request: HttpRequest, exc: TokenRejected) -> HttpResponse:
        response = api.create_response(request, {"detail": exc.message}, status=401)
        response["WWW-Authenticate"] = 'Bearer error="invalid_token"'
        return response

    @api.exception_handler(HttpError)
    def http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
        message = CSRF_FAILED if exc.status_code == 403 and str(exc) == "CSRF check Failed" else str(exc)
        return api.create_response(request, {"detail": message}, status=exc.status_code)

    @api.exception_handler(Http404)
    def not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
        return api.create_response(request, {"detail": str(exc) or "未找到。"}, status=404)
