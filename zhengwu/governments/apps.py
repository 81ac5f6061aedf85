from django.apps import AppConfig


class GovernmentsConfig(AppConfig):
    """The governments shipped as configuration, and the check of what an installation still lacks."""

    name = "zhengwu.governments"
    label = "governments"
    verbose_name = "政府配置"
