from django.apps import AppConfig


class DocumentsConfig(AppConfig):
    name = "zhengwu.documents"
    label = "documents"
    verbose_name = "公文"

