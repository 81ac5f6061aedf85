from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "zhengwu.core"
    label = "core"
    verbose_name = "核心"

    def ready(self) -> None:
        from zhengwu.core import checks  # noqa: F401 - registers the system checks
