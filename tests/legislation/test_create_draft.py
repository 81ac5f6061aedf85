"""Creating a draft (arts. 20, 22): the drafting unit's staff, a text in articles, version 1."""

from __future__ import annotations

import pytest

from tests.legislation.conftest import BODY, unit
from zhengwu.audit.models import AuditRecord
from zhengwu.core.decisions import InvalidInput, Refused
from zhengwu.legislation.actions.drafting import create_draft
from zhengwu.legislation.models import NormativeDraft, NormativeKind

pytestmark = [pytest.mark.article(22), pytest.mark.usefixtures("frozen")]


def test_a_department_clerk_drafts_a_government_normative_document(user) -> None:
    draft = create_draft(
        user("fgw_clerk"), kind=NormativeKind.NORMATIVE, title="价格监测管理办法", body=BODY, drafting_unit=unit("fgw")
    )
    assert (draft.state, draft.issuer.code, draft.drafting_unit.code) == ("drafting", "gov", "fgw")
    assert draft.versions.get().number == 1
    record = AuditRecord.objects.get(action="legislation.create", object_id=str(draft.pk))
    assert record.article == 22


def test_a_departments_own_normative_document_and_a_regulation(user) -> None:
    own = create_draft(
        user("fgw_clerk"),
        kind=NormativeKind.NORMATIVE,
        title="发改委规范性文件",
        body=BODY,
        drafting_unit=unit("fgw"),
        government_issues=False,
    )
    assert own.issuer.code == "fgw"
    regulation = create_draft(
        user("fgw_clerk"),
        kind=NormativeKind.REGULATION,
        title="规章",
        body=BODY,
        drafting_unit=unit("fgw"),
        government_issues=False,
    )
    assert regulation.issuer.code == "gov"  # a 规章 is always the government's (art. 20)


def test_another_units_staff_may_not_draft_in_its_name(user) -> None:
    with pytest.raises(Refused):
        create_draft(user("czj_head"), kind=NormativeKind.NORMATIVE, title="x", body=BODY, drafting_unit=unit("fgw"))


def test_bad_input_changes_nothing(user) -> None:
    before = NormativeDraft.objects.count()
    for kwargs, field in [
        ({"title": " "}, "title"),
        ({"kind": "law"}, "kind"),
        ({"body": ""}, "body"),
        ({"secret": True}, "secret_reason"),
    ]:
        args = {"kind": NormativeKind.NORMATIVE, "title": "办法", "body": BODY, "drafting_unit": unit("fgw")} | kwargs
        with pytest.raises(InvalidInput) as bad:
            create_draft(user("fgw_clerk"), **args)
        assert bad.value.field == field
    with pytest.raises(Refused) as refused:
        create_draft(
            user("fgw_clerk"), kind=NormativeKind.NORMATIVE, title="办法", body="没有分条。", drafting_unit=unit("fgw")
        )
    assert "第一条" in refused.value.explanations[0]
    assert NormativeDraft.objects.count() == before
