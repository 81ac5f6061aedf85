"""What a person sees when something goes wrong: a refusal with its article, bad input, a rulebook or
calendar that cannot answer, a page that is not there, a permission check, an expired form, a server
error.  Every one reaches the person who caused it, and says what to do next.

- A full page: ``web/error.html`` in the staff layout, ``portal/error.html`` under /public/ (the
  portal's own layout), in the user's language.
- An htmx request gets only the red box (``web/partials/refusal.html``), with the same status and
  the headers ``HX-Retarget: this``, ``HX-Reswap: beforebegin`` and ``HX-Reselect: .htmx-refusal``:
  the box goes just before the form or button that asked.  htmx drops 4xx and 5xx answers;
  ``web/static/web/htmx-errors.js`` lets it swap this one, and builds the same box for any other
  failure (an error page without these headers, a proxy's 502, the network).
- Under /api/ the answer is JSON (:mod:`zhengwu.apis.errors`).

:func:`render_refusal` is what views and :class:`zhengwu.web.middleware.RefusalMiddleware` call for a
refusal; ``handler400/403/404/500`` in :mod:`zhengwu.urls` and ``CSRF_FAILURE_VIEW`` are the views here.
The 500 page reads no database and runs no context processor: it is rendered without the request.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import RequestDataTooBig, SuspiciousOperation
from django.http import Http404, HttpRequest, HttpResponse
from django.template.loader import render_to_string
from django.urls import Resolver404
from django.utils import timezone, translation
from django.utils.functional import Promise
from django.utils.html import escape
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_htmx.http import reselect, reswap, retarget

from zhengwu.apis import errors as api_errors
from zhengwu.core.commits import committed

logger = logging.getLogger("zhengwu.web")

BOX_CLASS = "htmx-refusal"


@dataclass(frozen=True)
class Kind:
    """One kind of failure: the page's title, the box's heading, what to do next on a page and, in a
    few words, in the box that goes before a form."""

    title: str | Promise
    heading: str | Promise
    advice: tuple[str | Promise, ...] = field(default_factory=tuple)
    brief: tuple[str | Promise, ...] = field(default_factory=tuple)


_ASK = gettext_lazy("如认为有误，请联系本单位负责人或系统管理员。")
_FIX = gettext_lazy("请按上面的说明修改后重新提交，这次没有作任何更改。")
_NOT_YOURS = gettext_lazy("这不是您的操作有误：工作日历或规则版本缺少所需内容，这次没有作任何更改。")
_TELL_ADMIN = gettext_lazy("请告知系统管理员按上面的说明补录，补录后即可办理。")
_RELOAD = gettext_lazy("请刷新页面后重新提交；如果已经退出登录，请重新登录。")
_RETRY = gettext_lazy("请稍后重试；如果仍然出错，请联系系统管理员，并告知出错的时间和您正在办理的事项。")

REFUSED = Kind(
    gettext_lazy("无法办理"),
    gettext_lazy("未能办理："),
    (gettext_lazy("上面说明了不能办理的原因和所依据的《工作规则》条款；条件具备后可以重新办理。"), _ASK),
    (_ASK,),
)
BAD_INPUT = Kind(gettext_lazy("无法办理"), gettext_lazy("未能办理："), (_FIX,), (_FIX,))
CANNOT_ANSWER = Kind(
    gettext_lazy("暂时无法办理"),
    gettext_lazy("未能办理："),
    (_NOT_YOURS, _TELL_ADMIN),
    (_NOT_YOURS, _TELL_ADMIN),
)
FORBIDDEN = Kind(
    gettext_lazy("没有权限"),
    gettext_lazy("没有权限："),
    (gettext_lazy("如确需办理，请联系本单位负责人或系统管理员。"),),
    (gettext_lazy("如确需办理，请联系本单位负责人或系统管理员。"),),
)
NOT_FOUND = Kind(
    gettext_lazy("页面不存在"),
    gettext_lazy("没有找到："),
    (
        gettext_lazy("请检查网址是否正确；链接可能已经过期，事项可能已被删除，或者您无权查看。"),
        gettext_lazy("可以从工作台或导航栏重新进入。"),
    ),
    (gettext_lazy("这个事项可能已被删除或已经变化，请刷新页面后再试。"),),
)
EXPIRED = Kind(gettext_lazy("页面已过期"), gettext_lazy("页面已过期："), (_RELOAD,), (_RELOAD,))
BAD_REQUEST = Kind(
    gettext_lazy("请求有误"),
    gettext_lazy("请求有误："),
    (gettext_lazy("请返回上一页重新操作；如仍出错，请联系系统管理员。"),),
    (gettext_lazy("请刷新页面后重试；如仍出错，请联系系统管理员。"),),
)
SERVER_ERROR = Kind(gettext_lazy("服务器出错"), gettext_lazy("服务器出错："), (_RETRY,), (_RETRY,))
UNAVAILABLE = Kind(
    gettext_lazy("暂时无法办理"),
    gettext_lazy("暂时无法办理："),
    (gettext_lazy("请稍后刷新页面重试；如持续出错，请联系系统管理员。"),),
    (gettext_lazy("请稍后重试；如持续出错，请联系系统管理员。"),),
)
DONE = Kind(
    gettext_lazy("已办理"),
    gettext_lazy("已办理："),
    (gettext_lazy("请不要重复提交；从工作台或导航栏进入即可看到办理结果。"),),
    (gettext_lazy("请不要重复提交；刷新页面即可看到办理结果。"),),
)

KIND_OF_STATUS = {400: BAD_INPUT, 403: REFUSED, 409: CANNOT_ANSWER}

PERMISSION_MESSAGE = gettext_lazy("您没有办理这项事务的权限。")
NOT_FOUND_MESSAGE = gettext_lazy("没有这个页面，或者您要找的事项不存在。")
EXPIRED_MESSAGE = gettext_lazy("页面已过期（安全校验未通过），这次提交没有生效。")
BAD_REQUEST_MESSAGE = gettext_lazy("服务器无法处理这个请求。")
SERVER_ERROR_MESSAGE = gettext_lazy("服务器出错，这项操作没有完成。")
UNAVAILABLE_MESSAGE = gettext_lazy("数据库暂时无法连接，这项操作没有完成，也没有作任何更改。")
DONE_MESSAGE = gettext_lazy("这项操作已经办理并保存，但页面未能显示。错误已记录。")


# ---------------------------------------------------------------- what kind of answer


def wants_fragment(request: HttpRequest) -> bool:
    """An htmx request that swaps a part of the page (a boosted one wants the whole page)."""
    return request.headers.get("HX-Request") == "true" and request.headers.get("HX-Boosted") != "true"


def _is_portal(request: HttpRequest) -> bool:
    return request.path_info.startswith("/public/")


def _same_site(request: HttpRequest, url: str) -> str:
    """``url`` if it is a page of this site, else ''."""
    try:
        host = request.get_host()
    except Exception:
        return ""
    if url and url_has_allowed_host_and_scheme(url, allowed_hosts={host}, require_https=request.is_secure()):
        return url
    return ""


def back_url(request: HttpRequest) -> str:
    """The page the person came from, if it is one of ours and not this one."""
    url = _same_site(request, request.META.get("HTTP_REFERER", ""))
    if not url or url.endswith(request.get_full_path()):
        return ""
    return url


# ---------------------------------------------------------------- rendering


def _box_context(
    kind: Kind, messages: Sequence[str | Promise], status: int, *, fragment: bool, link: tuple[str, str] | None = None
) -> dict[str, Any]:
    return {
        "heading": kind.heading,
        "messages_list": list(messages),
        "status": status,
        "fragment": fragment,
        "advice": kind.brief if fragment else (),
        "link": link,
    }


def fragment(
    request: HttpRequest,
    kind: Kind,
    messages: Sequence[str | Promise],
    status: int,
    *,
    link: tuple[str, str] | None = None,
) -> HttpResponse:
    """The red box alone, for htmx, with the headers that place it before the requesting element."""
    html = render_to_string("web/partials/refusal.html", _box_context(kind, messages, status, fragment=True, link=link))
    response = HttpResponse(html, status=status)
    retarget(response, "this")  # the form or button that sent the request
    reswap(response, "beforebegin")  # the box goes just before it
    return reselect(response, f".{BOX_CLASS}")  # not the page's hx-select (the document page's #doc)


def _page(
    request: HttpRequest,
    kind: Kind,
    messages: Sequence[str | Promise],
    status: int,
    *,
    with_request: bool = True,
    reload: bool = False,
) -> HttpResponse:
    portal = _is_portal(request)
    context = {
        **_box_context(kind, messages, status, fragment=False),
        "title": kind.title,
        "next_steps": kind.advice,
        "back_url": back_url(request),
        "reload_url": request.get_full_path() if reload and request.method == "GET" else "",
        "now": timezone.localtime(),
    }
    if portal:  # the portal speaks Chinese only, like its layout (the sentences are lazy: they follow)
        with translation.override("zh-hans"):
            html = render_to_string("portal/error.html", context, request=request if with_request else None)
        return HttpResponse(html, status=status)
    if with_request:
        return HttpResponse(render_to_string("web/error.html", context, request=request), status=status)
    # The 500 page: no request, so no context processor (they read the database) runs.
    return HttpResponse(render_to_string("web/error.html", context), status=status)


def answer(
    request: HttpRequest,
    kind: Kind,
    messages: Sequence[str | Promise],
    status: int,
    *,
    link: tuple[str, str] | None = None,
) -> HttpResponse:
    """The box for htmx, else the page."""
    if wants_fragment(request):
        return fragment(request, kind, messages, status, link=link)
    return _page(request, kind, messages, status)


def render_refusal(request: HttpRequest, messages: Sequence[str | Promise], status: int = 403) -> HttpResponse:
    """A refusal (403: each sentence with its article 「…（《工作规则》第…条）」), bad input (400)
    or a rulebook or calendar that cannot answer (409): the red box in place for htmx, else a page."""
    return answer(request, KIND_OF_STATUS.get(status, REFUSED), messages, status)


# ---------------------------------------------------------------- the site's handlers


def _message_of(exception: Exception | None) -> str:
    """The sentence an exception carries for people (a Chinese sentence raised by a view), if any."""
    if exception is None or isinstance(exception, Resolver404) or not exception.args:
        return ""
    first = exception.args[0]
    if not isinstance(first, str) or first.endswith("matches the given query."):
        return ""  # get_object_or_404's English sentence names a model, not what the person asked for
    return first


def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    """handler400."""
    if api_errors.is_api(request):
        if isinstance(exception, RequestDataTooBig):
            return api_errors.too_large()
        if isinstance(exception, SuspiciousOperation):
            return api_errors.suspicious(exception)
        return api_errors.json_error(400)
    return answer(request, BAD_REQUEST, [BAD_REQUEST_MESSAGE], 400)


def permission_denied(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    """handler403: a permission check.  A sentence it carries (with its article) is shown as is."""
    message = _message_of(exception)
    if api_errors.is_api(request):
        return api_errors.json_error(403, message)
    if message:
        return answer(request, REFUSED, [message], 403)
    return answer(request, FORBIDDEN, [PERMISSION_MESSAGE], 403)


def page_not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    """handler404: the sentence of the view's ``Http404`` if it has one."""
    if api_errors.is_api(request):
        if isinstance(exception, Http404) and not isinstance(exception, Resolver404) and _message_of(exception):
            return api_errors.json_error(404, _message_of(exception))
        return api_errors.unknown_path(request)
    return answer(request, NOT_FOUND, [_message_of(exception) or NOT_FOUND_MESSAGE], 404)


def server_error(request: HttpRequest) -> HttpResponse:
    """handler500: no database, no context processor; if even the template fails, plain HTML.
    Django logs the exception (``django.request``, a handler in every profile).

    Django calls it while handling the exception, so it can tell two cases apart: a request that
    had already committed its change (:mod:`zhengwu.core.commits`) is answered as done (200), and
    the database being unavailable is 503 (JSON under /api/, a page otherwise)."""
    exc = sys.exc_info()[1]
    try:
        if exc is not None and committed(request):
            logger.error("%s %s committed, then failed; answered as done", request.method, request.path)
            if api_errors.is_api(request):
                return api_errors.json_error(200, api_errors.DONE_BUT, committed=True)
            if wants_fragment(request):
                return fragment(request, DONE, [DONE_MESSAGE], 200)
            return _page(request, DONE, [DONE_MESSAGE], 200, with_request=False)
        if isinstance(exc, api_errors.DATABASE_DOWN):
            if api_errors.is_api(request):
                response: HttpResponse = api_errors.json_error(503)
            elif wants_fragment(request):
                response = fragment(request, UNAVAILABLE, [UNAVAILABLE_MESSAGE], 503)
            else:
                response = _page(request, UNAVAILABLE, [UNAVAILABLE_MESSAGE], 503, with_request=False, reload=True)
            response["Retry-After"] = api_errors.RETRY_AFTER_SECONDS
            return response
        if api_errors.is_api(request):
            return api_errors.json_error(500)
        if wants_fragment(request):
            return fragment(request, SERVER_ERROR, [SERVER_ERROR_MESSAGE], 500)
        return _page(request, SERVER_ERROR, [SERVER_ERROR_MESSAGE], 500, with_request=False, reload=True)
    except Exception:
        logger.exception("the 500 page could not be rendered")
        text = escape(str(SERVER_ERROR_MESSAGE))
        return HttpResponse(
            f'<!doctype html><meta charset="utf-8"><title>500</title><p role="alert">{text}</p>', status=500
        )


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """``CSRF_FAILURE_VIEW``: the form was loaded before a sign-in, a sign-out or a restart."""
    if api_errors.is_api(request):
        return api_errors.json_error(403, api_errors.CSRF_FAILED)
    if wants_fragment(request):
        current = _same_site(request, request.headers.get("HX-Current-URL", ""))
        link = (current, _("刷新页面")) if current else None
        return fragment(request, EXPIRED, [EXPIRED_MESSAGE], 403, link=link)
    return _page(request, EXPIRED, [EXPIRED_MESSAGE], 403)
