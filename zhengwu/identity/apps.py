from typing import Any

from django.apps import AppConfig


class IdentityConfig(AppConfig):
    name = "zhengwu.identity"
    label = "identity"
    verbose_name = "身份鉴别"

    def ready(self) -> None:
        from django.contrib.auth.signals import user_logged_in

        from zhengwu.identity.services import on_login

        def started(sender: Any, request: Any, user: Any, **kwargs: Any) -> None:
            on_login(request, user)

        # weak=False: the receiver is a closure that nothing else holds; a weak reference would let it
        # be collected at once, and no sign-in would start its idle clock or read its password flag
        user_logged_in.connect(started, dispatch_uid="zhengwu.identity.on_login", weak=False)
