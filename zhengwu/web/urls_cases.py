"""Staff pages for 建议提案, 信访, 复议诉讼审计 (issue 5),
in the ``web`` namespace (included by :mod:`zhengwu.web.urls`)."""

from django.urls import URLPattern, path

from zhengwu.web.views import oversight, petitions, suggestions

urlpatterns: list[URLPattern] = [
    path("suggestions/", suggestions.suggestion_list, name="suggestions"),
    path("suggestions/new/", suggestions.suggestion_new, name="suggestion_new"),
    path("suggestions/<int:pk>/", suggestions.suggestion_detail, name="suggestion"),
    path("suggestions/<int:pk>/act/<slug:action>/", suggestions.suggestion_act, name="suggestion_act"),
    path("petitions/", petitions.petition_list, name="petitions"),
    path("petitions/new/", petitions.petition_new, name="petition_new"),
    path("petitions/<int:pk>/", petitions.petition_detail, name="petition"),
    path("petitions/<int:pk>/act/<slug:action>/", petitions.petition_act, name="petition_act"),
    path("oversight/", oversight.case_list, name="oversight"),
    path("oversight/new/", oversight.case_new, name="oversight_new"),
    path("oversight/<int:pk>/", oversight.case_detail, name="oversight_case"),
    path("oversight/<int:pk>/act/<slug:action>/", oversight.case_act, name="oversight_act"),
]
