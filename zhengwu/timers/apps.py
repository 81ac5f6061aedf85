from django.apps import AppConfig


class TimersConfig(AppConfig):
    name = "zhengwu.timers"
    label = "timers"
    verbose_name = "定时任务"
