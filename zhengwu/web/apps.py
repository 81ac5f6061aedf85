from django.apps import AppConfig
from django.utils.module_loading import autodiscover_modules


class WebConfig(AppConfig):
    name = "zhengwu.web"
    label = "web"
    verbose_name = "工作台"

    def ready(self) -> None:
        # every app's workbench panels (``<app>/panels.py``, registered with zhengwu.core.workbench)
        autodiscover_modules("panels")
