"""``zhengwu demo``: load the demo government (idempotent) and print its accounts."""

from __future__ import annotations

from typing import Any

from django.apps import apps
from django.core.management.base import BaseCommand
from django.db import transaction

from zhengwu.audit import services as audit
from zhengwu.org.demo import ACCOUNTS, DEMO_PASSWORD, UNITS, load_demo_government
from zhengwu.org.models import Person
from zhengwu.rulebook import annotations as rulebook_notes
from zhengwu.rulebook.actions import apply_annotations, import_version
from zhengwu.rulebook.models import RulebookVersion
from zhengwu.workdays.actions import seed_official
from zhengwu.workdays.arith import UnknownYearError


@transaction.atomic
def load_demo(skipped: list[str] | None = None) -> bool:
    """Calendar, rulebook and government, then each area's demo material; True when anything was created.

    Areas whose demo material could not be loaded (their dates fall in a year with no calendar) are
    appended to ``skipped``.
    """
    skipped = skipped if skipped is not None else []
    created = bool(seed_official(None))
    notes = rulebook_notes.load()
    assert notes.text_file is not None
    assert notes.effective_from is not None
    if not RulebookVersion.objects.filter(code=notes.code).exists():
        import_version(None, notes.text_file.read_text(encoding="utf-8"), notes.effective_from, notes)
        created = True
    else:  # a newer release may annotate more of the rules: bring the stored version up to date
        version = RulebookVersion.objects.get(code=notes.code, effective_from=notes.effective_from)
        changed = apply_annotations(version, notes)
        if changed:
            audit.record(
                actor=None,
                action="rulebook.annotations.update",
                target=version,
                summary=f"按随版本发布的注释更新{version}：{'、'.join(changed)}",
                details={"changed": changed},
            )
            created = True
    had_people = Person.objects.filter(is_demo=True).count()
    load_demo_government()
    if Person.objects.filter(is_demo=True).count() != had_people:
        audit.record(
            actor=None,
            action="demo.load",
            summary="载入演示政府（虚构人员，仅供演示）",
            details={"accounts": [a.username for a in ACCOUNTS]},
        )
        created = True
    # Areas add their own demo material (meetings on the calendar, cases in the registers…):
    # an app whose AppConfig has ``load_demo()`` (idempotent; returns True when it created anything).
    # A hook whose material needs a year the calendar has no schedule for yet is skipped, whole
    # (its own savepoint), and named: the rest of the demo still loads.
    for config in apps.get_app_configs():
        hook = getattr(config, "load_demo", None)
        if hook is None:
            continue
        try:
            with transaction.atomic():
                if hook():
                    created = True
        except UnknownYearError as exc:
            skipped.append(f"{config.verbose_name}：{exc}")
    return created


class Command(BaseCommand):
    help = "Load the demo government (calendar, rulebook, units, people, accounts); safe to run again."

    def handle(self, *args: Any, **options: Any) -> None:
        skipped: list[str] = []
        created = load_demo(skipped)
        self.stdout.write("演示政府已载入。" if created else "演示政府已存在，未作改动。")
        for line in skipped:
            self.stderr.write(f"未载入的演示材料（请先录入该年度工作日安排）：{line}")
        self.stdout.write(f"演示账号（密码均为 {DEMO_PASSWORD}，人员均为虚构）：")
        unit_names = {u[0]: u[2] for u in UNITS}
        for account in ACCOUNTS:
            unit = unit_names[account.unit]
            self.stdout.write(f"  {account.username:<18} {account.name}（{unit}{account.title}）")
