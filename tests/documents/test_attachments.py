"""附件: added and removed by the drafting unit while the text may change, kept with their SM3,
printed in the 附件说明 and archived with the dossier (arts. 52, 53)."""

from __future__ import annotations

import hashlib
import zipfile

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage

from tests.documents.conftest import unit
from tests.documents.test_outgoing_flow import awaiting_signature, instructed_request
from zhengwu.audit.models import AuditRecord
from zhengwu.core.decisions import InvalidInput, Refused
from zhengwu.documents.actions.archive import archive, verify_package
from zhengwu.documents.actions.attachments import add_attachment, remove_attachment
from zhengwu.documents.actions.intake import create_submission
from zhengwu.documents.actions.outgoing import issue, layout_for, record_signing_step, sign
from zhengwu.documents.models import Attachment, Retention

pytestmark = pytest.mark.usefixtures("frozen", "storage")

TABLE = b"%PDF-1.7\n% " + "项目,金额\n公路改建,1200\n".encode()  # accepted by content (core/uploads.py)


@pytest.fixture
def storage(settings, tmp_path):
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage", "OPTIONS": {"location": str(tmp_path)}},
    }


def upload(content: bytes = TABLE, name: str = "资金测算表.pdf") -> ContentFile:
    return ContentFile(content, name=name)


@pytest.mark.article(52)
def test_the_drafting_unit_attaches_a_file_others_may_not(user) -> None:
    draft = create_submission(
        user("fgw_clerk"),
        unit("fgw"),
        "qingshi",
        "关于安排项目资金的请示",
        "请批示。",
        ["安排项目资金"],
        [unit("gov")],
        [],
    )
    attachment = add_attachment(user("fgw_clerk"), draft, "项目资金测算表", upload())
    assert (attachment.position, attachment.size) == (1, len(TABLE))
    assert attachment.sm3 == hashlib.new("sm3", TABLE).hexdigest()
    assert default_storage.open(attachment.file.name).read() == TABLE
    record = AuditRecord.objects.get(action="documents.attachment.add", object_id=str(draft.pk))
    assert (record.article, record.details["sm3"]) == (52, attachment.sm3)
    with pytest.raises(Refused):
        add_attachment(user("czj_head"), draft, "另一个附件", upload())
    assert draft.attachments.count() == 1


@pytest.mark.parametrize(
    ("content", "name", "field"), [(b"", "empty.pdf", "file"), (TABLE, "", "file")]
)  # no file name: a bad one
def test_bad_files_are_refused_and_nothing_is_kept(user, content, name, field) -> None:
    draft = create_submission(
        user("fgw_clerk"), unit("fgw"), "baogao", "关于项目进展的报告", "报告如下。", [], [unit("gov")], []
    )
    with pytest.raises(InvalidInput) as bad:
        add_attachment(user("fgw_clerk"), draft, "", upload(content, name))
    assert bad.value.field == field
    assert not Attachment.objects.exists()


def test_a_file_over_the_limit_is_refused(user, settings) -> None:
    settings.ZHENGWU_ATTACHMENT_MAX_BYTES = 10
    draft = create_submission(
        user("fgw_clerk"), unit("fgw"), "baogao", "关于项目进展的报告", "报告如下。", [], [unit("gov")], []
    )
    with pytest.raises(InvalidInput, match="不能超过"):
        add_attachment(user("fgw_clerk"), draft, "测算表", upload())


@pytest.mark.article(49, 52, 53)
def test_attachments_are_printed_frozen_at_signature_and_archived(user) -> None:
    reply = awaiting_signature(user, instructed_request(user))
    first = add_attachment(user("clerk_wendian"), reply, "项目资金安排表", upload())
    extra = add_attachment(user("clerk_wendian"), reply, "多余的表", upload(b"%PDF-x", "x.pdf"))
    remove_attachment(user("clerk_wendian"), extra)
    assert default_storage.exists(extra.file.name)  # nothing uploaded is lost
    record_signing_step(user("vice_liu"), reply, "同意。")
    sign(user("governor"), reply)
    with pytest.raises(Refused):
        add_attachment(user("clerk_wendian"), reply, "签发后补充", upload())
    assert layout_for(reply).attachments == ("项目资金安排表",)

    issue(user("clerk_wendian"), reply)
    package = archive(user("clerk_wendian"), reply, Retention.TEN_YEARS)
    with default_storage.open(package.path) as handle, zipfile.ZipFile(handle) as zf:
        stored = [n for n in zf.namelist() if n.startswith("attachments/") and n != "attachments.json"]
        assert len(stored) == 1
        assert zf.read(stored[0]) == TABLE
    assert verify_package(package).ok
    assert first.sm3 == hashlib.new("sm3", TABLE).hexdigest()
