from typing import Any

from django.apps import AppConfig


class IdentityConfig(AppConfig):
    name = "zhengwu.identity"
    label = "identity"
    verbose_name = "身份鉴别"

    def ready(self) -> None:
        from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed

        from zhengwu.identity.services import clear_login_failures, login_failed, on_login, on_logout

        def started(sender: Any, request: Any, user: Any, **kwargs: Any) -> None:
            on_login(request, user)
            clear_login_failures(user)

        def ended(sender: Any, request: Any, user: Any, **kwargs: Any) -> None:
            on_logout(request)

        def failed(sender: Any, credentials: dict[str, Any], request: Any = None, **kwargs: Any) -> None:
            login_failed(str(credentials.get("username", ""))[:150], request)

        # weak=False: the receivers are local functions, which a weak reference would let go at once
        user_logged_in.connect(started, dispatch_uid="zhengwu.identity.on_login", weak=False)
        user_login_failed.connect(failed, dispatch_uid="zhengwu.identity.login_failed", weak=False)
        user_logged_out.connect(ended, dispatch_uid="zhengwu.identity.on_logout", weak=False)

        from zhengwu.identity.services import close_sessions, close_tokens
        from zhengwu.org import account_hooks

        account_hooks.register("identity.tokens", close_tokens)
        account_hooks.register("identity.sessions", close_sessions)
