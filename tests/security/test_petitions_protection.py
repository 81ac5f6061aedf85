"""信访 protection (《信访工作条例》; art. 35): a report is never passed to, shown to or found by the
unit it accuses or that unit's 分管 chain; the petitioner's identity is seen only by the handlers
assigned to the case, every view recorded; masks never show a whole field."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest
import time_machine

from tests.api.conftest import Api
from zhengwu.audit.models import AuditRecord
from zhengwu.core.decisions import Refused
from zhengwu.org.models import Person, Unit
from zhengwu.petitions import rules
from zhengwu.petitions.actions import PetitionerData, decide_acceptance, register, route_important
from zhengwu.petitions.models import Petition
from zhengwu.petitions.selectors import petitions_visible_to

pytestmark = pytest.mark.article(35)

REPORT = {
    "channel": "letter",
    "received_on": "2026-02-05",
    "summary": "检举财政局某科长在资金拨付中索要好处费。",
    "unit_concerned": "czj",
    "accused_unit": "czj",
    "accused_person": "测试·某科长",
    "petitioner_name": "测试·孙某某",
    "id_number": "653001198001015678",
    "phone": "13912345678",
    "address": "阿图什市测试路9号",
}


@pytest.fixture(autouse=True)
def frozen() -> Iterator[None]:
    with time_machine.travel("2026-02-05 09:00 +0800"):
        yield


def report(user, **kwargs) -> Petition:
    args = {
        "channel": "letter",
        "received_on": dt.date(2026, 2, 5),
        "summary": REPORT["summary"],
        "unit_concerned": Unit.objects.get(code="czj"),
        "accused_unit": Unit.objects.get(code="czj"),
        "accused_person": "测试·某科长",
        "petitioner": PetitionerData("测试·孙某某", "653001198001015678", "13912345678", "阿图什市测试路9号"),
    }
    args.update(kwargs)
    return register(user("xfj_head"), **args)


def test_the_api_records_whom_a_letter_accuses_and_accepting_it_sends_it_to_the_bureau(client_as) -> None:
    xfj = Api(client_as("xfj_head"))
    created = xfj.post("/petitions", REPORT)
    assert created.status_code == 201, created.json()
    pid = created.json()["id"]
    assert created.json()["accused_unit"] == "州财政局"
    accepted = xfj.post(f"/petitions/{pid}/acceptance", {"accept": True, "told_how": "书面告知"})
    assert accepted.status_code == 200
    assert accepted.json()["handling_unit"] == "州信访局"  # not the accused 财政局 (the old default)
    czj = Api(client_as("czj_head"))
    assert czj.get(f"/petitions/{pid}/petitioner").status_code == 404
    assert czj.get(f"/petitions/{pid}").status_code == 404
    assert pid not in [p["id"] for p in czj.get("/petitions").json()["items"]]
    assert AuditRecord.objects.filter(action="petitions.view_personal_data").count() == 0


def test_routing_to_the_accused_unit_is_refused_with_the_rule(user) -> None:
    petition = report(user)
    with pytest.raises(Refused) as refused:
        decide_acceptance(user("xfj_head"), petition, True, "书面告知", Unit.objects.get(code="czj"))
    decision = refused.value.decisions[0]
    assert decision.code == "petitions.to_accused_unit"
    assert decision.citation is not None
    assert decision.citation.provision == rules.NOT_TO_ACCUSED
    assert decision.citation.article == 35
    assert "信访工作条例" in decision.explanation
    petition.refresh_from_db()
    assert petition.handling_unit is None


def test_an_important_report_goes_around_the_accused_units_chain(user) -> None:
    exec_vice = Person.objects.get(user__username="exec_vice")  # 分管 the 财政局
    with pytest.raises(Refused) as refused:
        report(user, important=True, leader=exec_vice)
    assert refused.value.decisions[0].code == "petitions.to_accused_chain"
    petition = report(user, important=True)  # by default: not the 财政局's 分管 leader
    assert petition.leader is not None
    assert petition.leader.user.username == "vice_ayigul"
    with pytest.raises(Refused):
        route_important(user("xfj_head"), petition, exec_vice)


def test_the_accused_unit_and_its_chain_neither_see_nor_find_it(user, client_as) -> None:
    petition = report(user)
    decide_acceptance(user("xfj_head"), petition, True, "书面告知")
    for name in ("czj_head", "exec_vice"):
        assert not petitions_visible_to(user(name)).filter(pk=petition.pk).exists(), name
        page = client_as(name).get(f"/petitions/{petition.pk}/")
        assert page.status_code == 404
        listing = client_as(name).get("/petitions/", {"q": "好处费"})
        assert "好处费" not in listing.content.decode()
    for name in ("xfj_head", "governor", "vice_ayigul"):
        assert petitions_visible_to(user(name)).filter(pk=petition.pk).exists(), name
    assert not petitions_visible_to(user("fgw_clerk")).filter(pk=petition.pk).exists()
    assert not petitions_visible_to(user("admin")).filter(pk=petition.pk).exists()


def test_identity_only_for_the_handlers_assigned_and_every_view_is_audited(client_as, user) -> None:
    petition = report(user, unit_concerned=Unit.objects.get(code="jyj"), accused_unit=None, accused_person="")
    assert client_as("admin").get(f"/api/petitions/{petition.pk}/petitioner").status_code == 404
    assert client_as("jyj_head").get(f"/api/petitions/{petition.pk}/petitioner").status_code == 404  # not yet
    seen = client_as("xfj_head").get(f"/api/petitions/{petition.pk}/petitioner")
    assert seen.json()["id_number"] == "653001198001015678"
    decide_acceptance(user("xfj_head"), petition, True, "书面告知")
    assert client_as("jyj_head").get(f"/api/petitions/{petition.pk}/petitioner").json()["phone"] == "13912345678"
    viewers = AuditRecord.objects.filter(action="petitions.view_personal_data", object_id=str(petition.pk))
    assert viewers.count() == 2


@pytest.mark.parametrize(
    ("mask", "value"),
    [
        (rules.mask_address, "乌恰县"),
        (rules.mask_address, "阿图什市某路1号"),
        (rules.mask_address, "阿克陶县演示村2组"),
        (rules.mask_name, "王"),
        (rules.mask_name, "王五"),
        (rules.mask_phone, "1234567"),
        (rules.mask_phone, "0908-1234567"),
        (rules.mask_id_number, "6530011"),
        (rules.mask_id_number, "653001198001015678"),
    ],
)
def test_a_mask_never_shows_the_whole_field(mask, value) -> None:
    shown = mask(value)
    assert shown
    assert shown != value
    assert shown.replace("*", "") != value
    assert len(shown.replace("*", "")) < len(value)
