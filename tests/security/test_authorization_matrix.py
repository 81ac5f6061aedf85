"""The authorization matrix (issue 11): every URL of the site and every operation of the API has a
stated rule (``tests/security/authorization_table.py``), and for each demo role an object of
another unit is probed on each.  It fails on a leak (a success, a page showing the object, a state
conflict that says it exists), on any server error, and on a URL or operation with no rule.

The roles: a clerk of another unit (发改委), a unit head (教育局), a 副州长 (刘振东: 发改委,
自然资源局), and the unit a 信访 letter accuses (财政局, letter 3号).  The objects belong to the
阿克陶县 (nobody's 分管), or are the office's own (a 依申请公开 application), or another person's
(a notice, a token, an invitation).  Reads are GETs; a state-changing call is sent with a minimal
valid body built from the schema, so the refusal it gets is the object's, not the body's."""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Callable, Iterator
from typing import Any

import pytest
import time_machine
from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver
from django.utils import timezone

from tests.documents.conftest import make_document
from tests.security.authorization_table import API, WEB, Rule
from zhengwu.api import api
from zhengwu.approvals.models import ApprovalRequest
from zhengwu.approvals.models import Kind as ApprovalKind
from zhengwu.documents.models import Attachment, CountersignTask, Delivery, IssuedNumber
from zhengwu.legislation.models import (
    Cleanup,
    CleanupEntry,
    Dispute,
    Filing,
    NormativeDraft,
    NormativeKind,
    PublicComment,
    RegulationEvaluation,
    UnitConsultation,
)
from zhengwu.meetings.models import AgreedItem, FollowUp, Invitation, Meeting, Paper, PrefectureMeetingRequest, Topic
from zhengwu.notices.models import Notice
from zhengwu.org.models import Absence, ActingArrangement, Appointment, Person, Portfolio, Unit
from zhengwu.oversight.models import Case, CaseKind
from zhengwu.petitions.models import Petition
from zhengwu.portal.models import Application, PublicationItem
from zhengwu.reporting.models import (
    ConcernSource,
    Incident,
    IncidentKind,
    NpcAttendance,
    PublicConcern,
    Severity,
    UpwardCategory,
    UpwardForm,
    UpwardReport,
)
from zhengwu.rulebook.models import Parameter
from zhengwu.rulebook.services import version_in_force
from zhengwu.suggestions.models import Suggestion
from zhengwu.supervision.models import Circular, ProgressReport, Rectification, SupervisionItem
from zhengwu.tokens.models import ApiToken

__all__ = ["make_document"]

pytestmark = pytest.mark.article(61)

ROLES = ("fgw_clerk", "jyj_head", "vice_liu", "czj_head")
MARK = "矩阵探针"
TABLE = "tests/security/authorization_table.py"
PARAM = re.compile(r"<(?:(?P<conv>[^>:]+):)?(?P<name>[^>]+)>")


# ---------------------------------------------------------------- what the site has


def _walk(patterns: list[Any], prefix: str = "") -> Iterator[str]:
    for p in patterns:
        if isinstance(p, URLResolver):
            yield from _walk(p.url_patterns, prefix + str(p.pattern))
        elif isinstance(p, URLPattern):
            yield prefix + str(p.pattern)


def site_routes() -> list[str]:
    """Every URL pattern, the API's operations left to :func:`api_operations`."""
    schema_paths = {path.removeprefix("/") for path in api.get_openapi_schema()["paths"]}
    routes = []
    for route in _walk(get_resolver().url_patterns):
        as_schema = PARAM.sub(lambda m: "{" + m["name"] + "}", route)
        if as_schema not in schema_paths:
            routes.append(route)
    return list(dict.fromkeys(routes))


def api_operations() -> dict[str, dict[str, Any]]:
    schema = api.get_openapi_schema()
    return {
        f"{method.upper()} {path}": operation
        for path, operations in schema["paths"].items()
        for method, operation in operations.items()
    }


def test_every_url_and_operation_has_a_rule(db) -> None:
    routes, operations = site_routes(), api_operations()
    missing = [f"URL {r!r}: state its rule in {TABLE} (WEB)" for r in routes if r not in WEB]
    missing += [f"{op}: state its rule in {TABLE} (API)" for op in operations if op not in API]
    assert not missing, "\n".join(missing)
    stale = [r for r in WEB if r not in routes] + [op for op in API if op not in operations]
    assert stale == [], "rules for URLs or operations that no longer exist"


# ---------------------------------------------------------------- objects of another unit


def _unit(code: str) -> Unit:
    return Unit.objects.get(code=code)


def _user(name: str) -> Any:
    return get_user_model().objects.get(username=name)


class Objects:
    """The objects of another unit, made once per test, by kind (the table's ``obj``)."""

    def __init__(self, make_doc: Callable[..., Any]) -> None:
        self.make_doc = make_doc
        self.made: dict[str, dict[str, Any]] = {}
        self.now = timezone.now()
        self.today = timezone.localdate()
        self.head = _user("akto_head")
        self.person = Person.objects.get(user=self.head)
        self.appointment = Appointment.objects.filter(person=self.person).select_related("position").first()
        assert self.appointment is not None

    def __getitem__(self, kind: str) -> dict[str, Any]:
        if kind not in self.made:
            self.made[kind] = getattr(self, f"_{kind}")()
        return self.made[kind]

    def _document(self) -> dict[str, Any]:
        doc = self.make_doc(issuer_code="akto", title=f"关于{MARK}事项的请示", body=f"{MARK}正文。")
        return {"pk": doc.pk, "document_id": doc.pk, "obj": doc}

    def _attachment(self) -> dict[str, Any]:
        doc = self["document"]["obj"]
        att = Attachment.objects.create(
            document=doc,
            position=1,
            name=f"{MARK}.pdf",
            file=ContentFile(b"%PDF-1.7 x", name="probe.pdf"),
            size=10,
            sm3="0" * 64,
            uploaded_by=self.head,
            uploaded_at=self.now,
        )
        return {"pk": doc.pk, "aid": att.pk, "document_id": doc.pk, "attachment_id": att.pk}

    def _task(self) -> dict[str, Any]:
        doc = self["document"]["obj"]
        task = CountersignTask.objects.create(
            document=doc, unit=_unit("wuqia"), requested_at=self.now, due=self.today + dt.timedelta(days=5)
        )
        return {"pk": doc.pk, "task_pk": task.pk, "task_id": task.pk}

    def _delivery(self) -> dict[str, Any]:
        d = Delivery.objects.create(
            document=self["document"]["obj"], unit=_unit("wuqia"), copy_number=1, delivered_at=self.now
        )
        return {"pk": d.pk}

    def _number(self) -> dict[str, Any]:
        n = IssuedNumber.objects.create(
            prefix="阿县探", year=self.today.year, serial=9999, document=self["document"]["obj"], taken_at=self.now
        )
        return {"pk": n.pk}

    def _meeting(self) -> dict[str, Any]:
        m = Meeting.objects.create(
            kind="executive",
            title="州人民政府常务会议（矩阵）",
            date=self.today + dt.timedelta(days=20),
            chair=Person.objects.get(user__username="governor"),
            created_by=_user("clerk_huiwu"),
            created_at=self.now,
            updated_at=self.now,
        )
        return {"pk": m.pk, "obj": m}

    def _invitation(self) -> dict[str, Any]:
        i = Invitation.objects.create(meeting=self["meeting"]["obj"], person=self.person, role="member")
        return {"pk": i.pk}

    def _topic(self) -> dict[str, Any]:
        t = Topic.objects.create(unit=_unit("akto"), title=f"{MARK}议题", requested_by=self.head, requested_at=self.now)
        return {"pk": t.pk, "obj": t}

    def _paper(self) -> dict[str, Any]:
        p = Paper.objects.create(
            topic=self["topic"]["obj"],
            name=f"{MARK}材料",
            file=ContentFile(b"%PDF-1.7 x", name="paper.pdf"),
            sm3="0" * 64,
            uploaded_by=self.head,
            uploaded_at=self.now,
        )
        return {"pk": p.pk}

    def _follow_up(self) -> dict[str, Any]:
        item = AgreedItem.objects.create(meeting=self["meeting"]["obj"], text=f"{MARK}议定事项")
        f = FollowUp.objects.create(decision=item, kind="task", title=f"{MARK}任务", owner_unit=_unit("akto"))
        return {"pk": f.pk}

    def _wide_request(self) -> dict[str, Any]:
        r = PrefectureMeetingRequest.objects.create(
            unit=_unit("akto"),
            title=f"{MARK}全州性会议",
            date=self.today + dt.timedelta(days=30),
            venue="县会议中心",
            created_by=self.head,
            created_at=self.now,
        )
        return {"pk": r.pk, "request_id": r.pk}

    def _item(self) -> dict[str, Any]:
        item = SupervisionItem.objects.create(
            title=f"{MARK}督办事项",
            origin="manual",
            lead_unit=_unit("akto"),
            due=self.today + dt.timedelta(days=40),
            opened_on=self.today,
            rulebook_version=version_in_force(),
            created_at=self.now,
        )
        return {"pk": item.pk, "obj": item}

    def _report(self) -> dict[str, Any]:
        r = ProgressReport.objects.create(
            item=self["item"]["obj"], unit=_unit("akto"), period=1, due=self.today + dt.timedelta(days=10)
        )
        return {"pk": r.pk}

    def _rectification(self) -> dict[str, Any]:
        r = Rectification.objects.create(
            item=self["item"]["obj"],
            requirement=f"{MARK}整改",
            due=self.today + dt.timedelta(days=10),
            ordered_by=_user("clerk_ducha"),
            ordered_at=self.now,
        )
        return {"pk": r.pk, "rect_id": r.pk}

    def _circular(self) -> dict[str, Any]:
        doc = self.make_doc(issuer_code="office", title="督查情况通报（矩阵）", flow="outgoing")
        c = Circular.objects.create(
            document=doc, as_of=self.today, created_by=_user("clerk_ducha"), created_at=self.now
        )
        return {"pk": c.pk}

    def _suggestion(self) -> dict[str, Any]:
        s = Suggestion.objects.create(
            kind="suggestion",
            number="矩阵1",
            title=f"{MARK}建议",
            text="建议。",
            proposers="代表甲",
            session="州十五届人大四次会议",
            received_on=self.today,
            state="handling",
            lead_unit=_unit("akto"),
            assigned_on=self.today,
            due=self.today + dt.timedelta(days=90),
            rulebook_version=version_in_force(),
            created_by=_user("clerk_ducha"),
            created_at=self.now,
        )
        return {"pk": s.pk}

    def _petition(self) -> dict[str, Any]:
        return {"pk": Petition.objects.get(number="克信访〔演示〕3号").pk}  # accuses the 财政局

    def _case(self) -> dict[str, Any]:
        c = Case.objects.create(
            kind=CaseKind.RECONSIDERATION,
            case_number=f"{MARK}复〔2026〕1号",
            title=f"{MARK}案由",
            organ="州人民政府",
            unit_concerned=_unit("akto"),
            received_on=self.today,
            rulebook_version=version_in_force(),
            created_by=_user("sfj_clerk"),
            created_at=self.now,
        )
        return {"pk": c.pk}

    def _approval(self) -> dict[str, Any]:
        r = ApprovalRequest.objects.create(
            kind=ApprovalKind.DELEGATION,
            title=f"{MARK}出访团组",
            counterpart="哈萨克斯坦",
            unit=_unit("akto"),
            author=self.person,
            planned_on=self.today + dt.timedelta(days=30),
            until=self.today + dt.timedelta(days=37),
            members=3,
            approver="governor_or_executive",
            rulebook_version=version_in_force(),
            created_by=self.head,
            created_at=self.now,
        )
        return {"pk": r.pk}

    def _incident(self) -> dict[str, Any]:
        i = Incident.objects.create(
            kind=IncidentKind.ACCIDENT,
            severity=Severity.GENERAL,
            title=f"{MARK}事故",
            unit=_unit("akto"),
            occurred_at=self.now,
            known_at=self.now,
            rulebook_version=version_in_force(),
            created_by=self.head,
            created_at=self.now,
        )
        return {"pk": i.pk}

    def _upward(self) -> dict[str, Any]:
        r = UpwardReport.objects.create(
            recipient=_unit("xj-gov"),
            category=UpwardCategory.SITUATION,
            form=UpwardForm.REPORT,
            title=f"关于阿克陶县{MARK}情况的报告",
            rulebook_version=version_in_force(),
            created_by=_user("clerk_wendian"),
            created_at=self.now,
        )
        return {"pk": r.pk}

    def _npc(self) -> dict[str, Any]:
        a = NpcAttendance.objects.create(
            session=f"州人大常委会{MARK}会议（阿克陶县专题）",
            session_date=self.today + dt.timedelta(days=10),
            attendee=Person.objects.get(user__username="vice_ayigul"),
            attendee_position="副州长",
            rulebook_version=version_in_force(),
            assigned_by=_user("governor"),
            assigned_at=self.now,
        )
        return {"pk": a.pk}

    def _concern(self) -> dict[str, Any]:
        c = PublicConcern.objects.create(
            source=ConcernSource.MEDIA,
            title=f"{MARK}问题",
            unit=_unit("akto"),
            received_on=self.today,
            rulebook_version=version_in_force(),
            created_by=self.head,
            created_at=self.now,
        )
        return {"pk": c.pk}

    def _draft(self) -> dict[str, Any]:
        from zhengwu.legislation.actions import drafting

        d = drafting.create_draft(
            self.head,
            kind=NormativeKind.NORMATIVE,
            title=f"阿克陶县{MARK}办法",
            body="为规范管理，制定本办法。\n第一条 本办法自公布之日起施行。",
            drafting_unit=_unit("akto"),
            government_issues=False,
        )
        return {"pk": d.pk, "obj": d}

    def _consultation(self) -> dict[str, Any]:
        c = UnitConsultation.objects.create(
            draft=self["draft"]["obj"], unit=_unit("wuqia"), requested_at=self.now, due=self.today
        )
        return {"pk": c.pk}

    def _dispute(self) -> dict[str, Any]:
        x = Dispute.objects.create(
            draft=self["draft"]["obj"], matter=f"{MARK}争议", parties="甲、乙", raised_by=self.head, raised_at=self.now
        )
        return {"pk": x.pk}

    def _comment(self) -> dict[str, Any]:
        d: NormativeDraft = self["draft"]["obj"]
        c = PublicComment.objects.create(draft=d, version=d.versions.first(), text=f"{MARK}意见", submitted_at=self.now)
        return {"pk": c.pk}

    def _filing(self) -> dict[str, Any]:
        f = Filing.objects.create(draft=self["draft"]["obj"], recipient=_unit("gov"), due=self.today)
        return {"pk": f.pk}

    def _evaluation(self) -> dict[str, Any]:
        e = RegulationEvaluation.objects.create(draft=self["draft"]["obj"], due=self.today)
        return {"pk": e.pk}

    def _cleanup(self) -> dict[str, Any]:
        c = Cleanup.objects.create(title="规范性文件清理（矩阵）", started_by=_user("sfj_clerk"), started_at=self.now)
        return {"pk": c.pk, "obj": c}

    def _cleanup_entry(self) -> dict[str, Any]:
        e = CleanupEntry.objects.create(
            cleanup=self["cleanup"]["obj"], draft=self["draft"]["obj"], unit=_unit("akto"), proposal="", decision=""
        )
        return {"pk": e.pk, "entry_id": e.pk}

    def _queue_item(self) -> dict[str, Any]:
        item = PublicationItem.objects.create(
            kind="document",
            title=f"{MARK}待公开",
            counted_from=self.today,
            due_on=self.today + dt.timedelta(days=20),
            provision="portal.proactive",
            issuing_unit=_unit("akto"),
        )
        return {"pk": item.pk}

    def _application(self) -> dict[str, Any]:
        a = Application.objects.create(
            number="矩阵〔2026〕1号",
            applicant_name=f"{MARK}申请人",
            contact="13800000000",
            description=f"{MARK}申请内容",
            received_on=self.today,
            received_at=self.now,
            due_on=self.today + dt.timedelta(days=28),
        )
        return {"pk": a.pk}

    def _absence(self) -> dict[str, Any]:
        a = Absence.objects.create(
            person=self.person,
            position=self.appointment.position,
            start=self.today + dt.timedelta(days=3),
            end=self.today + dt.timedelta(days=5),
            destination="乌鲁木齐市",
            purpose=f"{MARK}公务",
            reported_by=self.head,
            reported_at=self.now,
        )
        return {"pk": a.pk, "obj": a}

    def _arrangement(self) -> dict[str, Any]:
        absence = self["absence"]["obj"]
        deputy = Appointment.objects.filter(position__unit__code="akto").exclude(person=self.person).first()
        acting = deputy.position if deputy else self.appointment.position
        arr = ActingArrangement.objects.create(
            principal=self.appointment.position,
            acting=acting,
            start=absence.start,
            end=absence.end,
            entrusted_by=self.person,
            created_at=self.now,
            article=6,
        )
        return {"pk": absence.pk, "absence_id": absence.pk, "arrangement": arr.pk, "arrangement_id": arr.pk}

    def _notice(self) -> dict[str, Any]:
        n = Notice.objects.create(recipient=self.head, title=f"{MARK}通知", created_at=self.now)
        return {"pk": n.pk}

    def _token(self) -> dict[str, Any]:
        t = ApiToken.objects.create(
            user=self.head, name=f"{MARK}令牌", prefix="zwprobe", token_hash="0" * 64, created_at=self.now
        )
        return {"pk": t.pk}

    def _person(self) -> dict[str, Any]:
        return {"pk": self.person.pk}

    def _position(self) -> dict[str, Any]:
        return {"pk": self.appointment.position_id}

    def _appointment(self) -> dict[str, Any]:
        return {"pk": self.appointment.pk}

    def _portfolio(self) -> dict[str, Any]:
        return {"pk": Portfolio.objects.order_by("pk").values_list("pk", flat=True)[0]}

    def _parameter(self) -> dict[str, Any]:
        p = Parameter.objects.filter(version=version_in_force()).order_by("pk").first()
        assert p is not None
        return {"pk": p.pk, "key": p.key}


# ---------------------------------------------------------------- requests


def _value(name: str, rule: Rule, objects: Objects) -> str:
    if name in rule.params:
        return rule.params[name]
    if rule.obj:
        made = objects[rule.obj]
        if name in made:
            return str(made[name])
        if name == "pk" or name.endswith("_id"):
            return str(made["pk"])
    raise AssertionError(f"no value for the parameter {name!r}: give it in {TABLE}")


def web_url(route: str, rule: Rule, objects: Objects) -> str:
    return "/" + PARAM.sub(lambda m: _value(m["name"], rule, objects), route)


def api_url(path: str, rule: Rule, objects: Objects) -> str:
    return re.sub(r"\{([^}]+)\}", lambda m: _value(m[1], rule, objects), path)


def _resolve(schema: dict[str, Any], node: dict[str, Any]) -> dict[str, Any]:
    while "$ref" in node:
        node = schema["components"]["schemas"][node["$ref"].rsplit("/", 1)[1]]
    return node


def example(schema: dict[str, Any], node: dict[str, Any]) -> Any:
    """A minimal valid value of ``node`` (required fields only)."""
    node = _resolve(schema, node)
    for key in ("anyOf", "oneOf", "allOf"):
        if key in node:
            options = [o for o in node[key] if o.get("type") != "null"]
            return example(schema, options[0]) if options else None
    if "enum" in node:
        return node["enum"][0]
    kind = node.get("type")
    if kind == "object" or "properties" in node:
        props = node.get("properties", {})
        return {name: example(schema, props[name]) for name in node.get("required", [])}
    if kind == "array":
        return []
    if kind == "integer":
        return max(1, node.get("minimum", 1))
    if kind == "number":
        return 1
    if kind == "boolean":
        return False
    fmt = node.get("format", "")
    if fmt == "date":
        return "2026-03-02"
    if fmt == "date-time":
        return "2026-03-02T10:00:00+08:00"
    if fmt == "binary":
        return ContentFile(b"%PDF-1.7 x", name="probe.pdf")
    return "探针"


#: A value that passes each kind of pydantic check, by the error's ``type``.
REPAIRS: dict[str, Any] = {
    "missing": "探针",
    "string_type": "探针",
    "bool_type": False,
    "bool_parsing": False,
    "int_type": 1,
    "int_parsing": 1,
    "float_parsing": 1,
    "date_type": "2026-03-02",
    "date_parsing": "2026-03-02",
    "date_from_datetime_parsing": "2026-03-02",
    "datetime_type": "2026-03-02T10:00:00+08:00",
    "datetime_parsing": "2026-03-02T10:00:00+08:00",
    "list_type": [],
}


def _repair(payload: dict[str, Any], errors: list[dict[str, Any]]) -> bool:
    """Mend ``payload`` after pydantic refused it (the schema is not always the model: two modules'
    models of one name share a component); False when there is nothing to mend."""
    mended = False
    for error in errors:
        loc = [str(x) for x in error.get("loc", [])]
        if loc[:2] != ["body", "payload"] or len(loc) != 3:
            continue
        kind = error.get("type", "")
        if kind in {"literal_error", "enum"}:
            value: Any = re.findall(r"'([^']*)'", str(error.get("ctx", {}).get("expected", "")))[:1]
            value = value[0] if value else None
        else:
            value = REPAIRS.get(kind, REPAIRS["missing"] if kind == "missing" else None)
        if value is None or payload.get(loc[2]) == value:
            continue
        payload[loc[2]] = value
        mended = True
    return mended


def api_call(client: Client, method: str, url: str, operation: dict[str, Any], schema: dict[str, Any]) -> Any:
    call = getattr(client, method.lower())
    body = operation.get("requestBody", {}).get("content", {})
    if method == "GET" or not body:
        return call(url)
    if "multipart/form-data" in body:
        data = example(schema, body["multipart/form-data"]["schema"])
        return call(url, data)
    payload = example(schema, body["application/json"]["schema"])
    for _attempt in range(4):
        response = call(url, payload, content_type="application/json")
        if response.status_code != 422 or not isinstance(payload, dict):
            return response
        detail = response.json().get("detail")
        if not isinstance(detail, list) or not _repair(payload, detail):
            return response
    return response


def shows_mark(response: Any) -> bool:
    """Whether the answer shows an object of another unit (JSON is read as text, not escapes)."""
    if getattr(response, "streaming", False):
        return False  # a file: only the scoped probes ask for files, and their status says enough
    if response.get("Content-Type", "").startswith("application/json"):
        try:
            return MARK in json.dumps(response.json(), ensure_ascii=False)
        except ValueError:
            return False
    return MARK in response.content.decode(errors="replace")


def leak(rule: Rule, method: str, response: Any) -> str:
    """Why ``response`` (to a role with no business with the object) is a leak, or ""."""
    status = response.status_code
    if status >= 500:
        return f"server error {status}"
    if rule.kind == "restricted":  # 422: the body is refused before anything is looked up
        return "" if status in {403, 404, 405, 422} else f"answered {status}"
    if rule.kind != "scoped":
        return ""
    if not rule.hidden:  # seen by all staff: only acting on it must fail
        return f"answered {status}" if 200 <= status < 300 and method != "GET" else ""
    if shows_mark(response):
        return f"{status} shows the object"
    if status not in {403, 404}:  # 409 would say it exists; 422 that the probe never reached it
        return f"answered {status}, not 403 or 404"
    return ""


@pytest.fixture
def objects(make_document) -> Objects:
    return Objects(make_document)


def _probe(client: Client, method: str, url: str) -> Any:
    return getattr(client, method.lower())(url)


@pytest.mark.django_db
def test_no_role_reads_or_acts_on_an_object_of_another_unit(objects, client_as) -> None:
    with time_machine.travel("2026-03-02 10:00 +0800", tick=True):
        schema = api.get_openapi_schema()
        operations = api_operations()
        clients = {name: client_as(name) for name in ROLES}
        anonymous = Client()
        failures: list[str] = []
        for rule in [*WEB.values(), *API.values()]:  # every object exists before the lists are read
            if rule.obj:
                objects[rule.obj]
        for route in site_routes():
            rule = WEB.get(route)
            if rule is None:
                continue  # test_every_url_and_operation_has_a_rule names it
            if rule.kind == "public":
                url = web_url(route, rule, objects)
                status = anonymous.get(url).status_code
                if status >= 500:
                    failures.append(f"{url} (anonymous): server error {status}")
                continue
            url = web_url(route, rule, objects)
            if rule.kind == "staff":
                for name, client in clients.items():
                    response = client.get(url)
                    if response.status_code >= 500:
                        failures.append(f"GET {url} as {name}: server error {response.status_code}")
                    elif shows_mark(response):
                        failures.append(f"GET {url} as {name}: lists an object of another unit")
                continue
            for name, client in clients.items():
                why = leak(rule, rule.method, _probe(client, rule.method, url))
                if why:
                    failures.append(f"{rule.method} {url} as {name}: {why}")
        for op, operation in operations.items():
            rule = API.get(op)
            if rule is None:
                continue
            method, path = op.split(" ", 1)
            if rule.kind == "public":
                url = api_url(path, rule, objects)
                status = anonymous.get(url).status_code if method == "GET" else 0
                if status >= 500:
                    failures.append(f"{op} (anonymous): server error {status}")
                continue
            if rule.kind == "staff":
                for name, client in clients.items() if method == "GET" else ():
                    response = client.get(api_url(path, rule, objects))
                    if response.status_code >= 500:
                        failures.append(f"{op} as {name}: server error {response.status_code}")
                    elif shows_mark(response):
                        failures.append(f"{op} as {name}: lists an object of another unit")
                continue
            url = api_url(path, rule, objects)
            for name, client in clients.items():
                why = leak(rule, method, api_call(client, method, url, operation, schema))
                if why:
                    failures.append(f"{op} ({url}) as {name}: {why}")
        assert not failures, "\n".join(failures)
