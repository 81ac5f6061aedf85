"""外出报备 (art. 58) and entrustment (art. 6) through the web pages."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine

from zhengwu.org.models import Absence, AbsenceState, ActingArrangement, Person, Position

pytestmark = pytest.mark.django_db

BEIJING = dt.timezone(dt.timedelta(hours=8))
TODAY = dt.datetime(2026, 6, 1, 9, tzinfo=BEIJING)


def _form(person: Person, **extra) -> dict:
    data = {
        "person": person.pk,
        "start": "2026-06-03",
        "end": "2026-06-05",
        "destination": "北京",
        "purpose": "trip",
        "reason": "汇报工作",
    }
    data.update(extra)
    return data


@pytest.mark.article(58)
@time_machine.travel(TODAY, tick=False)
def test_vice_governor_reports_own_absence(client_as):
    liu = Person.objects.get(user__username="vice_liu")
    c = client_as("vice_liu")
    assert "外出人员" in c.get("/absences/new/").content.decode()
    response = c.post("/absences/new/", _form(liu))
    assert response.status_code == 302
    absence = Absence.objects.get(person=liu, destination="北京")
    assert response["Location"] == f"/absences/{absence.pk}/"
    detail = c.get(response["Location"]).content.decode()
    assert "报告离州外出：刘振东" in detail  # the audit history
    assert "第五十八条" in detail
    assert "登记销假" not in detail  # not left yet (art. 58): nothing to 销假
    assert "北京" in c.get("/absences/").content.decode()


@pytest.mark.article(58)
@time_machine.travel(TODAY, tick=False)
def test_department_clerk_cannot_report_for_someone_else(client_as):
    liu = Person.objects.get(user__username="vice_liu")
    response = client_as("fgw_clerk").post("/absences/new/", _form(liu))
    assert response.status_code == 403
    body = response.content.decode()
    assert "您无权为他人登记" in body
    assert "第五十八条" in body
    assert not Absence.objects.filter(person=liu, destination="北京").exists()


@pytest.mark.article(58)
@time_machine.travel(TODAY, tick=False)
def test_office_staff_report_for_a_department_head(client_as):
    head = Person.objects.get(user__username="fgw_head")
    response = client_as("clerk_wendian").post("/absences/new/", _form(head))
    assert response.status_code == 302
    assert Absence.objects.filter(person=head, destination="北京").exists()
    # The office sees every report; the department clerk sees only their own.
    assert "周强" in client_as("clerk_wendian").get("/absences/").content.decode()
    assert "周强" not in client_as("fgw_clerk").get("/absences/").content.decode()


@pytest.mark.article(58)
@time_machine.travel(TODAY, tick=False)
def test_bad_dates_are_explained(client_as):
    liu = Person.objects.get(user__username="vice_liu")
    response = client_as("vice_liu").post("/absences/new/", _form(liu, start="2026-06-05", end="2026-06-03"))
    assert response.status_code in {400, 403}  # bad input (InvalidInput) or the rule's refusal
    assert not Absence.objects.filter(person=liu, destination="北京").exists()
    assert "预计返回日期不能早于离州日期" in response.content.decode()


@pytest.mark.article(6, 58)
@time_machine.travel(TODAY, tick=False)
def test_governor_entrusts_the_executive_vice_governor(client_as):
    governor = Person.objects.get(user__username="governor")
    c = client_as("governor")
    assert "委托常务副州长主持政府工作" in c.get("/absences/new/").content.decode()
    assert "委托常务副州长主持政府工作" not in client_as("vice_liu").get("/absences/new/").content.decode()
    response = c.post("/absences/new/", _form(governor, entrust="on"))
    assert response.status_code == 302
    absence = Absence.objects.get(person=governor, destination="北京")
    arrangement = ActingArrangement.objects.get(absence=absence)
    assert arrangement.acting.kind == "executive_vice_governor"
    assert arrangement.article == 6
    detail = c.get(f"/absences/{absence.pk}/").content.decode()
    assert "常务副州长代州长主持工作" in detail
    assert "委托常务副州长主持工作" in detail  # the entrustment's audit record


@pytest.mark.article(58)
def test_return_is_recorded_and_only_by_those_allowed(client_as):
    liu = Person.objects.get(user__username="vice_liu")
    with time_machine.travel(TODAY, tick=False):
        client_as("vice_liu").post("/absences/new/", _form(liu))
        absence = Absence.objects.get(person=liu, destination="北京")
    with time_machine.travel(dt.datetime(2026, 6, 5, 18, tzinfo=BEIJING), tick=False):
        hidden = client_as("fgw_clerk").post(f"/absences/{absence.pk}/", {"returned_on": "2026-06-05"})
        assert hidden.status_code == 404  # not reported to, by or about the clerk: not visible
        # The governor received the report (art. 58) but the return is recorded by vice_liu or the office.
        refused = client_as("governor").post(f"/absences/{absence.pk}/", {"returned_on": "2026-06-05"})
        assert refused.status_code == 403
        assert "第五十八条" in refused.content.decode()
        absence.refresh_from_db()
        assert absence.state == AbsenceState.REPORTED
        done = client_as("vice_liu").post(f"/absences/{absence.pk}/", {"returned_on": "2026-06-05"})
        assert done.status_code == 302
    absence.refresh_from_db()
    assert absence.state == AbsenceState.RETURNED
    page = client_as("vice_liu").get(f"/absences/{absence.pk}/").content.decode()
    assert "已销假" in page
    assert "销假：刘振东于2026-06-05返回" in page


# ------------------------------------------------------------------ acting arrangements later (arts. 6, 49)


def _reported(username: str) -> Absence:
    from zhengwu.org import actions

    who = Person.objects.get(user__username=username)
    return actions.report_absence(who.user, who, dt.date(2026, 6, 3), dt.date(2026, 6, 5), "北京", "trip")


@pytest.mark.article(6)
@time_machine.travel(TODAY, tick=False)
def test_governor_entrusts_later_from_the_absence_page_and_revokes(client_as):
    absence = _reported("governor")
    c = client_as("governor")
    page = c.get(f"/absences/{absence.pk}/").content.decode()
    assert "委托主持工作" in page
    executive = Position.objects.get(kind="executive_vice_governor")
    response = c.post(f"/absences/{absence.pk}/entrust/", {"acting": executive.pk})
    assert response.status_code == 302
    arrangement = ActingArrangement.objects.get(absence=absence)
    assert (arrangement.start, arrangement.end) == (dt.date(2026, 6, 3), dt.date(2026, 6, 5))
    page = c.get(f"/absences/{absence.pk}/").content.decode()
    assert "撤销委托" in page
    assert "委托常务副州长主持工作" in page  # the history
    assert client_as("clerk_wendian").post(f"/absences/{absence.pk}/acting/{arrangement.pk}/revoke/").status_code == 403
    response = c.post(f"/absences/{absence.pk}/acting/{arrangement.pk}/revoke/")
    assert response.status_code == 302
    arrangement.refresh_from_db()
    assert arrangement.revoked_at is not None
    assert "撤销委托：常务副州长不再代州长主持工作" in c.get(f"/absences/{absence.pk}/").content.decode()


@pytest.mark.article(49)
@time_machine.travel(TODAY, tick=False)
def test_unit_head_names_the_deputy_on_the_absence_page(client_as):
    absence = _reported("fgw_head")
    c = client_as("fgw_head")
    page = c.get(f"/absences/{absence.pk}/").content.decode()
    assert "可指定本单位副职代理" in page
    deputy = Position.objects.get(appointments__person__user__username="fgw_deputy")
    clerk = Position.objects.get(appointments__person__user__username="fgw_clerk")
    assert c.post(f"/absences/{absence.pk}/entrust/", {"acting": clerk.pk}).status_code == 400  # not offered
    assert c.post(f"/absences/{absence.pk}/entrust/", {"acting": deputy.pk}).status_code == 302
    assert ActingArrangement.objects.get(absence=absence).acting == deputy


@pytest.mark.article(6)
@time_machine.travel(TODAY, tick=False)
def test_the_office_sees_no_entrust_form_and_is_refused(client_as):
    absence = _reported("governor")
    c = client_as("clerk_wendian")
    assert "委托主持工作</button>" not in c.get(f"/absences/{absence.pk}/").content.decode()
    executive = Position.objects.get(kind="executive_vice_governor")
    response = c.post(f"/absences/{absence.pk}/entrust/", {"acting": executive.pk})
    assert response.status_code == 403
    assert "只有州长本人可以委托他人主持政府工作（《工作规则》第六条）" in response.content.decode()
    assert not ActingArrangement.objects.filter(absence=absence).exists()
