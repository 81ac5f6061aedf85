"""Staff pages for the requests approved in advance (arts. 57, 59, 60), in the ``web`` namespace
(included by :mod:`zhengwu.web.urls`)."""

from django.urls import URLPattern, path

from zhengwu.web.views import approvals

urlpatterns: list[URLPattern] = [
    path("approvals/", approvals.request_list, name="approvals"),
    path("approvals/new/", approvals.request_new, name="approval_new"),
    path("approvals/<int:pk>/", approvals.request_detail, name="approval"),
    path("approvals/<int:pk>/act/<slug:action>/", approvals.request_act, name="approval_act"),
]
