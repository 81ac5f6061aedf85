from django.apps import AppConfig


class WebConfig(AppConfig):
    name = "zhengwu.web"
    label = "web"
    verbose_name = "工作台"
