"""Staff pages for 政务公开:
publication queue, 依申请公开 (staff side; issue 6), in the ``web`` namespace (included by :mod:`zhengwu.web.urls`).
"""

from django.urls import URLPattern, path  # noqa: F401

urlpatterns: list[URLPattern] = []
