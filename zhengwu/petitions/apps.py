from django.apps import AppConfig


class PetitionsConfig(AppConfig):
    name = "zhengwu.petitions"
    label = "petitions"
    verbose_name = "信访"

    def ready(self) -> None:
        # the reminder and overdue timers of each limit; the compliance lines (the workbench panel: panels.py)
        from zhengwu.audit import visibility
        from zhengwu.petitions import actions, compliance  # noqa: F401
        from zhengwu.petitions.selectors import petitions_visible_to
        from zhengwu.workdays import dependents

        dependents.register("petitions.limits", actions.recompute_dues)  # 受理告知, 办结, 复查, 复核
        # A case's records in the audit trail: only for those who may see the case (《信访工作条例》).
        visibility.withhold("petitions.petition", lambda user, day: petitions_visible_to(user))

    def load_demo(self) -> bool:
        from zhengwu.petitions.demo import load_demo

        return load_demo()
