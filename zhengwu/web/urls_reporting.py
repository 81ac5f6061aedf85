"""Staff pages for 请示报告 (arts. 16, 34, 46, 55), in the ``web`` namespace (included by
:mod:`zhengwu.web.urls`)."""

from django.urls import URLPattern, path

from zhengwu.web.views import reporting

urlpatterns: list[URLPattern] = [
    path("reporting/", reporting.index, name="reporting"),
    path("reporting/incidents/new/", reporting.incident_new, name="reporting_incident_new"),
    path("reporting/incidents/<int:pk>/", reporting.incident_detail, name="reporting_incident"),
    path("reporting/incidents/<int:pk>/act/<slug:action>/", reporting.incident_act, name="reporting_incident_act"),
    path("reporting/upward/new/", reporting.upward_new, name="reporting_upward_new"),
    path("reporting/upward/<int:pk>/", reporting.upward_detail, name="reporting_upward"),
    path("reporting/upward/<int:pk>/act/<slug:action>/", reporting.upward_act, name="reporting_upward_act"),
    path("reporting/npc/new/", reporting.npc_new, name="reporting_npc_new"),
    path("reporting/npc/<int:pk>/", reporting.npc_detail, name="reporting_npc"),
    path("reporting/npc/<int:pk>/act/<slug:action>/", reporting.npc_act, name="reporting_npc_act"),
    path("reporting/concerns/new/", reporting.concern_new, name="reporting_concern_new"),
    path("reporting/concerns/<int:pk>/", reporting.concern_detail, name="reporting_concern"),
    path("reporting/concerns/<int:pk>/act/<slug:action>/", reporting.concern_act, name="reporting_concern_act"),
]
