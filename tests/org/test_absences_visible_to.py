"""Who may read an absence report (art. 58): the office, and those it is about, by, to or copied to."""

from __future__ import annotations

import pytest

from tests.org.conftest import D
from zhengwu.org.actions import report_absence
from zhengwu.org.services import absence_visible_to, absences_visible_to

pytestmark = pytest.mark.usefixtures("frozen")


@pytest.mark.article(58)
def test_the_office_and_everyone_told_see_the_report_others_do_not(user, person) -> None:
    absence = report_absence(user("vice_liu"), person("vice_liu"), D(2026, 12, 2), D(2026, 12, 4), "喀什", "trip")

    told = {p.user.username for p in absence.notified.select_related("user")}
    assert told == {"governor", "exec_vice", "vice_ayigul", "secretary_general"}
    for username in ["vice_liu", "governor", "vice_ayigul", "clerk_wendian", "admin"]:
        assert absence_visible_to(user(username), absence), username
        assert absence in absences_visible_to(user(username)), username
    for username in ["fgw_clerk", "czj_head", "atushi_head"]:
        assert not absence_visible_to(user(username), absence), username
        assert absence not in absences_visible_to(user(username)), username
