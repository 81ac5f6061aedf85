"""三权分立 (GB/T 22239-2019 8.1.5): the system administrator (`admin`, 高志远), the security
administrator (`security_admin`, 帕提古丽·阿不力孜) and the audit administrator (`audit_admin`,
宋文博) each do their own work and are refused the others' (403, recorded as a refusal); no one holds
two of the three seats; each administrator's own acts are in the trail the audit administrator reads;
a Django superuser with no seat is granted nothing."""

from __future__ import annotations

import csv
import datetime as dt
import io

import pytest

from zhengwu.audit.models import AuditRecord
from zhengwu.audit.services import action_records
from zhengwu.core.decisions import Refused
from zhengwu.org import rules
from zhengwu.org.models import Appointment, Person, Position, Unit
from zhengwu.org.rules import AppointmentFact, PositionFact
from zhengwu.tokens.services import create_token, revoke_token

pytestmark = pytest.mark.article(61)

ADMINS = ("admin", "security_admin", "audit_admin")
YEAR_2027 = {"holidays": "2027-01-01, 2027-02-05..2027-02-11", "makeup": "2027-02-14", "note": "测试"}
UNIT = {"code": "tjj", "name": "克孜勒苏柯尔克孜自治州统计局", "kind": "department", "parent": "gov"}


def _head() -> int:
    last = AuditRecord.objects.order_by("-seq").first()
    return last.seq if last else 0


def _refusals_since(seq: int, username: str) -> list[AuditRecord]:
    return list(
        AuditRecord.objects.filter(seq__gt=seq, action="security.refused", actor__username=username).order_by("seq")
    )


def _position(kind: str) -> Position:
    return Position.objects.get(kind=kind, unit__code="office")


def _fact(kind: str, pid: int = 1) -> PositionFact:
    return PositionFact(pid, kind, rules.ADMIN_TITLES.get(kind, kind), 2, "office", "州政府办公室")


# ---------------------------------------------------------------- the demo's three administrators


def test_the_demo_has_three_named_people_in_the_three_seats(db) -> None:
    today = dt.date.today()
    holders = {}
    for kind in rules.ADMINISTRATORS:
        active = Appointment.objects.filter(position__kind=kind, start__lte=today, end__isnull=True)
        holders[kind] = {a.person.user.username: a.person.name for a in active}
    assert holders == {
        "administrator": {"admin": "高志远"},
        "security_administrator": {"security_admin": "帕提古丽·阿不力孜"},
        "audit_administrator": {"audit_admin": "宋文博"},
    }


@pytest.mark.parametrize("username", ADMINS)
def test_each_administrator_holds_one_seat_and_api_me_says_which(api_as, username) -> None:
    body = api_as(username).get("/me").json()
    assert len(body["admin_roles"]) == 1
    assert body["is_admin"] is (username == "admin")


# ---------------------------------------------------------------- the rules


def test_no_one_holds_two_administrators_seats(kizilsu) -> None:
    start = dt.date(2026, 7, 1)
    holds_system = [AppointmentFact(7, "甲", _fact("administrator"), dt.date(2023, 1, 1))]
    refused = rules.check_admin_separation(_fact("audit_administrator", 2), 7, start, None, holds_system, kizilsu)
    assert not refused.allowed
    assert refused.code == "admin.separation"
    assert refused.citation.article == 61
    assert refused.citation.provision == "admin.separation"
    assert "GB/T 22239-2019 8.1.5" in refused.message
    assert "不能同时担任安全审计员" in refused.message
    # the same kind twice, an ordinary seat, another person, a seat that ended before: not a clash
    assert rules.check_admin_separation(_fact("administrator", 3), 7, start, None, holds_system, kizilsu).allowed
    assert rules.check_admin_separation(_fact("clerk", 4), 7, start, None, holds_system, kizilsu).allowed
    assert rules.check_admin_separation(_fact("audit_administrator", 2), 8, start, None, holds_system, kizilsu).allowed
    ended = [AppointmentFact(7, "甲", _fact("administrator"), dt.date(2023, 1, 1), dt.date(2026, 6, 30))]
    assert rules.check_admin_separation(_fact("audit_administrator", 2), 7, start, None, ended, kizilsu).allowed


def test_each_seat_grants_its_own_work_only(kizilsu) -> None:
    system, security, auditor = (
        [_fact("administrator")],
        [_fact("security_administrator")],
        [_fact("audit_administrator")],
    )
    assert [rules.may_administer_org(p, kizilsu).allowed for p in (system, security, auditor)] == [True, False, False]
    assert [rules.may_administer(p).allowed for p in (system, security, auditor)] == [True, False, False]
    assert [rules.may_administer_security(p, kizilsu).allowed for p in (system, security, auditor)] == [
        False,
        True,
        False,
    ]
    cite = kizilsu.cite("confidentiality")
    assert [rules.may_read_audit(p, cite).allowed for p in (system, security, auditor)] == [False, False, True]
    assert rules.may_read_audit(system, cite).code == "audit.separated"
    # a superuser flag is no argument any more: no seat, no grant
    assert not rules.may_administer_org([], kizilsu).allowed
    assert not rules.may_read_audit([], cite).allowed


# ---------------------------------------------------------------- the system administrator


def test_system_administrator_is_refused_the_audit_trail(client_as, api_as) -> None:
    start = _head()
    page = client_as("admin").get("/audit/")
    assert page.status_code == 403
    assert "系统管理员不能查阅或导出审计记录" in page.content.decode()
    api = api_as("admin")
    records = api.get("/audit/records")
    assert records.status_code == 403
    assert records.json()["decisions"][0]["code"] == "audit.separated"
    assert api.post("/audit/export").status_code == 403
    assert api.post("/audit/verify").status_code == 403
    assert client_as("admin").post("/audit/export/").status_code == 403
    refusals = _refusals_since(start, "admin")
    assert len(refusals) == 5
    assert {r.details["codes"][0] for r in refusals} == {"audit.separated"}
    assert refusals[0].article == 61
    assert not action_records().filter(seq__gt=start, action="audit.export").exists()


def test_system_administrator_is_refused_the_security_administrators_work(api_as, person, user) -> None:
    start = _head()
    api = api_as("admin")
    clerk = person("fgw_clerk")
    reset = api.post(f"/org/people/{clerk.pk}/password", {})
    assert reset.status_code == 403
    assert reset.json()["decisions"][0]["code"] == "admin.security_required"
    assert "temporary_password" not in reset.content.decode()
    assert api.post(f"/org/people/{clerk.pk}/second-factor/reset").status_code == 403
    token = create_token(clerk.user, "数据报送")
    with pytest.raises(Refused):
        revoke_token(user("admin"), token.token)
    assert api.post(f"/org/people/{clerk.pk}/tokens/revoke").status_code == 403
    # nor may the system administrator choose who holds an administrator's seat
    newcomer = api.post("/org/people", {"name": "新审计员", "username": "new_auditor"}).json()["person"]["id"]
    appointed = api.post(
        "/org/appointments",
        {"person_id": newcomer, "position_id": _position("audit_administrator").pk, "start": "2026-07-01"},
    )
    assert appointed.status_code == 403
    assert appointed.json()["decisions"][0]["code"] == "admin.security_required"
    assert [r.details["codes"][0] for r in _refusals_since(start, "admin")] == ["admin.security_required"] * 4


def test_system_administrator_is_refused_petitioners_identity(user) -> None:
    from tests.petitions.conftest import PETITIONER
    from zhengwu.petitions.actions import register, view_petitioner

    petition = register(
        user("xfj_head"),
        channel="letter",
        received_on=dt.date(2026, 6, 15),
        summary="反映某中学食堂卫生问题。",
        unit_concerned=Unit.objects.get(code="jyj"),
        petitioner=PETITIONER,
    )
    for username in ADMINS:
        with pytest.raises(Refused) as refused:
            view_petitioner(user(username), petition)
        assert refused.value.decisions[0].code == "petitions.data_hidden"


# ---------------------------------------------------------------- the security administrator


def test_security_administrator_resets_and_revokes(api_as, person, user) -> None:
    api = api_as("security_admin")
    clerk = person("fgw_clerk")
    reset = api.post(f"/org/people/{clerk.pk}/password", {})
    assert reset.status_code == 200
    assert len(reset.json()["temporary_password"]) == 14
    assert api.post(f"/org/people/{clerk.pk}/second-factor/reset").status_code == 200
    token = create_token(user("vice_liu"), "数据报送")
    assert revoke_token(user("security_admin"), token.token).revoked_at is not None
    create_token(clerk.user, "数据报送")
    create_token(clerk.user, "统计报表")
    revoked = api.post(f"/org/people/{clerk.pk}/tokens/revoke")
    assert revoked.status_code == 200
    assert revoked.json()["tokens_revoked"] == 2
    record = AuditRecord.objects.filter(action="tokens.revoke_all").order_by("seq").last()
    assert (record.actor.username, record.details["reason"]) == ("security_admin", "security")
    assert record.summary == "因安全管理员决定撤销fgw_clerk的全部访问令牌（2个）"


def test_security_administrator_is_refused_the_others_work(api_as, client_as) -> None:
    start = _head()
    api = api_as("security_admin")
    assert api.post("/org/units", UNIT).status_code == 403
    assert api.post("/org/people", {"name": "张三", "username": "zhang_san"}).status_code == 403
    assert api.put("/calendar/years/2027", YEAR_2027).status_code == 403
    assert api.patch("/rules/parameters/countersign.reply_days", {"value": 5, "reason": "试试"}).status_code == 403
    assert api.get("/audit/records").status_code == 403
    assert client_as("security_admin").get("/audit/").status_code == 403
    codes = [r.details["codes"][0] for r in _refusals_since(start, "security_admin")]
    assert codes == [
        "org.admin_required",
        "org.admin_required",
        "admin.required",
        "admin.required",
        "audit.separated",
        "audit.separated",
    ]
    assert not action_records().filter(seq__gt=start).exists()  # nothing was changed


# ---------------------------------------------------------------- the audit administrator


def test_audit_administrator_reads_exports_and_verifies(api_as, client_as) -> None:
    api = api_as("audit_admin")
    assert api.get("/audit/records", limit=5).status_code == 200
    exported = api.post("/audit/export?action=demo.load")
    assert exported.status_code == 200
    body = exported.json()
    assert body["count"] == 1
    assert body["items"][0]["action"] == "demo.load"
    assert len(body["items"][0]["seal"]) == 64
    record = AuditRecord.objects.order_by("seq").last()
    assert (record.action, record.actor.username) == ("audit.export", "audit_admin")
    assert record.details["filters"] == {"action": "demo.load"}
    assert record.details["count"] == 1
    page = client_as("audit_admin")
    assert page.get("/audit/").status_code == 200
    response = page.post("/audit/export/", {"action": "audit.export"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][:3] == ["seq", "at", "actor_name"]
    assert [row[5] for row in rows[1:]] == ["audit.export"]  # the API's export, before this one
    assert rows[1][2] == "宋文博"
    assert api.post("/audit/verify").json()["ok"] is True
    assert AuditRecord.objects.order_by("seq").last().action == "audit.verify"


def test_audit_administrator_changes_nothing(api_as, person, user) -> None:
    start = _head()
    api = api_as("audit_admin")
    clerk = person("fgw_clerk")
    refused = [
        api.post("/org/units", UNIT),
        api.post("/org/people", {"name": "张三", "username": "zhang_san"}),
        api.patch(f"/org/people/{clerk.pk}", {"name": "孙磊磊"}),
        api.post(f"/org/people/{clerk.pk}/deactivate"),
        api.post(f"/org/people/{clerk.pk}/password", {}),
        api.post(f"/org/people/{clerk.pk}/second-factor/reset"),
        api.post(f"/org/people/{clerk.pk}/tokens/revoke"),
        api.put("/calendar/years/2027", YEAR_2027),
        api.patch("/rules/parameters/countersign.reply_days", {"value": 5, "reason": "试试"}),
        api.post(
            "/org/appointments",
            {"person_id": clerk.pk, "position_id": _position("audit_administrator").pk, "start": "2026-07-01"},
        ),
    ]
    assert [r.status_code for r in refused] == [403] * len(refused)
    assert len(_refusals_since(start, "audit_admin")) == len(refused)
    token = create_token(clerk.user, "数据报送")
    with pytest.raises(Refused):
        revoke_token(user("audit_admin"), token.token)
    assert not action_records().filter(seq__gt=start).exclude(action="tokens.create").exists()


# ---------------------------------------------------------------- one person, one seat


def test_appointing_an_administrator_to_a_second_seat_is_refused(api_as) -> None:
    start = _head()
    security = api_as("security_admin")
    auditor = Person.objects.get(user__username="audit_admin")
    response = security.post(
        "/org/appointments",
        {"person_id": auditor.pk, "position_id": _position("administrator").pk, "start": "2026-07-01"},
    )
    assert response.status_code == 403
    decision = response.json()["decisions"][0]
    assert decision["code"] == "admin.separation"
    assert "宋文博" in decision["explanation"]
    assert "《工作规则》第六十一条" in decision["explanation"]
    assert "GB/T 22239-2019 8.1.5" in decision["explanation"]
    assert _refusals_since(start, "security_admin")[0].details["codes"] == ["admin.separation"]
    assert not Appointment.objects.filter(person=auditor, position__kind="administrator").exists()
    # The security administrator cannot take a second seat either.
    herself = Person.objects.get(user__username="security_admin")
    response = security.post(
        "/org/appointments",
        {"person_id": herself.pk, "position_id": _position("audit_administrator").pk, "start": "2026-07-01"},
    )
    assert response.json()["decisions"][0]["code"] == "admin.separation"


def test_a_successor_is_appointed_once_the_predecessor_has_left(api_as) -> None:
    """The audit administrator moves to be system administrator: only after their audit seat ended."""
    security = api_as("security_admin")
    auditor = Person.objects.get(user__username="audit_admin")
    seat = Appointment.objects.get(person=auditor, position__kind="audit_administrator")
    assert api_as("admin").post(f"/org/appointments/{seat.pk}/end", {"end": "2026-06-30"}).status_code == 403
    assert security.post(f"/org/appointments/{seat.pk}/end", {"end": "2026-06-30"}).status_code == 200
    appointed = security.post(
        "/org/appointments",
        {"person_id": auditor.pk, "position_id": _position("administrator").pk, "start": "2026-07-01"},
    )
    assert appointed.status_code == 201
    record = action_records().order_by("seq").last()
    assert (record.action, record.actor.username, record.article) == (
        "org.appointment.create",
        "security_admin",
        61,
    )


# ---------------------------------------------------------------- each administrator's own acts


def test_each_administrators_acts_are_in_the_trail_the_audit_administrator_reads(api_as, person) -> None:
    start = _head()
    api_as("admin").post("/org/people", {"name": "张三", "username": "zhang_san"})
    api_as("security_admin").post(f"/org/people/{person('fgw_clerk').pk}/password", {})
    api_as("audit_admin").post("/audit/export?action=org.person.create")
    body = api_as("audit_admin").get("/audit/records", after_seq=start, limit=200).json()
    acts = {(r["action"], r["actor_name"]) for r in body["items"] if not r["action"].startswith(("auth.", "security."))}
    assert {
        ("org.person.create", "高志远"),
        ("org.account.password", "帕提古丽·阿不力孜"),
        ("audit.export", "宋文博"),
    } <= acts


# ---------------------------------------------------------------- the pages offer each their own work


def test_the_person_page_offers_each_administrator_their_own_buttons(client_as, person) -> None:
    clerk = person("fgw_clerk")
    security = client_as("security_admin").get(f"/org/people/{clerk.pk}/").content.decode()
    system = client_as("admin").get(f"/org/people/{clerk.pk}/").content.decode()
    auditor = client_as("audit_admin").get(f"/org/people/{clerk.pk}/").content.decode()
    assert ("重置密码" in security, "重置动态口令" in security, "停用账号" in security) == (True, True, False)
    assert ("重置密码" in system, "重置动态口令" in system, "停用账号" in system) == (False, False, True)
    assert "登录账号" not in auditor
    start = _head()
    assert client_as("admin").post(f"/org/people/{clerk.pk}/second-factor/reset/").status_code == 403
    assert client_as("admin").post(f"/org/people/{clerk.pk}/tokens/revoke/").status_code == 403
    assert client_as("security_admin").post(f"/org/people/{clerk.pk}/deactivate/").status_code == 403
    assert len(_refusals_since(start, "admin")) == 2
    assert len(_refusals_since(start, "security_admin")) == 1
    assert client_as("security_admin").post(f"/org/people/{clerk.pk}/second-factor/reset/").status_code == 302
    assert "导出（CSV）" in client_as("audit_admin").get("/audit/").content.decode()


def _seats_offered(page: str) -> str:
    """The position <select> of the appointment form."""
    start = page.index('name="position"')
    return page[start : page.index("</select>", start)]


def test_the_appointment_form_offers_each_their_own_seats(client_as) -> None:
    security = _seats_offered(client_as("security_admin").get("/org/manage/appointments/new/").content.decode())
    system = _seats_offered(client_as("admin").get("/org/manage/appointments/new/").content.decode())
    seat = f'value="{_position("audit_administrator").pk}"'
    governor = f'value="{Position.objects.get(kind="governor").pk}"'
    assert (seat in security, governor in security) == (True, False)
    assert (seat in system, governor in system) == (False, True)
    assert client_as("audit_admin").get("/org/manage/appointments/new/").status_code == 403
