"""``zhengwu government check``: what an installation still lacks before it can go live (issue 16)."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import pytest
from django.core.management import call_command
from django.test import override_settings

from zhengwu.core import government
from zhengwu.governments import readiness
from zhengwu.org.models import Appointment, Portfolio, Unit
from zhengwu.org.services import organization_changed
from zhengwu.workdays.models import CalendarYear

DAY = dt.date(2026, 6, 15)


def run_check(day: dt.date = DAY) -> tuple[int, str]:
    out = io.StringIO()
    try:
        call_command("government", "check", "--date", day.isoformat(), stdout=out)
    except SystemExit as exit_:
        return int(exit_.code or 0), out.getvalue()
    return 0, out.getvalue()


@pytest.mark.django_db
def test_the_demo_government_lacks_nothing_and_the_command_says_so():
    assert readiness.gaps(DAY) == []
    status, text = run_check()
    assert status == 0
    assert "可以上线" in text


@pytest.mark.django_db
def test_a_vacant_first_seat_is_named_with_the_governments_own_title_and_how_to_fill_it():
    Appointment.objects.filter(position__kind="governor").update(end=DAY - dt.timedelta(days=1))
    organization_changed()  # a bulk update sends no signals
    status, text = run_check()
    assert status == 1
    governor = government.current().terms().governor
    assert f"没有人担任{governor}" in text
    assert "zhengwu org appoint" in text
    gaps = readiness.gaps(DAY)
    assert [g.area for g in gaps] == ["职务"]
    assert "（《工作规则》第" in gaps[0].problem  # why: the signing table of the rulebook in force


@pytest.mark.django_db
def test_a_department_without_a_portfolio_leader_and_a_government_without_a_prefix_are_reported():
    fgw = Unit.objects.get(code="fgw")
    for portfolio in Portfolio.objects.filter(units=fgw):
        portfolio.units.remove(fgw)
    Unit.objects.filter(code="gov").update(doc_prefix="")
    organization_changed()
    areas = {(g.area, g.fix.split()[0]) for g in readiness.gaps(DAY)}
    assert ("分管", "zhengwu") in areas
    assert any(g.area == "发文字号" and "gov" in g.fix for g in readiness.gaps(DAY))
    assert any(fgw.name in g.problem for g in readiness.gaps(DAY) if g.area == "分管")


@pytest.mark.django_db
def test_a_missing_or_provisional_calendar_year_is_reported():
    CalendarYear.objects.filter(year=2026).delete()
    assert [g.area for g in readiness.gaps(DAY)] == ["工作日"]
    assert "2026" in readiness.gaps(DAY)[0].problem
    # from November the coming year must be there too, and official
    late = dt.date(2026, 11, 20)
    CalendarYear.objects.filter(year=2027).update(provisional=True)
    assert any("2027" in g.problem and g.area == "工作日" for g in readiness.gaps(late))


@pytest.mark.django_db
def test_a_configuration_missing_names_and_numbering_says_which_key_to_write(tmp_path: Path):
    (tmp_path / "government.toml").write_text(
        '[government]\nslug = "x"\nname = "某县人民政府"\nlevel = "county"\n'
        '[numbering]\npattern = "{prefix}{serial}号"\ncategories = { fa = "发" }\n'
        '[terms]\ngovernor = "县长"\n',
        encoding="utf-8",
    )
    with override_settings(ZHENGWU_GOVERNMENT=str(tmp_path)):
        config_gaps = readiness.configuration_gaps()
    problems = " ".join(g.problem for g in config_gaps)
    assert "executive_vice_governor" in problems
    assert "{year}" in problems
    assert "ban_fa" in problems
    assert "rules.toml" in problems  # the rulebook annotations it names do not exist
    assert all(g.area in {"配置", "发文字号"} and g.fix for g in config_gaps)


def test_use_records_the_government_for_later_commands_and_refuses_an_unknown_one(tmp_path: Path, monkeypatch):
    from django.core.management.base import CommandError

    monkeypatch.setenv("ZHENGWU_VAR_DIR", str(tmp_path))
    monkeypatch.delenv("ZHENGWU_GOVERNMENT", raising=False)
    out = io.StringIO()
    call_command("government", "use", "kizilsu", stdout=out)
    assert government.recorded_choice(tmp_path) == "kizilsu"
    with pytest.raises(CommandError, match="找不到政府配置"):
        call_command("government", "use", "no-such-government", stdout=out)
    assert government.recorded_choice(tmp_path) == "kizilsu"  # unchanged


def test_list_and_show_name_the_shipped_and_the_configured_government():
    out = io.StringIO()
    call_command("government", "list", stdout=out)
    assert "kizilsu" in out.getvalue()
    out = io.StringIO()
    call_command("government", "show", stdout=out)
    assert government.current().name in out.getvalue()
    assert f"governor{' ' * 18} {government.current().terms().governor}" in out.getvalue()
