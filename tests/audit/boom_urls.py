"""A page that fails, to prove that a server error reaches the audit trail and the log."""

from django.http import HttpRequest, HttpResponse
from django.urls import include, path


def boom(request: HttpRequest) -> HttpResponse:
    raise RuntimeError("boom: a bug in a view")


urlpatterns = [path("boom/", boom), path("", include("zhengwu.urls"))]
