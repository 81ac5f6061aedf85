from django.apps import AppConfig


class WorkdaysConfig(AppConfig):
    name = "zhengwu.workdays"
    label = "workdays"
    verbose_name = "工作日历"

    def ready(self) -> None:
        from zhengwu.workdays import checks  # noqa: F401 - registers the calendar's system checks
