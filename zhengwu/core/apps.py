from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "zhengwu.core"
    label = "core"
    verbose_name = "核心"

    def ready(self) -> None:
        from django.utils.translation import get_language, gettext

        from zhengwu.core import (
            checks,  # noqa: F401 - registers the system checks
            i18n,
        )

        i18n.install(gettext, get_language)
