"""Public pages for drafts open for comment (art. 21): no login; mounted at /public/consultations/."""

from django.urls import URLPattern, path

from zhengwu.web.views import consultations as views

app_name = "consultations"

urlpatterns: list[URLPattern] = [
    path("", views.index, name="index"),
    path("<int:pk>/", views.detail, name="detail"),
]
