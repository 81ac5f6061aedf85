"""Public disclosure (arts. 27-30, 《政府信息公开条例》):
the publication queue, the public portal, search, feeds, applications for disclosure.
"""

from django.apps import AppConfig


class PortalConfig(AppConfig):
    name = "zhengwu.portal"
    label = "portal"
    verbose_name = "政务公开"

    def ready(self) -> None:
        # the application timers (reminder, overdue), the compliance lines (the workbench panel: panels.py)
        from zhengwu.portal import actions, compliance  # noqa: F401
        from zhengwu.workdays import dependents

        dependents.register("portal.dues", actions.recompute_dues)  # publication and answer dates on the calendar

    def load_demo(self) -> bool:
        from zhengwu.portal.demo import load_demo

        return load_demo()
