from django.apps import AppConfig


class LegislationConfig(AppConfig):
    name = "zhengwu.legislation"
    label = "legislation"
    verbose_name = "规章和规范性文件"

    def ready(self) -> None:
        # the timers: comment close, filing reminder/overdue, evaluation reminder/overdue
        from zhengwu.core import compliance
        from zhengwu.legislation import services
        from zhengwu.legislation.actions import after, comments  # noqa: F401
        from zhengwu.meetings import guards
        from zhengwu.workdays import dependents

        dependents.register("legislation.dues", after.recompute_dues)  # comment, consultation, filing, evaluation

        guards.register("legislation.legality_review")(services.topic_refusals)
        compliance.register("legislation")(services.compliance_lines)

    def load_demo(self) -> bool:
        from zhengwu.legislation.demo import load_demo

        return load_demo()
