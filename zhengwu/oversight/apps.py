from django.apps import AppConfig


class OversightConfig(AppConfig):
    name = "zhengwu.oversight"
    label = "oversight"
    verbose_name = "复议诉讼审计"

    def ready(self) -> None:
        # the reminder and overdue timers; the compliance lines (the workbench panel: panels.py)
        from zhengwu.oversight import actions, compliance  # noqa: F401
        from zhengwu.workdays import dependents

        dependents.register("oversight.limits", actions.recompute_dues)  # answer, defence, decision limits

    def load_demo(self) -> bool:
        from zhengwu.oversight.demo import load_demo

        return load_demo()
