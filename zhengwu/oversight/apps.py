from django.apps import AppConfig


class OversightConfig(AppConfig):
    name = "zhengwu.oversight"
    label = "oversight"
    verbose_name = "复议诉讼审计"
