"""Public pages for drafts open for comment (art. 21): no login; mounted at /public/consultations/."""

from django.urls import URLPattern, path  # noqa: F401

app_name = "consultations"

urlpatterns: list[URLPattern] = []
