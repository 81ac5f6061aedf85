"""The archive (art. 53) and filing (art. 49) panel of the document page:
``{% load documents_records %}{% records_panel doc %}``."""

from __future__ import annotations

from typing import Any

from django import template

from zhengwu.documents.models import Document
from zhengwu.web.views.documents_records import records_panel_context

register = template.Library()


@register.inclusion_tag("web/documents/records/_panel.html", takes_context=True)
def records_panel(context: template.Context, doc: Document) -> dict[str, Any]:
    return {**records_panel_context(context["request"], doc), "csrf_token": context.get("csrf_token")}
