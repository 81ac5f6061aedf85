"""The REST API (django-ninja) over the same services and actions as the web UI.

OpenAPI at ``/api/openapi.json``.  The interactive docs page is off: ninja's Swagger UI loads from a
CDN, and government intranets are offline.  Callers authenticate with a web session (CSRF-protected
for unsafe methods) or a bearer token (``zhengwu token create USERNAME --name NAME``); errors are
rendered by :mod:`zhengwu.apis.errors`.
"""

from __future__ import annotations

import copy
from typing import Any

from django.utils import translation
from ninja import NinjaAPI
from ninja.openapi.schema import OpenAPISchema

from zhengwu.apis import (
    absences,
    account,
    accounts,
    approvals,
    audit,
    calendar,
    cases,
    documents,
    documents_attachments,
    documents_records,
    errors,
    legislation,
    me,
    meetings,
    notices,
    org,
    portal,
    reporting,
    rulebook,
    supervision,
    tokens,
)
from zhengwu.apis.auth import AUTH


class Api(NinjaAPI):
    """The API, with its OpenAPI schema built once per process, prefix and language: the routes do
    not change while the process runs, and building it walks every schema (seconds, not
    milliseconds)."""

    def get_openapi_schema(
        self, *, path_prefix: str | None = None, path_params: dict[str, Any] | None = None
    ) -> OpenAPISchema:
        if path_prefix is None:
            path_prefix = self.get_root_path(path_params or {})
        key = (path_prefix, translation.get_language() or "")
        cache: dict[tuple[str, str], OpenAPISchema] = self.__dict__.setdefault("_schemas", {})
        if key not in cache:
            cache[key] = super().get_openapi_schema(path_prefix=path_prefix)
        return copy.deepcopy(cache[key])  # a caller may change its copy


api = Api(
    title="zhengwu API",
    version="1",
    description="政务：工作规则即软件。每一项拒绝都说明理由并引用条款（403），错误输入返回 422，"
    "工作日历未录入的年份返回 409。",
    urls_namespace="api",
    docs_url=None,
    auth=AUTH,
)
errors.install(api)

# documents_records and documents_attachments before documents: their fixed paths (/documents/registers/…,
# /documents/filings/…) come before the catch-all /documents/{document_id}.
for module in (
    me,
    account,
    accounts,
    tokens,
    org,
    absences,
    calendar,
    rulebook,
    audit,
    notices,
    documents_records,
    documents_attachments,
    documents,
    meetings,
    supervision,
    cases,
    approvals,
    legislation,
    portal,
    reporting,
):
    api.add_router("/", module.router)
