"""Planning meetings: who chairs, who calls topic meetings, who is invited (arts. 37-39, 43, 47)."""

from __future__ import annotations

import pytest

from tests.meetings.conftest import MEETING_DAY, away, person, unit
from zhengwu.audit.models import AuditRecord
from zhengwu.core.decisions import InvalidInput, Refused
from zhengwu.meetings import actions, selectors
from zhengwu.meetings.models import Meeting, MeetingState, Role


@pytest.mark.article(39)
def test_office_plans_an_executive_meeting_chaired_by_the_governor_with_the_leaders_invited(user, frozen):
    m = actions.create_meeting(user("clerk_huiwu"), kind="executive", title="常务会议", date=MEETING_DAY)
    assert m.chair == person("governor")
    members = {i.person.user.username for i in m.invitations.filter(role=Role.MEMBER)}
    assert members == {"governor", "exec_vice", "vice_liu", "vice_ayigul", "secretary_general"}
    assert AuditRecord.objects.filter(action="meetings.create").exists()


@pytest.mark.article(38)
def test_plenary_invites_component_department_heads(user, frozen):
    m = actions.create_meeting(user("clerk_huiwu"), kind="plenary", title="全体会议", date=MEETING_DAY)
    members = {i.person.user.username for i in m.invitations.all()}
    assert {"governor", "fgw_head", "czj_head", "jyj_head"} <= members
    assert "xfj_head" not in members  # 信访局 is a directly affiliated unit, not a component department


@pytest.mark.article(39)
def test_a_department_may_not_plan_an_executive_meeting(user, frozen):
    with pytest.raises(Refused) as exc:
        actions.create_meeting(user("fgw_head"), kind="executive", title="常务会议", date=MEETING_DAY)
    assert exc.value.decisions[0].citation.article == 39
    assert not Meeting.objects.filter(title="常务会议").exists()


@pytest.mark.article(39)
def test_the_executive_vice_governor_chairs_while_entrusted(user, frozen):
    from zhengwu.org.actions import report_absence
    from zhengwu.org.services import executive_vice_governor_position

    report_absence(
        user("governor"),
        person("governor"),
        MEETING_DAY,
        MEETING_DAY,
        "北京",
        "trip",
        entrust_to=executive_vice_governor_position(),
    )
    m = actions.create_meeting(user("clerk_huiwu"), kind="executive", title="常务会议", date=MEETING_DAY)
    assert m.chair == person("exec_vice")


@pytest.mark.article(43)
def test_a_vice_governor_calls_a_topic_meeting_within_the_portfolio_only(user, frozen):
    m = actions.create_meeting(user("vice_liu"), kind="topic", title="项目推进会", date=MEETING_DAY, unit=unit("fgw"))
    assert m.chair == person("vice_liu")
    assert m.state == MeetingState.PLANNED
    assert m.invitations.filter(person=person("fgw_head")).exists()
    with pytest.raises(Refused) as exc:
        actions.create_meeting(user("vice_liu"), kind="topic", title="教育专题会", date=MEETING_DAY, unit=unit("jyj"))
    assert exc.value.decisions[0].citation.article == 43
    with pytest.raises(Refused):
        actions.create_meeting(user("fgw_head"), kind="topic", title="部门会", date=MEETING_DAY, unit=unit("fgw"))


@pytest.mark.article(43)
def test_a_decision_making_topic_meeting_waits_for_the_governors_consent(user, frozen):
    m = actions.create_meeting(
        user("vice_liu"), kind="topic", title="决策专题会", date=MEETING_DAY, unit=unit("fgw"), decision_making=True
    )
    assert m.state == MeetingState.PROPOSED
    assert not m.invitations.exists()
    with pytest.raises(Refused):
        actions.consent(user("vice_liu"), m)
    actions.consent(user("governor"), m)
    m.refresh_from_db()
    assert m.state == MeetingState.PLANNED
    assert m.consent_by == person("governor")
    assert m.invitations.exists()
    assert m.transitions.get().article == 43


@pytest.mark.article(43)
def test_a_decision_making_topic_meeting_is_not_held_without_consent_and_the_refusal_cites_article_43(user, frozen):
    m = actions.create_meeting(
        user("vice_liu"), kind="topic", title="决策专题会", date=MEETING_DAY, unit=unit("fgw"), decision_making=True
    )
    frozen.move_to("2026-11-12 09:00 +0800")
    with pytest.raises(Refused) as exc:
        actions.hold(user("clerk_huiwu"), m)
    assert [d.citation.article for d in exc.value.decisions] == [43]
    assert "州长同意" in exc.value.decisions[0].explanation
    m.refresh_from_db()
    assert m.state == MeetingState.PROPOSED
    assert not m.transitions.exists()
    acts = selectors.available_actions(user("clerk_huiwu"), m)
    assert acts["hold"].citation.article == 43
    assert acts["collect"].citation.article == 43  # held back, not an agenda matter (art. 40)
    assert acts["roll_call"].citation.article == 43


@pytest.mark.article(47)
def test_a_study_session_needs_its_theme(user, frozen):
    with pytest.raises(InvalidInput):
        actions.create_meeting(user("clerk_huiwu"), kind="study", title="专题学习", date=MEETING_DAY)
    m = actions.create_meeting(
        user("clerk_huiwu"), kind="study", title="专题学习", date=MEETING_DAY, study_topic="民法典"
    )
    assert m.chair == person("governor")


def test_the_governor_away_without_entrustment_still_chairs(user, frozen):
    away("governor", MEETING_DAY, MEETING_DAY)
    m = actions.create_meeting(user("clerk_huiwu"), kind="office", title="州长办公会议", date=MEETING_DAY)
    assert m.chair == person("governor")
