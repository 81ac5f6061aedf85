"""Staff pages for 政务公开:
publication queue, 依申请公开 (staff side; issue 6), in the ``web`` namespace (included by :mod:`zhengwu.web.urls`).
"""

from django.urls import URLPattern, path

from zhengwu.web.views import publication as views

urlpatterns: list[URLPattern] = [
    path("portal/queue/", views.queue, name="portal_queue"),
    path("portal/queue/<int:pk>/publish/", views.publish, name="portal_publish"),
    path("portal/queue/<int:pk>/withhold/", views.withhold, name="portal_withhold"),
    path("portal/items/<int:pk>/interpret/", views.interpret, name="portal_interpret"),
    path("portal/applications/", views.applications, name="portal_applications"),
    path("portal/applications/<int:pk>/", views.application, name="portal_application"),
    path("portal/applications/<int:pk>/<slug:action>/", views.application_act, name="portal_application_act"),
]
