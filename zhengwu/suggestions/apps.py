from django.apps import AppConfig


class SuggestionsConfig(AppConfig):
    name = "zhengwu.suggestions"
    label = "suggestions"
    verbose_name = "建议提案"
