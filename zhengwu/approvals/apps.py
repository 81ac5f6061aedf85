from django.apps import AppConfig


class ApprovalsConfig(AppConfig):
    name = "zhengwu.approvals"
    label = "approvals"
    verbose_name = "报批事项"

    def ready(self) -> None:
        # the report's reminder and overdue timers; the compliance lines (the workbench panel: panels.py)
        from zhengwu.approvals import actions, compliance  # noqa: F401
        from zhengwu.workdays import dependents

        dependents.register("approvals.delegation_report", actions.recompute_dues)

    def load_demo(self) -> bool:
        from zhengwu.approvals.demo import load_demo

        return load_demo()
