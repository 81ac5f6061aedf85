from django.apps import AppConfig


class OrgConfig(AppConfig):
    name = "zhengwu.org"
    label = "org"
    verbose_name = "组织机构"

    def ready(self) -> None:
        from zhengwu.org import actions  # noqa: F401 - registers the absence timer handler
