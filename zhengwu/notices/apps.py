from django.apps import AppConfig


class NoticesConfig(AppConfig):
    name = "zhengwu.notices"
    label = "notices"
    verbose_name = "通知"
