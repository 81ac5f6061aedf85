"""Staff pages for 规章和规范性文件 (issue 6), in the ``web`` namespace (included by :mod:`zhengwu.web.urls`)."""

from django.urls import URLPattern, path  # noqa: F401

urlpatterns: list[URLPattern] = []
