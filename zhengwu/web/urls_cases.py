"""Staff pages for 建议提案, 信访, 复议诉讼审计 (issue 5),
in the ``web`` namespace (included by :mod:`zhengwu.web.urls`)."""

from django.urls import URLPattern, path  # noqa: F401

urlpatterns: list[URLPattern] = []
