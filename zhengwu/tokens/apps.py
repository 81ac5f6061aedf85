from django.apps import AppConfig


class TokensConfig(AppConfig):
    name = "zhengwu.tokens"
    label = "tokens"
    verbose_name = "访问令牌"
