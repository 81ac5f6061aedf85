from django.apps import AppConfig


class RulebookConfig(AppConfig):
    name = "zhengwu.rulebook"
    label = "rulebook"
    verbose_name = "工作规则"
