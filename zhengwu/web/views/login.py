"""登录: Django's login view with the demo-accounts hint on demo and development installations."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.auth.views import LoginView


class StaffLoginView(LoginView):
    template_name = "web/login.html"
    redirect_authenticated_user = True

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["show_demo_hint"] = getattr(settings, "PROFILE", "") in ("demo", "development")
        return context
