"""Supervision (督查督办, arts. 26, 36, 54, 63):
items with lead and co-units, progress reports, verification, rectification, circulars;
the platform-wide compliance view.
"""

from django.apps import AppConfig


class SupervisionConfig(AppConfig):
    name = "zhengwu.supervision"
    label = "supervision"
    verbose_name = "督查督办"

    def ready(self) -> None:
        # the timers (reminders, overdue, escalation), the compliance lines (the workbench panel: panels.py)
        from zhengwu.supervision import actions, compliance  # noqa: F401
        from zhengwu.workdays import dependents

        dependents.register("supervision.reports", actions.recompute_dues)  # report dates, reminders, escalation

    def load_demo(self) -> bool:
        from zhengwu.supervision.demo import load_demo

        return load_demo()
