from django.apps import AppConfig


class DocumentsConfig(AppConfig):
    name = "zhengwu.documents"
    label = "documents"
    verbose_name = "公文"

    def ready(self) -> None:
        # registers the timers: the countersign deadline (art. 50), the filing reminder and deadline (art. 49);
        # the compliance lines of countersigns and filings (art. 63)
        from zhengwu.documents import compliance  # noqa: F401
        from zhengwu.documents.actions import countersign, filing
        from zhengwu.workdays import dependents

        # deadlines recomputed when the calendar changes (a year's schedule arrives, a local holiday)
        dependents.register("documents.countersign", countersign.recompute_dues)
        dependents.register("documents.filing", filing.recompute_dues)
