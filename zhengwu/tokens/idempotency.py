"""``Idempotency-Key``: a client that retries a state-changing call gets the first answer, not a duplicate.

A client that sent ``POST /api/documents`` and lost the answer (a timeout, the server restarted)
cannot tell whether the document was created.  If it sent an ``Idempotency-Key`` header (any
string of up to 255 printable ASCII characters, e.g. a UUID), it may send the same request again:

- the same key, by the same account, with the same method, path and body → the first answer (status
  and body) again, with ``Idempotent-Replayed: true``; nothing is done a second time;
- the same key with a different request → 422: a key names one request;
- the same key while the first call is still running → 409, try again shortly;
- a first call that failed without changing anything (a 5xx before any commit) leaves no key, so
  the retry acts; any other answer (a refusal included) is remembered.

Keys are remembered for ``ZHENGWU_IDEMPOTENCY_TTL_HOURS`` (24 h) in :class:`IdempotencyKey`; older
ones are forgotten (and deleted) when a key is next used.  Applies to POST, PUT, PATCH and DELETE
under /api/; a call without the header is unchanged.  The account is the session's or the bearer
token's; an anonymous call, or one with a bad token, is answered by the API as usual.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable

from django.conf import settings
from django.db import IntegrityError, transaction
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils import timezone

from zhengwu.core.commits import bookkeeping, committed
from zhengwu.tokens import services as tokens
from zhengwu.tokens.models import IdempotencyKey

HEADER = "Idempotency-Key"
METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})
MAX_KEY = 255
BAD_KEY = f"Idempotency-Key 须为1至{MAX_KEY}个可打印的 ASCII 字符（如 UUID），未作任何更改。"
OTHER_REQUEST = (
    "这个 Idempotency-Key 已用于另一个请求（方法、路径或请求体不同），未作任何更改。"
    "每个不同的请求须使用新的 Idempotency-Key。"
)
IN_PROGRESS = "使用这个 Idempotency-Key 的请求仍在办理中，请稍后重试。"
REPLAYED = "Idempotent-Replayed"


def json_error(status: int, detail: str, **extra: object) -> JsonResponse:
    """An error in the API's shape (``{"detail": …}``; this app sits below ``zhengwu.apis``)."""
    return JsonResponse({"detail": detail, **extra}, status=status, json_dumps_params={"ensure_ascii": False})


def valid_key(key: str) -> bool:
    return 0 < len(key) <= MAX_KEY and all(32 <= ord(c) < 127 for c in key)


def fingerprint(method: str, path: str, content_type: str, body: bytes) -> str:
    digest = hashlib.sha256()
    for part in (method.encode(), path.encode(), content_type.encode()):
        digest.update(part + b"\0")
    digest.update(body)
    return digest.hexdigest()


def _body_of(request: HttpRequest) -> bytes:
    """What identifies the request's content: its body; for a multipart upload (which may be larger
    than a body Django keeps in memory), its fields and the SHA-256 of each file."""
    if request.content_type != "multipart/form-data":
        return request.body
    parts: list[str] = [f"{k}={v}" for k in sorted(request.POST) for v in request.POST.getlist(k)]
    for name in sorted(request.FILES):
        for upload in request.FILES.getlist(name):
            digest = hashlib.sha256()
            for chunk in upload.chunks():
                digest.update(chunk)
            upload.seek(0)
            parts.append(f"{name}:{upload.name}:{upload.size}:{digest.hexdigest()}")
    return "\n".join(parts).encode()


def _user_id(request: HttpRequest) -> int | None:
    """The account calling: the bearer token's (if valid), else the session's."""
    authorization = request.headers.get("Authorization", "")
    if authorization.lower().startswith("bearer "):
        found = tokens.find(authorization[7:].strip())
        if found is None or found.revoked_at is not None or not found.user.is_active:
            return None
        return int(found.user_id)
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        from ninja.utils import check_csrf

        if check_csrf(request) is not None:  # a session call must pass the CSRF check to be replayed
            return None
        return int(user.pk)
    return None


def _replay(record: IdempotencyKey) -> HttpResponse:
    response = HttpResponse(bytes(record.body), status=record.status or 200, content_type=record.content_type or None)
    response[REPLAYED] = "true"
    return response


class IdempotencyMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        key = request.headers.get(HEADER)
        if key is None or request.method not in METHODS or not request.path_info.startswith("/api/"):
            return self.get_response(request)
        if not valid_key(key):
            return json_error(422, BAD_KEY, field=HEADER)
        user_id = _user_id(request)
        if user_id is None:
            return self.get_response(request)
        path = request.get_full_path()[:2000]
        method = request.method or ""
        content_type = request.content_type or ""
        print_ = fingerprint(method, path, content_type, _body_of(request))
        now = timezone.now()
        ttl = dt.timedelta(hours=settings.ZHENGWU_IDEMPOTENCY_TTL_HOURS)
        IdempotencyKey.objects.filter(created_at__lt=now - ttl).delete()
        try:
            with bookkeeping(request), transaction.atomic():
                record = IdempotencyKey.objects.create(
                    user_id=user_id, key=key, fingerprint=print_, method=method, path=path, created_at=now
                )
        except IntegrityError:
            first = IdempotencyKey.objects.filter(user_id=user_id, key=key).first()
            if first is None:  # deleted meanwhile (its call failed): this one acts
                return self.get_response(request)
            if first.fingerprint != print_:
                return json_error(422, OTHER_REQUEST, field=HEADER)
            if first.status is None:
                busy = json_error(409, IN_PROGRESS)
                busy["Retry-After"] = "1"
                return busy
            return _replay(first)
        try:
            response = self.get_response(request)
        except BaseException:
            record.delete()
            raise
        if (response.status_code >= 500 and not committed(request)) or getattr(response, "streaming", False):
            record.delete()  # nothing was done (or nothing to replay): a retry acts
            return response
        record.status = response.status_code
        record.content_type = response.get("Content-Type", "")
        record.body = response.content
        record.save(update_fields=["status", "content_type", "body"])
        return response
