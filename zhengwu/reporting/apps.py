from django.apps import AppConfig


class ReportingConfig(AppConfig):
    name = "zhengwu.reporting"
    label = "reporting"
    verbose_name = "请示报告"

    def ready(self) -> None:
        # the overdue timers of incident reports; the compliance lines
        from zhengwu.reporting import actions, compliance  # noqa: F401
