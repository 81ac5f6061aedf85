"""One set of error handlers for the whole API.

- :class:`Refused` → 403 ``{"detail", "decisions": [...]}``: every refusing decision, each with its
  explanation 「…（《工作规则》第…条）」 and citation.
- :class:`~zhengwu.core.transitions.StateConflict` (a step taken from the wrong state) → 409, same body.
- :class:`InvalidInput` → 422 ``{"detail", "field"}``: malformed input only.
- :class:`UnknownYearError` → 409 ``{"detail", "year"}``: the calendar has no schedule for that year.
- :class:`NoRulebookInForce` → 409 ``{"detail"}``.
- :class:`UnknownProvision` (the rulebook in force does not annotate a provision a rule cites)
  → 409 ``{"detail", "provision"}``: nothing was done; the detail says how to annotate the version.
- no or bad credentials → 401 with a Chinese message; a revoked or unknown token → 401.
- a permission check (Django's ``PermissionDenied``) → 403 ``{"detail"}``.
- ``Http404`` (ninja's, or ``get_object_or_404``'s, whose English sentence is replaced) → 404.
- request validation errors stay ninja's 422: ``{"detail": [{"loc", "msg", …}]}``.
- a body that is not JSON → 400; a body over ``DATA_UPLOAD_MAX_MEMORY_SIZE`` (``RequestDataTooBig``)
  → 413; a request Django finds suspicious (``SuspiciousOperation``: a bad file name, too many
  fields) → 400.  Each with a Chinese ``detail``.
- the database unavailable (``OperationalError``/``InterfaceError``) → 503 ``{"detail"}`` with
  ``Retry-After``; logged with its traceback.
- anything unexpected → 500 ``{"detail"}`` with a generic sentence; the exception is logged
  (``zhengwu.api``), never shown.
- a failure *after* the request committed a change (:mod:`zhengwu.core.commits`) is not a failure of
  the act: it is logged with its traceback and answered 200 ``{"detail", "committed": true}``, so
  that the caller does not do the act again.

Everything else under /api/ that is not JSON (ninja's 405, Django's 404 for an unknown path, a 400
for a bad request, an error page) is turned into JSON by :class:`JsonErrorsMiddleware`, and the
site's error handlers answer /api/ paths with :func:`json_error`.  Every error body has ``detail``.

Actions are atomic, so nothing was changed when any of these is returned (except the last).
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from django.core.exceptions import PermissionDenied, RequestDataTooBig, SuspiciousOperation
from django.db import InterfaceError, OperationalError
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError

from zhengwu.core.commits import committed
from zhengwu.core.decisions import InvalidInput, Refused
from zhengwu.core.i18n import localize
from zhengwu.core.rulebook_view import UnknownProvision
from zhengwu.core.transitions import StateConflict
from zhengwu.rulebook.services import NoRulebookInForce
from zhengwu.workdays.arith import UnknownYearError

NOT_AUTHENTICATED = "请先登录，或在请求头中提供有效的访问令牌（Authorization: Bearer …）。"
CSRF_FAILED = "CSRF 校验失败：通过网页会话调用修改类接口时须携带 X-CSRFToken 请求头；其他系统请使用访问令牌。"
FORBIDDEN = "无权进行这项操作。"
NOT_FOUND = "没有找到所请求的对象。"
SERVER_ERROR = "服务器内部错误，请求未能完成，也未作任何更改。错误已记录，请稍后重试；如仍出错，请联系系统管理员。"
UNAVAILABLE = "数据库暂时无法连接，请求未能完成，也未作任何更改。请稍后重试；如持续出错，请联系系统管理员。"
DONE_BUT = (
    "这项操作已经办理并保存，但服务器未能生成答复。请不要重复提交：刷新或查询即可看到办理结果。"
    "错误已记录，如有疑问请联系系统管理员。"
)
TOO_LARGE = "请求内容过大（超过{megabytes} MB），未作任何更改。文件请用上传接口（multipart）提交。"
BAD_BODY = "请求体无法解析：须为有效的 JSON（Content-Type: application/json），未作任何更改。"
SUSPICIOUS = "请求有误，无法处理（{reason}），未作任何更改。"
RETRY_AFTER_SECONDS = "30"
DETAILS: dict[int, str] = {
    400: "请求有误，无法处理。",
    401: NOT_AUTHENTICATED,
    403: FORBIDDEN,
    404: NOT_FOUND,
    405: "该接口不支持这种请求方法。",
    413: "请求内容过大。",
    500: SERVER_ERROR,
    503: UNAVAILABLE,
}
DATABASE_DOWN = (OperationalError, InterfaceError)
KEPT_HEADERS = ("Allow", "WWW-Authenticate", "Retry-After")

logger = logging.getLogger("zhengwu.api")


def is_api(request: HttpRequest) -> bool:
    return request.path_info.startswith("/api/")


def json_error(status: int, detail: str = "", **extra: object) -> JsonResponse:
    """An error answer of the API: ``{"detail": …}`` (plus ``extra``) with ``status``."""
    text = detail or DETAILS.get(status) or f"请求未能完成（HTTP {status}）。"
    return JsonResponse({"detail": text, **extra}, status=status, json_dumps_params={"ensure_ascii": False})


def done_but_unanswered(request: HttpRequest, exc: BaseException) -> JsonResponse:
    """The answer to a request whose change was committed before ``exc``: the act is done."""
    logger.error("%s %s committed, then failed; answered as done", request.method, request.path, exc_info=exc)
    return json_error(200, DONE_BUT, committed=True)


def database_down(request: HttpRequest, exc: BaseException) -> JsonResponse:
    """503: the database could not be reached."""
    logger.error("%s %s: database unavailable", request.method, request.path, exc_info=exc)
    response = json_error(503)
    response["Retry-After"] = RETRY_AFTER_SECONDS
    return response


def too_large() -> JsonResponse:
    from django.conf import settings

    megabytes = f"{settings.DATA_UPLOAD_MAX_MEMORY_SIZE / (1024 * 1024):.1f}".removesuffix(".0")
    return json_error(413, TOO_LARGE.format(megabytes=megabytes))


def suspicious(exc: BaseException) -> JsonResponse:
    reason = "文件名不合规定" if "file" in type(exc).__name__.lower() else "请求格式不合规定"
    return json_error(400, SUSPICIOUS.format(reason=reason))


def unknown_path(request: HttpRequest) -> JsonResponse:
    """404 for a path under /api/ that no endpoint serves."""
    return json_error(404, f"没有这个接口：{request.method} {request.path}。接口说明见 /api/openapi.json。")


def _not_found_detail(exc: Http404) -> str:
    """The sentence of a 404; ``get_object_or_404``'s English 「No X matches the given query.」 becomes
    the generic Chinese one (it names a model, not what the caller asked for)."""
    message = str(exc.args[0]) if exc.args and isinstance(exc.args[0], str) else ""
    if not message or message.endswith("matches the given query."):
        return NOT_FOUND
    return message


class JsonErrorsMiddleware:
    """Under /api/, an error answer that is not JSON becomes ``{"detail": …}`` with the same status.

    The API's own handlers (below) answer in JSON already; this catches what answers before or
    around them: ninja's 405 (a method the path does not serve) and anything Django renders as a page.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if response.status_code < 400 or not is_api(request):
            return response
        if response.get("Content-Type", "").startswith("application/json"):
            return response
        if response.status_code == 404:
            converted = unknown_path(request)
        elif response.status_code == 405:
            allowed = response.get("Allow", "")
            converted = json_error(
                405, f"接口 {request.path} 不支持 {request.method} 方法{f'，可用：{allowed}' if allowed else ''}。"
            )
        else:
            converted = json_error(response.status_code)
        for header in KEPT_HEADERS:
            if header in response:
                converted[header] = response[header]
        return converted


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
            status=409 if isinstance(exc, StateConflict) else 403,
        )

    @api.exception_handler(InvalidInput)
    def invalid(request: HttpRequest, exc: InvalidInput) -> HttpResponse:
        return api.create_response(request, {"detail": exc.localized_message, "field": exc.field}, status=422)

    @api.exception_handler(UnknownYearError)
    def unknown_year(request: HttpRequest, exc: UnknownYearError) -> HttpResponse:
        return api.create_response(request, {"detail": localize(exc.message), "year": exc.year}, status=409)

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
        if exc.status_code == 400 and message.startswith("Cannot parse request body"):
            if isinstance(exc.__cause__, RequestDataTooBig):
                return too_large()
            if isinstance(exc.__cause__, SuspiciousOperation):
                return suspicious(exc.__cause__)
            message = BAD_BODY
        return api.create_response(request, {"detail": message}, status=exc.status_code)

    @api.exception_handler(RequestDataTooBig)
    def request_too_large(request: HttpRequest, exc: RequestDataTooBig) -> HttpResponse:
        return too_large()

    @api.exception_handler(SuspiciousOperation)
    def bad_request(request: HttpRequest, exc: SuspiciousOperation) -> HttpResponse:
        logging.getLogger("django.security").warning("API %s %s: %s", request.method, request.path, exc)
        return suspicious(exc)

    @api.exception_handler(Http404)
    def not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
        return api.create_response(request, {"detail": _not_found_detail(exc)}, status=404)

    @api.exception_handler(PermissionDenied)
    def forbidden(request: HttpRequest, exc: PermissionDenied) -> HttpResponse:
        return api.create_response(request, {"detail": str(exc) or FORBIDDEN}, status=403)

    @api.exception_handler(OperationalError)
    @api.exception_handler(InterfaceError)
    def unavailable(request: HttpRequest, exc: Exception) -> HttpResponse:
        if committed(request):
            return done_but_unanswered(request, exc)
        return database_down(request, exc)

    @api.exception_handler(Exception)
    def unexpected(request: HttpRequest, exc: Exception) -> HttpResponse:
        if committed(request):
            return done_but_unanswered(request, exc)
        logger.error("API %s %s failed", request.method, request.path, exc_info=exc)
        return api.create_response(request, {"detail": SERVER_ERROR}, status=500)
