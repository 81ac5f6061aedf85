from django.apps import AppConfig


class MeetingsConfig(AppConfig):
    name = "zhengwu.meetings"
    label = "meetings"
    verbose_name = "会议"
