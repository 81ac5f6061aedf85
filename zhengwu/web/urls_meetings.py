"""Staff pages for 会议 (issue 4), in the ``web`` namespace (included by :mod:`zhengwu.web.urls`)."""

from django.urls import URLPattern, path  # noqa: F401

urlpatterns: list[URLPattern] = []
