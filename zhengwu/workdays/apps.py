from django.apps import AppConfig


class WorkdaysConfig(AppConfig):
    name = "zhengwu.workdays"
    label = "workdays"
    verbose_name = "工作日历"
