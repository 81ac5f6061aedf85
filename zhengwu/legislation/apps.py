from django.apps import AppConfig


class LegislationConfig(AppConfig):
    name = "zhengwu.legislation"
    label = "legislation"
    verbose_name = "规章和规范性文件"
