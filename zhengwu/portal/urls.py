"""The public portal (no login): mounted at /public/ in the ``portal`` namespace."""

from django.urls import URLPattern, path  # noqa: F401

app_name = "portal"

urlpatterns: list[URLPattern] = []
