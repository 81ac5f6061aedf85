from django.apps import AppConfig


class DocumentsConfig(AppConfig):
    name = "zhengwu.documents"
    label = "documents"
    verbose_name = "公文"

    def ready(self) -> None:
        from zhengwu.documents.actions import countersign  # noqa: F401 - registers the countersign deadline timer
