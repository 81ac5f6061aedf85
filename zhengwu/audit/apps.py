from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "zhengwu.audit"
    label = "audit"
    verbose_name = "审计记录"

    def ready(self) -> None:
        from zhengwu.audit import security

        security.connect()
