"""Staff pages for 督查督办 and the compliance view (issue 5),
in the ``web`` namespace (included by :mod:`zhengwu.web.urls`).
"""

from django.urls import URLPattern, path  # noqa: F401

urlpatterns: list[URLPattern] = []
