"""Staff pages for 督查督办 and the compliance view (issue 5),
in the ``web`` namespace (included by :mod:`zhengwu.web.urls`).
"""

from django.urls import URLPattern, path

from zhengwu.web.views import compliance
from zhengwu.web.views import supervision as sv

urlpatterns: list[URLPattern] = [
    path("supervision/", sv.item_list, name="supervision"),
    path("supervision/new/", sv.item_new, name="supervision_new"),
    path("supervision/<int:pk>/", sv.item_detail, name="supervision_item"),
    path("supervision/<int:pk>/act/<slug:action>/", sv.item_act, name="supervision_act"),
    path("supervision/reports/<int:pk>/", sv.report_submit, name="supervision_report"),
    path("supervision/rectifications/<int:pk>/done/", sv.rectification_done, name="supervision_rectified"),
    path("supervision/dashboard/", sv.dashboard, name="supervision_dashboard"),
    path("supervision/circulars/", sv.circular_list, name="supervision_circulars"),
    path("supervision/circulars/<int:pk>/xlsx", sv.circular_xlsx, name="supervision_circular_xlsx"),
    path("compliance/", compliance.compliance_view, name="compliance"),
]
