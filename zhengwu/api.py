"""The REST API (django-ninja) over the same actions as the web UI.  OpenAPI at /api/openapi.json."""

from __future__ import annotations

from ninja import NinjaAPI

api = NinjaAPI(title="zhengwu API", version="1", urls_namespace="api", docs_url="/docs")
