"""The archive leaves the server (art. 53): a document's package downloads, as a ZIP with its SM3
manifest, for whoever may read the document (page and API, every download recorded); the whole
archive, or one year of it, exports to a folder with a transfer list for the archives, and an
exported folder is verified without the database."""

from __future__ import annotations

import io
import json
import zipfile
from io import StringIO
from pathlib import Path

import pytest
import time_machine
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import CommandError, call_command

from tests.api.conftest import Api
from tests.web.test_documents_records import issued_reply
from zhengwu.audit.models import AuditRecord
from zhengwu.core.decisions import Refused
from zhengwu.documents import archive_export
from zhengwu.documents.actions.archive import archive, download_package, sm3
from zhengwu.documents.models import ArchivePackage, Document
from zhengwu.documents.services import document_visible_to

pytestmark = [pytest.mark.article(53), pytest.mark.usefixtures("frozen", "archive_storage")]


@pytest.fixture
def frozen():
    with time_machine.travel("2026-12-01 09:00 +0800", tick=False) as traveller:
        yield traveller


@pytest.fixture
def archive_storage(settings, tmp_path):
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": tmp_path / "media"},
        },
    }
    return tmp_path / "media"


def archived(user) -> tuple[Document, ArchivePackage]:
    reply = issued_reply(user)
    return reply, archive(user("clerk_wendian"), reply, "30y")


def downloads(doc: Document) -> list[str]:
    return list(
        AuditRecord.objects.filter(action="documents.archive_download", object_id=str(doc.pk)).values_list(
            "actor_name", flat=True
        )
    )


def damage(package: ArchivePackage) -> None:
    """Rewrite one file inside the stored ZIP (a valid ZIP: only the SM3 checksums can tell)."""
    with default_storage.open(package.path, "rb") as fh:
        original = zipfile.ZipFile(io.BytesIO(fh.read()))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as out:
        for name in original.namelist():
            out.writestr(name, b"{}" if name == "signature.json" else original.read(name))
    default_storage.delete(package.path)
    assert default_storage.save(package.path, ContentFile(buffer.getvalue())) == package.path


def test_a_reader_downloads_the_package_from_the_page_and_it_is_recorded(user, client_as) -> None:
    reply, package = archived(user)
    assert document_visible_to(user("fgw_clerk"), reply)  # delivered to the 发展改革委
    reader = client_as("fgw_clerk")
    page = reader.get(f"/documents/{reply.pk}/").content.decode()
    assert f"/documents/{reply.pk}/archive/package/" in page
    got = reader.get(f"/documents/{reply.pk}/archive/package/")
    assert got.status_code == 200
    assert got["Content-Type"] == "application/zip"
    assert f'filename="archive-{reply.pk}-{package.manifest_sm3[:16]}.zip"' in got["Content-Disposition"]
    data = got.content
    assert (got["X-Archive-SM3"], got["X-Archive-Manifest-SM3"]) == (sm3(data), package.manifest_sm3)
    zf = zipfile.ZipFile(io.BytesIO(data))
    manifest = zf.read("manifest.json")
    assert sm3(manifest) == package.manifest_sm3
    assert all(sm3(zf.read(e["path"])) == e["sm3"] for e in json.loads(manifest)["files"])
    assert downloads(reply) == ["孙磊"]


def test_no_button_and_no_package_for_those_who_may_not_read_the_document(user, client_as) -> None:
    reply, _ = archived(user)
    assert not document_visible_to(user("wuqia_head"), reply)
    outsider = client_as("wuqia_head")
    assert outsider.get(f"/documents/{reply.pk}/archive/package/").status_code == 404
    assert outsider.get(f"/documents/{reply.pk}/").status_code == 404
    with pytest.raises(Refused) as refused:
        download_package(user("wuqia_head"), reply)  # the action asks again
    assert "不能下载其归档包" in refused.value.explanations[0]
    assert downloads(reply) == []


def test_before_archiving_there_is_nothing_to_download(user, client_as) -> None:
    reply = issued_reply(user)
    office = client_as("clerk_wendian")
    assert f"/documents/{reply.pk}/archive/package/" not in office.get(f"/documents/{reply.pk}/").content.decode()
    refused = office.get(f"/documents/{reply.pk}/archive/package/")
    assert refused.status_code == 403
    assert "本件尚未归档，没有归档包可以下载" in refused.content.decode()


def test_the_api_serves_the_package_to_readers_only(user, client_as) -> None:
    reply, package = archived(user)
    got = Api(client_as("czj_head")).get(f"/documents/{reply.pk}/archive/package")  # copied to the 财政局
    assert got.status_code == 200
    assert got["Content-Type"] == "application/zip"
    assert got["X-Archive-Manifest-SM3"] == package.manifest_sm3
    assert zipfile.ZipFile(io.BytesIO(got.content)).read("manifest.json")
    hidden = Api(client_as("wuqia_head")).get(f"/documents/{reply.pk}/archive/package")
    assert hidden.status_code == 404
    assert Api(client_as("czj_head")).get("/documents/999999/archive/package").status_code == 404
    record = AuditRecord.objects.get(action="documents.archive_download", object_id=str(reply.pk))
    assert (record.article, record.details["sm3"]) == (53, sm3(got.content))


def test_a_damaged_package_is_not_handed_out(user, client_as) -> None:
    reply, package = archived(user)
    damage(package)
    refused = Api(client_as("fgw_clerk")).get(f"/documents/{reply.pk}/archive/package")
    assert refused.status_code == 403
    detail = refused.json()["detail"]
    assert "signature.json" in detail
    assert "第五十三条" in detail
    assert downloads(reply) == []


# ---------------------------------------------------------------- bulk export for the archives


def export(folder: Path, *args: str) -> str:
    out = StringIO()
    call_command("archive", "export", str(folder), *args, stdout=out)
    return out.getvalue()


def verify(folder: Path, *args: str) -> tuple[int, str]:
    err = StringIO()
    try:
        call_command("archive", "verify", str(folder), *args, stdout=StringIO(), stderr=err)
    except SystemExit as exc:
        return int(exc.code or 0), err.getvalue()
    return 0, err.getvalue()


def test_export_writes_the_packages_and_a_transfer_list_that_verifies(user, tmp_path) -> None:
    reply, package = archived(user)
    folder = tmp_path / "transfer"
    said = export(folder, "--year", "2026")
    manifest_bytes = (folder / "manifest.json").read_bytes()
    assert f"移交清单 manifest.json 的SM3：{sm3(manifest_bytes)}" in said
    listing = json.loads(manifest_bytes)
    assert (listing["format"], listing["year"], listing["count"]) == ("zhengwu-archive-export/1", 2026, 1)
    entry = listing["packages"][0]
    assert entry["file"] == f"2026/archive-{reply.pk}-{package.manifest_sm3[:16]}.zip"
    assert (entry["document"]["number"], entry["retention"], entry["manifest_sm3"]) == (
        reply.number,
        "30y",
        package.manifest_sm3,
    )
    with default_storage.open(package.path, "rb") as fh:
        assert (folder / entry["file"]).read_bytes() == fh.read()  # byte for byte as archived
    assert entry["sm3"] == sm3((folder / entry["file"]).read_bytes())
    assert verify(folder) == (0, "")
    assert verify(folder, "--manifest-sm3", sm3(manifest_bytes)) == (0, "")
    record = AuditRecord.objects.get(action="documents.archive_export")
    assert (record.details["count"], record.details["manifest_sm3"]) == (1, sm3(manifest_bytes))

    other_year = tmp_path / "2025"
    assert "归档包0个" in export(other_year, "--year", "2025")
    assert json.loads((other_year / "manifest.json").read_text())["packages"] == []


def test_verify_names_what_was_changed_added_or_removed(user, tmp_path) -> None:
    archived(user)
    folder = tmp_path / "transfer"
    export(folder)
    listing = json.loads((folder / "manifest.json").read_text())
    zipped = folder / listing["packages"][0]["file"]
    original = zipped.read_bytes()

    zipped.write_bytes(original[:-30] + bytes(30))
    code, said = verify(folder)
    assert code == 1
    assert listing["packages"][0]["file"] in said
    assert "文件被改动" in said

    zipped.write_bytes(original)
    (folder / "2026" / "extra.pdf").write_bytes(b"%PDF-1.4")
    code, said = verify(folder)
    assert (code, "2026/extra.pdf：清单中没有此文件" in said) == (1, True)
    (folder / "2026" / "extra.pdf").unlink()

    assert verify(folder, "--manifest-sm3", "0" * 64)[0] == 1
    zipped.unlink()
    code, said = verify(folder)
    assert (code, "缺失或无法读取" in said) == (1, True)


def test_a_rewritten_transfer_list_or_package_inside_is_caught(user, tmp_path) -> None:
    archived(user)
    folder = tmp_path / "transfer"
    export(folder)
    listing = json.loads((folder / "manifest.json").read_text())
    entry = listing["packages"][0]
    # a package rebuilt with a changed file, its size and SM3 updated in the list: its own
    # manifest (recorded SM3) still tells
    zipped = folder / entry["file"]
    original = zipfile.ZipFile(io.BytesIO(zipped.read_bytes()))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as out:
        for name in original.namelist():
            out.writestr(name, b"{}" if name == "opinions.json" else original.read(name))
    zipped.write_bytes(buffer.getvalue())
    entry["size"], entry["sm3"] = len(buffer.getvalue()), sm3(buffer.getvalue())
    (folder / "manifest.json").write_text(json.dumps(listing))
    code, said = verify(folder)
    assert code == 1
    assert "opinions.json：SM3校验值与清单不符" in said


def test_export_refuses_a_used_folder_and_a_damaged_package(user, tmp_path) -> None:
    _, package = archived(user)
    used = tmp_path / "used"
    used.mkdir()
    (used / "x.txt").write_text("x")
    with pytest.raises(CommandError, match="不是空文件夹"):
        export(used)
    damage(package)
    fresh = tmp_path / "fresh"
    with pytest.raises(CommandError, match=r"signature\.json"):
        export(fresh)
    assert not fresh.exists()  # nothing written
    assert not AuditRecord.objects.filter(action="documents.archive_export").exists()
    assert archive_export.verify_folder(fresh).ok is False
