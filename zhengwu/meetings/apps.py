"""Meetings (arts. 24-25, 28, 37-47):
meeting types, agenda topics, attendance, minutes, decisions and their follow-ups, prefecture-wide meeting requests.
"""

from django.apps import AppConfig


class MeetingsConfig(AppConfig):
    name = "zhengwu.meetings"
    label = "meetings"
    verbose_name = "会议"

    def ready(self) -> None:
        # the document-due timer (art. 42) and the compliance provider; the workbench panel is meetings/panels.py
        from zhengwu.meetings import services  # noqa: F401
        from zhengwu.meetings.actions import minutes
        from zhengwu.workdays import dependents

        dependents.register("meetings.follow_ups", minutes.recompute_dues)  # decided documents, publication

    def load_demo(self) -> bool:
        from zhengwu.meetings.demo import load_demo

        return load_demo()
