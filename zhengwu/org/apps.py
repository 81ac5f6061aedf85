from django.apps import AppConfig


class OrgConfig(AppConfig):
    name = "zhengwu.org"
    label = "org"
    verbose_name = "组织机构"

    def ready(self) -> None:
        from zhengwu.audit import services as audit
        from zhengwu.core import administration
        from zhengwu.org import (
            actions,  # noqa: F401 - registers the absence timer handler
            admin_actions,  # noqa: F401 - registers the account-closing timer handler
        )
        from zhengwu.org.services import administers, describe

        audit.describe_actors_with(describe)  # the trail names each actor as the organization knows them
        administration.answered_by(administers)  # the rulebook and the calendar ask who administers them
