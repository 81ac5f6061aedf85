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

        from django.db.models.signals import pre_save

        from zhengwu.core import text_checks

        # Lengths enforced alike on SQLite and PostgreSQL; no bidirectional controls in any text.
        pre_save.connect(text_checks.before_save, dispatch_uid="zhengwu.core.text_checks")
