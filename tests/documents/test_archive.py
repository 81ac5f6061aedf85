"""归档 (art. 53): a complete document's whole dossier archived by the office as one package —
the PDF, every version, opinion, countersign reply, instruction, signature, delivery and receipt,
and the audit records — with a manifest of SM3 checksums; read-only from then on; tampering with
the stored ZIP is detected, naming the file."""

from __future__ import annotations

import io
import json
import struct
import zipfile
from typing import Any

import pdfplumber
import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage

from tests.documents.conftest import D, unit
from zhengwu.audit.models import AuditRecord
from zhengwu.core.decisions import InvalidInput, Refused
from zhengwu.documents.actions.archive import archive, is_archived, may_change_document, sm3, verify_package
from zhengwu.documents.actions.countersign import reply as countersign_reply
from zhengwu.documents.actions.filing import file_with_office, on_issued
from zhengwu.documents.actions.intake import check, instruct, receive, sign_and_submit, write_office_opinion
from zhengwu.documents.actions.outgoing import (
    draft_outgoing,
    issue,
    receive_delivery,
    record_signing_step,
    review,
    revise_outgoing,
    sign,
    submit_for_review,
)
from zhengwu.documents.models import ArchivePackage, CountersignState, Delivery, DocState, Document, Retention

pytestmark = [pytest.mark.article(53), pytest.mark.usefixtures("frozen", "archive_storage")]

REPLY_BODY = "发展和改革委员会：\n你委《关于申请安排重大项目前期工作经费的请示》收悉。经研究，同意安排。\n此复。"


@pytest.fixture
def archive_storage(settings, tmp_path):
    """The default storage in a temporary folder (the package goes through Django's storage API)."""
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage", "OPTIONS": {"location": tmp_path}},
    }
    return tmp_path


def answered_request(user, countersigning) -> tuple[Document, Document]:
    """The 发展改革委's 请示 (countersigned by the 财政局 and the 司法局) through intake to the 分管
    副州长's 批示, and the government's 批复 drafted, signed, issued and received: (request, reply)."""
    request, tasks = countersigning
    countersign_reply(user("czj_head"), tasks["czj"], CountersignState.AGREED)
    countersign_reply(user("sfj_head"), tasks["sfj"], CountersignState.AGREED_WITH_COMMENTS, "建议明确资金来源。")
    sign_and_submit(user("fgw_head"), request)
    receive(user("clerk_wendian"), request)
    check(user("clerk_wendian"), request)
    write_office_opinion(user("office_director"), request, "拟请刘振东副州长阅示。")
    instruct(user("vice_liu"), request, "同意，请办公室起草批复。")
    answer = draft_outgoing(
        user("clerk_wendian"),
        unit("gov"),
        "pifu",
        "关于同意安排重大项目前期工作经费的批复",
        REPLY_BODY,
        [unit("fgw")],
        [unit("czj")],
        signing_facts={"important": True},
        replies_to=request,
    )
    submit_for_review(user("clerk_wendian"), answer)
    review(user("office_director"), answer, True, "文种、格式符合要求。")
    record_signing_step(user("vice_liu"), answer, "同意，请州长签发。")
    sign(user("governor"), answer)
    issue(user("clerk_wendian"), answer)
    receive_delivery(user("fgw_clerk"), Delivery.objects.get(document=answer, unit__code="fgw"))
    request.refresh_from_db()
    assert request.state == DocState.ANSWERED
    return request, answer


def stored_zip(package: ArchivePackage) -> zipfile.ZipFile:
    with default_storage.open(package.path, "rb") as fh:
        return zipfile.ZipFile(io.BytesIO(fh.read()))


def member_json(zf: zipfile.ZipFile, name: str) -> Any:
    return json.loads(zf.read(name))


def rewrite(package: ArchivePackage, files: dict[str, bytes]) -> None:
    """Replace the stored ZIP by one with ``files`` (valid CRCs: only the SM3 checksums can tell)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as out:
        for name, data in files.items():
            out.writestr(name, data)
    default_storage.delete(package.path)
    assert default_storage.save(package.path, ContentFile(buffer.getvalue())) == package.path


def test_an_issued_document_is_archived_with_its_whole_dossier(user, countersigning) -> None:
    _, answer = answered_request(user, countersigning)
    package = archive(user("clerk_wendian"), answer, Retention.PERMANENT)

    assert package.path.startswith("archives/2026/")
    assert (package.retention, package.retention_years, package.destroy_after) == ("permanent", None, None)
    zf = stored_zip(package)
    names = set(zf.namelist())
    assert names == {
        "document.json",
        "document.pdf",
        "versions/v1.txt",
        "versions.json",
        "signature.json",
        "opinions.json",
        "countersigns.json",
        "deliveries.json",
        "audit.json",
        "manifest.json",
        "attachments.json",
    }
    assert package.file_count == len(names)
    assert package.size == default_storage.size(package.path)

    manifest_bytes = zf.read("manifest.json")
    assert sm3(manifest_bytes) == package.manifest_sm3
    manifest = json.loads(manifest_bytes)
    assert manifest["hash_alg"] == "SM3"
    assert {e["path"] for e in manifest["files"]} == names - {"manifest.json"}
    for entry in manifest["files"]:
        data = zf.read(entry["path"])
        assert entry["sm3"] == sm3(data), entry["path"]
        assert entry["size"] == len(data)

    assert zf.read("document.pdf").startswith(b"%PDF")
    assert zf.read("versions/v1.txt").decode() == answer.versions.get().body
    document = member_json(zf, "document.json")
    assert (document["number"], document["replies_to"]["title"]) == (
        "克政发〔2026〕1号",
        "关于申请安排重大项目前期工作经费的请示",
    )
    assert member_json(zf, "signature.json") == {
        "signer": "买买提·艾力",
        "signer_position": "州长",
        "acting_for": "",
        "signed_at": document["signed_at"],
        "version": 1,
    }
    opinions = member_json(zf, "opinions.json")
    assert [o["kind"] for o in opinions] == ["review_passed", "signing_step"]
    deliveries = {d["unit"]["code"]: d for d in member_json(zf, "deliveries.json")}
    assert (deliveries["fgw"]["received_by"], deliveries["czj"]["received_at"]) == ("孙磊", None)
    actions = [r["action"] for r in member_json(zf, "audit.json")]
    assert actions == [
        "documents.outgoing.draft",
        "documents.outgoing.submit_for_review",
        "documents.outgoing.review_passed",
        "documents.outgoing.signing_step",
        "documents.outgoing.sign",
        "documents.outgoing.issue",
        "documents.outgoing.receive_delivery",
    ]
    assert all(len(r["hash"]) == 64 and r["seal"] for r in member_json(zf, "audit.json"))

    record = AuditRecord.objects.get(action="documents.archive", object_id=str(answer.pk))
    assert (record.article, record.details["manifest_sm3"]) == (53, package.manifest_sm3)
    assert verify_package(package).ok


def test_an_answered_request_keeps_its_countersign_replies_and_instructions(user, countersigning) -> None:
    request, answer = answered_request(user, countersigning)
    package = archive(user("clerk_wendian"), request, Retention.THIRTY_YEARS)

    assert (package.retention_years, package.destroy_after) == (30, D(2056, 12, 31))
    zf = stored_zip(package)
    # every package has its PDF: the submission laid out as its unit sent it, signed by the unit's head
    pdf = zf.read("document.pdf")
    assert pdf.startswith(b"%PDF")
    with pdfplumber.open(io.BytesIO(pdf)) as document:
        text = "\n".join(page.extract_text() for page in document.pages)
    for expected in (
        "克孜勒苏柯尔克孜自治州发展和改革委员会文件",
        "签发人：周强",
        request.title,
        "州人民政府：",
        request.versions.get().body.splitlines()[-1].strip(),
    ):
        assert expected in text, expected
    assert {e["path"] for e in member_json(zf, "manifest.json")["files"]} >= {"document.pdf", "versions/v1.txt"}
    countersigns = {c["unit"]["code"]: c for c in member_json(zf, "countersigns.json")}
    assert countersigns["czj"]["state"] == "agreed"
    assert (countersigns["sfj"]["state"], countersigns["sfj"]["reply"]) == (
        "agreed_with_comments",
        "建议明确资金来源。",
    )
    assert countersigns["sfj"]["replied_by"] == "热合曼·阿不都"
    opinions = {o["kind"]: o for o in member_json(zf, "opinions.json")}
    instruction = opinions["instruction"]
    assert (instruction["text"], instruction["author"]) == ("同意，请办公室起草批复。", "刘振东")
    assert opinions["office_opinion"]["addressed_to"] == "刘振东"
    assert member_json(zf, "signature.json")["signer"] == "周强"
    assert member_json(zf, "document.json")["answers"] == [
        {"id": answer.pk, "number": "克政发〔2026〕1号", "title": answer.title}
    ]
    actions = [r["action"] for r in member_json(zf, "audit.json")]
    assert actions.count("documents.countersign.reply") == 2  # recorded on the tasks, archived with the request
    assert actions[-1] == "documents.outgoing.answered"
    assert verify_package(package).ok


def test_a_byte_changed_in_the_stored_zip_is_detected_and_named(user, countersigning) -> None:
    _, answer = answered_request(user, countersigning)
    package = archive(user("clerk_wendian"), answer, Retention.TEN_YEARS)
    with default_storage.open(package.path, "rb") as fh:
        data = bytearray(fh.read())
    info = zipfile.ZipFile(io.BytesIO(bytes(data))).getinfo("opinions.json")
    name_len, extra_len = struct.unpack("<HH", data[info.header_offset + 26 : info.header_offset + 30])
    start = info.header_offset + 30 + name_len + extra_len
    data[start + info.compress_size // 2] ^= 0x01
    default_storage.delete(package.path)
    default_storage.save(package.path, ContentFile(bytes(data)))

    result = verify_package(package)
    assert not result.ok
    assert result.differing == ("opinions.json",)
    assert "opinions.json" in result.message


def test_a_file_rewritten_with_a_valid_zip_is_caught_by_its_sm3(user, countersigning) -> None:
    _, answer = answered_request(user, countersigning)
    package = archive(user("clerk_wendian"), answer, Retention.TEN_YEARS)
    with default_storage.open(package.path, "rb") as fh:
        original = fh.read()
    zf = stored_zip(package)
    files = {name: zf.read(name) for name in zf.namelist()}

    text = files["versions/v1.txt"].decode().replace("同意安排", "不予安排")
    forged = dict(files, **{"versions/v1.txt": text.encode()})
    rewrite(package, forged)
    result = verify_package(package)
    assert (result.ok, result.differing) == (False, ("versions/v1.txt",))
    assert "SM3校验值与清单不符" in result.message

    # the forger also fixes the manifest's checksum: the manifest's own SM3 in the database differs
    manifest = json.loads(files["manifest.json"])
    for entry in manifest["files"]:
        if entry["path"] == "versions/v1.txt":
            entry["sm3"] = sm3(forged["versions/v1.txt"])
    rewrite(package, dict(forged, **{"manifest.json": json.dumps(manifest, ensure_ascii=False).encode()}))
    assert verify_package(package).differing == ("manifest.json",)

    # an extra file slipped in, and a file taken out
    extra = dict(files, **{"note.txt": b"x"})
    del extra["deliveries.json"]
    rewrite(package, extra)
    assert set(verify_package(package).differing) == {"deliveries.json", "note.txt"}

    rewrite(package, files)  # every file intact, but not the ZIP that was archived
    assert verify_package(package).differing == (package.path,)

    default_storage.delete(package.path)
    default_storage.save(package.path, ContentFile(original))
    assert verify_package(package).ok


def test_an_incomplete_or_archived_document_is_refused(user, countersigning) -> None:
    request, _ = countersigning
    with pytest.raises(Refused) as draft:
        archive(user("clerk_wendian"), request, Retention.TEN_YEARS)
    assert draft.value.explanations == [
        "公文当前状态为“会签中”，尚未办理完毕；答复或办结后方可归档（《工作规则》第五十三条）"
    ]

    request, answer = answered_request(user, countersigning)
    archive(user("clerk_wendian"), answer, Retention.TEN_YEARS)
    with pytest.raises(Refused) as twice:
        archive(user("clerk_wendian"), answer, Retention.PERMANENT)
    assert twice.value.explanations == ["本件已经归档，不能重复归档（《工作规则》第五十三条）"]
    with pytest.raises(InvalidInput) as bad:
        archive(user("clerk_wendian"), request, "5y")
    assert bad.value.field == "retention"
    assert bad.value.message == "请选择保管期限：永久、定期30年或定期10年（《工作规则》第五十三条）"
    assert ArchivePackage.objects.count() == 1
    assert len(default_storage.listdir("archives/2026")[1]) == 1  # refusals wrote no file


def test_an_instructed_request_awaiting_its_answer_is_not_complete(user, countersigning) -> None:
    request, tasks = countersigning
    for code in ("czj", "sfj"):
        countersign_reply(user(f"{code}_head"), tasks[code], CountersignState.AGREED)
    sign_and_submit(user("fgw_head"), request)
    receive(user("clerk_wendian"), request)
    check(user("clerk_wendian"), request)
    write_office_opinion(user("office_director"), request, "拟请刘振东副州长阅示。")
    instruct(user("vice_liu"), request, "同意，请办公室起草批复。")
    with pytest.raises(Refused) as refused:
        archive(user("clerk_wendian"), request, Retention.TEN_YEARS)
    assert "公文当前状态为“已批示”，尚未办理完毕" in refused.value.explanations[0]


def test_only_the_office_archives(user, countersigning) -> None:
    _, answer = answered_request(user, countersigning)
    for username in ("fgw_clerk", "admin", "fgw_head"):
        with pytest.raises(Refused) as refused:
            archive(user(username), answer, Retention.TEN_YEARS)
        assert refused.value.explanations == [
            "公文办理完毕后由州人民政府办公室整理归档，您无权归档（《工作规则》第五十三条）"
        ]
    assert not ArchivePackage.objects.exists()
    assert not default_storage.exists("archives")
    archive(user("clerk_wendian"), answer, Retention.TEN_YEARS)
    assert is_archived(answer)


def test_an_archived_document_is_read_only(user, countersigning) -> None:
    request, answer = answered_request(user, countersigning)
    tasks = countersigning[1]
    assert may_change_document(answer).allowed
    archive(user("clerk_wendian"), answer, Retention.TEN_YEARS)
    decision = may_change_document(answer, "修改")
    assert not decision.allowed
    assert decision.explanation == "本件已归档，档案只读，不能修改（《工作规则》第五十三条）"
    # and every action that would change it says so
    archive(user("clerk_wendian"), request, Retention.TEN_YEARS)
    attempts = [
        ("办理", lambda: revise_outgoing(user("clerk_wendian"), answer, REPLY_BODY + "补充。")),
        ("办理", lambda: instruct(user("governor"), request, "再阅。")),
        ("办理", lambda: countersign_reply(user("czj_head"), tasks["czj"], CountersignState.AGREED)),
        (
            "答复",
            lambda: draft_outgoing(
                user("clerk_wendian"), unit("gov"), "pifu", "补充批复", REPLY_BODY, [unit("fgw")], replies_to=request
            ),
        ),
    ]
    for verb, attempt in attempts:
        with pytest.raises(Refused) as refused:
            attempt()
        assert refused.value.explanations == [f"本件已归档，档案只读，不能{verb}（《工作规则》第五十三条）"]


@pytest.mark.article(49, 53)
def test_an_agreed_department_document_is_archived_once_filed(user) -> None:
    doc = draft_outgoing(
        user("fgw_clerk"),
        unit("fgw"),
        "tongzhi",
        "关于印发《重大项目前期工作管理办法》的通知",
        "各县（市）人民政府：\n经自治州人民政府同意，现印发给你们。",
        [unit("atushi")],
        signing_facts={"agreed_by_government": True},
    )
    submit_for_review(user("fgw_clerk"), doc)
    review(user("fgw_head"), doc, True, "")
    sign(user("vice_liu"), doc)
    issue(user("fgw_clerk"), doc)
    obligation = on_issued(user("fgw_clerk"), doc)
    assert obligation is not None
    with pytest.raises(Refused) as pending:
        archive(user("clerk_wendian"), doc, Retention.THIRTY_YEARS)
    assert "尚未向州人民政府办公室报备；报备后方可归档" in pending.value.explanations[0]

    file_with_office(user("fgw_clerk"), obligation)
    package = archive(user("clerk_wendian"), doc, Retention.THIRTY_YEARS)
    filing = member_json(stored_zip(package), "filing.json")
    assert (filing["due"], filing["state"], filing["late"], filing["filed_by"]) == (
        "2026-12-31",
        "filed",
        False,
        "孙磊",
    )
    actions = [r["action"] for r in member_json(stored_zip(package), "audit.json")]
    assert {"documents.filing.open", "documents.filing.file"} <= set(actions)
