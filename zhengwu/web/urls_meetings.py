"""Staff pages for 会议 (issue 4), in the ``web`` namespace (included by :mod:`zhengwu.web.urls`)."""

from django.urls import URLPattern, path

from zhengwu.web.views import meetings as v

urlpatterns: list[URLPattern] = [
    path("meetings/", v.meeting_calendar, name="meetings"),
    path("meetings/new/", v.meeting_new, name="meeting_new"),
    path("meetings/<int:pk>/", v.meeting_detail, name="meeting"),
    path("meetings/<int:pk>/act/<slug:action>/", v.meeting_act, name="meeting_act"),
    path("meetings/invitations/<int:pk>/<slug:action>/", v.invitation_act, name="meeting_invitation_act"),
    path("meetings/follow-ups/<int:pk>/<slug:action>/", v.follow_up_act, name="meeting_follow_up_act"),
    path("meetings/topics/", v.topic_board, name="meeting_topics"),
    path("meetings/topics/new/", v.topic_new, name="meeting_topic_new"),
    path("meetings/topics/<int:pk>/<slug:action>/", v.topic_act, name="meeting_topic_act"),
    path("meetings/papers/<int:pk>/", v.paper_download, name="meeting_paper"),
    path("meetings/papers/<int:pk>/<slug:action>/", v.paper_act, name="meeting_paper_act"),
    path("meetings/wide/", v.wide_list, name="meeting_wide"),
    path("meetings/wide/<int:pk>/<slug:action>/", v.wide_act, name="meeting_wide_act"),
    path("meetings/feeds/person/<str:key>.ics", v.person_feed, name="meeting_person_feed"),
    path("meetings/feeds/person/<str:key>/<slug:kind>.ics", v.keyed_kind_feed, name="meeting_keyed_kind_feed"),
    path("meetings/feeds/<slug:kind>.ics", v.kind_feed, name="meeting_kind_feed"),
]
