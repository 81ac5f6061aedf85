from django.apps import AppConfig


class SuggestionsConfig(AppConfig):
    name = "zhengwu.suggestions"
    label = "suggestions"
    verbose_name = "建议提案"

    def ready(self) -> None:
        # the reminder and overdue timers; the compliance lines (the workbench panel: panels.py)
        from zhengwu.suggestions import actions, compliance  # noqa: F401
        from zhengwu.workdays import dependents

        dependents.register("suggestions.limits", actions.recompute_dues)  # answer and co-unit opinion limits

    def load_demo(self) -> bool:
        from zhengwu.suggestions.demo import load_demo

        return load_demo()
