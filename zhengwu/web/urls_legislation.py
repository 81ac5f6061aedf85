"""Staff pages for 规章和规范性文件 (issue 6), in the ``web`` namespace (included by :mod:`zhengwu.web.urls`)."""

from django.urls import URLPattern, path

from zhengwu.web.views import legislation as views

urlpatterns: list[URLPattern] = [
    path("legislation/", views.drafts, name="legislation"),
    path("legislation/new/", views.draft_new, name="legislation_new"),
    path("legislation/catalogue/", views.catalogue, name="legislation_catalogue"),
    path("legislation/cleanups/", views.cleanups, name="legislation_cleanups"),
    path("legislation/cleanups/<int:pk>/", views.cleanup_detail, name="legislation_cleanup"),
    path("legislation/<int:pk>/", views.draft_detail, name="legislation_draft"),
    path("legislation/<int:pk>/<slug:action>/", views.draft_act, name="legislation_act"),
]
