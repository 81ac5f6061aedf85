"""登记: the 信访局 registers letters and visits; the acceptance limit starts (art. 35)."""

from __future__ import annotations

import pytest

from tests.petitions.conftest import PETITIONER, D, unit
from zhengwu.audit.models import AuditRecord
from zhengwu.core.decisions import InvalidInput, Refused
from zhengwu.petitions.actions import PetitionerData, register
from zhengwu.petitions.models import Petition, Petitioner, State
from zhengwu.timers.models import Timer

pytestmark = pytest.mark.article(35)


def test_the_bureau_registers_a_letter_and_its_acceptance_limit_runs_across_the_spring_festival(letter) -> None:
    petition = letter()
    assert petition.state == State.REGISTERED
    assert petition.accept_due == D(2026, 2, 24)  # 02-20 falls in 春节 (02-15..23)
    assert petition.number == "克信访〔2026〕1号"
    assert Petitioner.objects.get(petition=petition).name == "测试·张某某"
    keys = set(Timer.objects.filter(state="pending").values_list("key", flat=True))
    assert {f"petitions.{petition.pk}.accept.overdue", f"petitions.{petition.pk}.accept.remind"} <= keys
    record = AuditRecord.objects.get(action="petitions.register", object_id=str(petition.pk))
    assert record.article == 35
    assert "测试·张某某" not in record.summary  # the petitioner's data stays out of the log


def test_someone_outside_the_bureau_may_not_register(user, frozen) -> None:
    with pytest.raises(Refused) as refused:
        register(
            user("fgw_clerk"),
            channel="letter",
            received_on=D(2026, 2, 5),
            summary="反映问题。",
            unit_concerned=unit("jyj"),
            petitioner=PETITIONER,
        )
    assert "信访工作机构" in refused.value.explanations[0]
    assert not Petition.objects.filter(is_demo=False).exists()


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"channel": "fax"}, "channel"),
        ({"summary": "  "}, "summary"),
        ({"petitioner": PetitionerData(name=" ")}, "petitioner_name"),
        ({"petitioner": PetitionerData(name="某", id_number="1" * 19)}, "id_number"),
        ({"received_on": D(2026, 2, 6)}, "received_on"),  # tomorrow
    ],
)
def test_bad_input_changes_nothing(letter, kwargs, field) -> None:
    with pytest.raises(InvalidInput) as bad:
        letter(**kwargs)
    assert bad.value.field == field
    assert not Petition.objects.filter(is_demo=False).exists()
    assert not Petitioner.objects.filter(is_demo=False).exists()
