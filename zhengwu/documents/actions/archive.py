"""归档 (art. 53): the government office archives a complete document's whole dossier as one package.

The package is a ZIP written through Django's storage API (``default_storage``, under
``archives/<year>/``, the year the document was completed), holding:

=======================  ============================================================================
``document.json``        the document's elements (文种, 发文字号, 标题, 主送, 抄送, 密级, 紧急程度…)
``document.pdf``         the document laid out per GB/T 9704: an outgoing document as issued (the file
                         copy), a submission as its unit sent it (mark, title, body, 签发人)
``versions/vN.txt``      the text (正文) of every version; ``versions.json`` says who wrote each, when,
                         and which one was frozen by the signature
``signature.json``       who signed (签发) which version, when
``opinions.json``        every opinion: returns with reasons, review, 拟办, 转批, leaders' 批示 (instructions)
``countersigns.json``    every 会签 task with its reply, extension and statement signature
``deliveries.json``      every delivery (核发) with its 份号 and receipt (签收)
``filing.json``          the art. 49 filing, where the document owed one
``audit.json``           every audit record of the document and its countersign tasks, with their hashes
``manifest.json``        every file above with its size and SM3 checksum
=======================  ============================================================================

The SM3 of ``manifest.json`` is kept in :class:`~zhengwu.documents.models.ArchivePackage`, so
:func:`verify_package` detects a change to any file, to the manifest, or to the ZIP itself.  Once
archived, a document is read-only: every action that changes a document asks
:func:`may_change_document` (the pure rule :func:`zhengwu.documents.rules.archive.may_change`).

The ZIP is written before the package row; if anything after the write fails, the file is removed
again.  (A rollback of an enclosing transaction opened by the caller would leave an unreferenced
file behind, never a row pointing at a missing file.)
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
import zipfile
import zlib
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import timezone

from zhengwu.audit import services as audit
from zhengwu.core.decisions import Decision, InvalidInput, require
from zhengwu.core.transitions import require_checks
from zhengwu.documents import selectors
from zhengwu.documents.actions.common import lock_document
from zhengwu.documents.models import (
    ArchivePackage,
    DocState,
    Document,
    FilingObligation,
    FilingState,
    Flow,
    Retention,
)
from zhengwu.documents.render import render_pdf
from zhengwu.documents.rules import archive as rules
from zhengwu.documents.services import document_history, document_visible_to
from zhengwu.notices import services as notices
from zhengwu.org.models import Person
from zhengwu.org.services import office_unit, person_of, positions_of, users_of
from zhengwu.rulebook.services import rulebook_of

__all__ = [
    "ARCHIVE",
    "DOWNLOAD",
    "FORMAT",
    "PackageCheck",
    "PackageFile",
    "archive",
    "check_package_bytes",
    "download_package",
    "is_archived",
    "may_change_document",
    "package_filename",
    "read_package",
    "sm3",
    "verify_package",
]

ARCHIVE = "documents.archive"
FORMAT = "zhengwu-archive/1"
MANIFEST = "manifest.json"


def sm3(data: bytes) -> str:
    return hashlib.new("sm3", data).hexdigest()


# -- read-only after archiving -------------------------------------------------------------------


def is_archived(document: Document) -> bool:
    return ArchivePackage.objects.filter(document_id=document.pk).exists()


def may_change_document(document: Document, what: str = "办理") -> Decision:
    """Ask before changing anything about ``document``: refused, citing art. 53, once it is archived.
    ``require(may_change_document(doc, "修改"))`` in every action that writes to a document."""
    return rules.may_change(is_archived(document), rulebook_of(document), what)


# -- the dossier ---------------------------------------------------------------------------------


def _json(value: Any) -> bytes:
    return json.dumps(value, ensure_ascii=False, indent=2, sort_keys=True).encode()


def _when(value: dt.datetime | None) -> str | None:
    return timezone.localtime(value).isoformat() if value else None


class _Names:
    """Account id → the person's name (one query for the whole dossier)."""

    def __init__(self, user_ids: Iterable[int | None]):
        ids = {i for i in user_ids if i is not None}
        self.people = {uid: name for uid, name in Person.objects.filter(user_id__in=ids).values_list("user_id", "name")}
        missing = ids - set(self.people)
        if missing:
            model = get_user_model()
            self.people |= {u.pk: u.get_username() for u in model.objects.filter(pk__in=missing)}

    def __call__(self, user_id: int | None) -> str | None:
        return self.people.get(user_id) if user_id is not None else None


def _unit(u: Any) -> dict[str, str]:
    return {"code": u.code, "name": u.name}


def _completed_at(doc: Document) -> dt.datetime:
    """When the document was completed: issued (outgoing), or its last recorded step (a submission
    answered or closed)."""
    if doc.flow == Flow.OUTGOING and doc.issued_at:
        return doc.issued_at
    last = audit.history_for(doc).order_by("-seq").values_list("at", flat=True).first()
    return last or doc.created_at


def _dossier(doc: Document) -> dict[str, bytes]:
    """Every file of the package but the manifest, by path."""
    versions = list(doc.versions.order_by("number"))
    opinions = list(doc.opinions.select_related("addressed_to").order_by("created_at", "id"))
    tasks = list(doc.countersigns.select_related("unit").order_by("unit__sort_order", "unit__code"))
    deliveries = list(doc.deliveries.select_related("unit").order_by("copy_number"))
    filing = FilingObligation.objects.filter(document=doc).select_related("unit").first()
    records = document_history(doc)
    names = _Names(
        [
            doc.created_by_id,
            doc.received_by_id,
            *(v.created_by_id for v in versions),
            *(t.replied_by_id for t in tasks),
            *(d.received_by_id for d in deliveries),
            filing.filed_by_id if filing else None,
        ]
    )

    files: dict[str, bytes] = {}
    files["document.json"] = _json(
        {
            "id": doc.pk,
            "flow": doc.flow,
            "flow_label": doc.get_flow_display(),
            "doc_type": doc.doc_type,
            "doc_type_label": doc.get_doc_type_display(),
            "direction": doc.direction,
            "number": doc.number,
            "title": doc.title,
            "issuer": _unit(doc.issuer),
            "main_recipients": [_unit(u) for u in doc.main_recipients.order_by("sort_order")],
            "copy_recipients": [_unit(u) for u in doc.copy_recipients.order_by("sort_order")],
            "addressed_person": doc.addressed_person.name if doc.addressed_person else None,
            "answers_leader_assignment": doc.answers_leader_assignment,
            "request_items": doc.request_items,
            "classification": doc.classification,
            "secrecy_period": doc.secrecy_period,
            "urgency": doc.urgency,
            "state": doc.state,
            "state_label": doc.get_state_display(),
            "major": doc.major,
            "signing_facts": doc.signing_facts,
            "disagreement_reasons": doc.disagreement_reasons,
            "disagreement_proposal": doc.disagreement_proposal,
            "note": doc.note,
            "replies_to": (
                {"id": doc.replies_to.pk, "number": doc.replies_to.number, "title": doc.replies_to.title}
                if doc.replies_to
                else None
            ),
            "answers": [{"id": a.pk, "number": a.number, "title": a.title} for a in doc.answers.order_by("id")],
            "rulebook": {
                "code": doc.rulebook_version.code,
                "version": doc.rulebook_version.version_label,
                "revision": doc.rulebook_version.revision,
            },
            "created_by": names(doc.created_by_id),
            "created_at": _when(doc.created_at),
            "received_by": names(doc.received_by_id),
            "received_at": _when(doc.received_at),
            "signed_at": _when(doc.signed_at),
            "issued_at": _when(doc.issued_at),
        }
    )
    from zhengwu.documents.actions.outgoing import layout_for

    files["document.pdf"] = render_pdf(layout_for(doc))  # every package has its PDF, whatever the flow
    for v in versions:
        files[f"versions/v{v.number}.txt"] = v.body.encode()
    attachments = list(doc.attachments.order_by("position"))
    for a in attachments:
        with a.file.open("rb") as handle:
            files[f"attachments/{a.position}-{a.file.name.rsplit('/', 1)[-1]}"] = handle.read()
    files["attachments.json"] = _json(
        [
            {
                "position": a.position,
                "name": a.name,
                "file": f"attachments/{a.position}-{a.file.name.rsplit('/', 1)[-1]}",
                "size": a.size,
                "sm3": a.sm3,
                "uploaded_at": _when(a.uploaded_at),
            }
            for a in attachments
        ]
    )
    files["versions.json"] = _json(
        [
            {
                "number": v.number,
                "file": f"versions/v{v.number}.txt",
                "frozen": v.frozen,
                "created_by": names(v.created_by_id),
                "created_at": _when(v.created_at),
            }
            for v in versions
        ]
    )
    signed = next((v.number for v in reversed(versions) if v.frozen), None)
    files["signature.json"] = _json(
        {
            "signer": doc.signer.name if doc.signer else None,
            "signer_position": doc.signer_position,
            "acting_for": doc.signer_acting_for,
            "signed_at": _when(doc.signed_at),
            "version": signed,
        }
    )
    files["opinions.json"] = _json(
        [
            {
                "kind": o.kind,
                "kind_label": o.get_kind_display(),
                "text": o.text,
                "author": o.author_name,
                "position": o.author_position,
                "addressed_to": o.addressed_to.name if o.addressed_to else None,
                "at": _when(o.created_at),
            }
            for o in opinions
        ]
    )
    files["countersigns.json"] = _json(
        [
            {
                "unit": _unit(t.unit),
                "requested_at": _when(t.requested_at),
                "due": t.due.isoformat(),
                "state": t.state,
                "state_label": t.get_state_display(),
                "reply": t.reply,
                "replied_by": names(t.replied_by_id),
                "replied_at": _when(t.replied_at),
                "extension": {
                    "state": t.extension_state,
                    "until": t.extension_until.isoformat() if t.extension_until else None,
                    "reason": t.extension_reason,
                },
                "statement_signed_at": _when(t.statement_signed_at),
            }
            for t in tasks
        ]
    )
    files["deliveries.json"] = _json(
        [
            {
                "unit": _unit(d.unit),
                "copy_number": d.copy_number,
                "copy": d.is_copy,
                "delivered_at": _when(d.delivered_at),
                "received_at": _when(d.received_at),
                "received_by": names(d.received_by_id),
                "withdrawn_at": _when(d.withdrawn_at),
                "withdrawn_reason": d.withdrawn_reason,
            }
            for d in deliveries
        ]
    )
    if filing is not None:
        files["filing.json"] = _json(
            {
                "unit": _unit(filing.unit),
                "issued_on": filing.issued_on.isoformat(),
                "due": filing.due.isoformat(),
                "state": filing.state,
                "filed_at": _when(filing.filed_at),
                "filed_by": names(filing.filed_by_id),
                "late": filing.filed_late,
                "note": filing.note,
                "reminded_at": _when(filing.reminded_at),
                "overdue_at": _when(filing.overdue_at),
            }
        )
    files["audit.json"] = _json(
        [
            {
                "seq": r.seq,
                "at": _when(r.at),
                "actor": r.actor_name,
                "position": r.actor_position,
                "acting_for": r.acting_for,
                "action": r.action,
                "summary": r.summary,
                "object_type": r.object_type,
                "object_id": r.object_id,
                "rulebook": r.rulebook,
                "article": r.article,
                "citation": r.citation,
                "details": r.details,
                "hash_alg": r.hash_alg,
                "prev_hash": r.prev_hash,
                "hash": r.hash,
                "seal_alg": r.seal_alg,
                "seal": r.seal,
            }
            for r in records
        ]
    )
    return files


def _manifest(doc: Document, files: dict[str, bytes], archiver: str, now: dt.datetime, retention: str) -> bytes:
    return _json(
        {
            "format": FORMAT,
            "hash_alg": "SM3",
            "document": {"id": doc.pk, "number": doc.number, "title": doc.title, "issuer": doc.issuer.name},
            "archived_at": _when(now),
            "archived_by": archiver,
            "retention": retention,
            "files": [{"path": path, "size": len(data), "sm3": sm3(data)} for path, data in files.items()],
        }
    )


def _zip(files: dict[str, bytes], now: dt.datetime) -> bytes:
    stamp = timezone.localtime(now).timetuple()[:6]
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as zf:
        for path, data in files.items():
            info = zipfile.ZipInfo(path, date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            zf.writestr(info, data)
    return buffer.getvalue()


# -- the action ----------------------------------------------------------------------------------


@transaction.atomic
def archive(actor: AbstractBaseUser, document: Document, retention: str) -> ArchivePackage:
    """The office archives ``document``'s whole dossier, kept for ``retention`` (a :class:`Retention`:
    10 years, 30 years or permanently).  Refused, citing art. 53, for a document not yet complete
    or already archived."""
    doc = lock_document(document, archived_ok=True)
    rb = rulebook_of(doc)
    now = timezone.now()
    office = office_unit()
    filing_pending = FilingObligation.objects.filter(document=doc, state=FilingState.PENDING).exists()
    require(
        rules.may_archive(positions_of(actor, timezone.localdate(now)), office.pk if office else None, rb),
        rules.check_not_archived(is_archived(doc), rb),
        rules.check_complete(doc.flow, doc.state, str(DocState(doc.state).label), filing_pending, rb),
    )
    kept = rules.check_retention(retention, rb)
    if not kept.allowed:  # not one of the three periods: malformed input, answered with the rule's sentence
        raise InvalidInput(kept.explanation, field="retention")
    completed = timezone.localdate(_completed_at(doc))
    years = rules.retention_years(retention)
    person = person_of(actor)
    archiver = person.name if person else actor.get_username()
    files = _dossier(doc)
    manifest = _manifest(doc, files, archiver, now, retention)
    manifest_sm3 = sm3(manifest)
    package_bytes = _zip({**files, MANIFEST: manifest}, now)
    path = default_storage.save(
        f"archives/{completed.year}/{doc.pk}-{manifest_sm3[:16]}.zip", ContentFile(package_bytes)
    )
    try:
        package = ArchivePackage.objects.create(
            document=doc,
            path=path,
            manifest_sm3=manifest_sm3,
            size=len(package_bytes),
            file_count=len(files) + 1,
            retention=retention,
            retention_years=years,
            destroy_after=rules.destroy_after(completed, years),
            created_at=now,
            created_by_id=actor.pk,
        )
        label = str(Retention(retention).label)
        audit.record(
            actor=actor,
            action=ARCHIVE,
            target=doc,
            citation=rb.cite(rules.PROVISION),
            summary=f"归档：{doc.number or ''}《{doc.title}》，{len(files) + 1}个文件，保管期限{label}",
            details={
                "package": package.pk,
                "path": path,
                "manifest_sm3": manifest_sm3,
                "size": len(package_bytes),
                "files": sorted([*files, MANIFEST]),
                "retention": retention,
                "destroy_after": package.destroy_after.isoformat() if package.destroy_after else None,
            },
        )
        notices.send(
            users_of([person_of(doc.created_by)]),
            f"已归档：《{doc.title}》",
            f"保管期限{label}。归档后不能再修改。",
            rb.cite(rules.PROVISION),
        )
    except BaseException:
        default_storage.delete(path)
        raise
    return package


# -- verification --------------------------------------------------------------------------------


@dataclass(frozen=True)
class PackageCheck:
    """The outcome of :func:`verify_package`: ok, or the files that differ, each with why."""

    ok: bool
    differing: tuple[str, ...] = ()
    problems: tuple[str, ...] = ()

    @property
    def message(self) -> str:
        return "归档包完整，校验一致。" if self.ok else "；".join(self.problems)


def _read(zf: zipfile.ZipFile, name: str) -> bytes | None:
    """A member's bytes, or None when it is missing or cannot be read (its CRC or compression broken)."""
    try:
        return zf.read(name)
    except (KeyError, zipfile.BadZipFile, zlib.error, EOFError, ValueError):
        return None


def verify_package(package: ArchivePackage) -> PackageCheck:
    """Re-read the stored ZIP and check the manifest against its recorded SM3 and every file
    against the manifest; say which file differs."""
    data = read_package(package)
    if data is None:
        return PackageCheck(False, (package.path,), (f"归档包{package.path}不存在或无法读取。",))
    return check_package_bytes(data, package.manifest_sm3, package.size, package.path)


def read_package(package: ArchivePackage) -> bytes | None:
    try:
        with default_storage.open(package.path, "rb") as fh:
            return bytes(fh.read())
    except OSError:
        return None


def check_package_bytes(data: bytes, manifest_sm3: str, size: int | None, label: str) -> PackageCheck:
    """Check a package's bytes: its manifest against ``manifest_sm3`` (recorded when it was
    archived), every file against the manifest, no file outside it, and its ``size`` (when known).
    Needs no database: the archives check an exported package with it too."""
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile:
        return PackageCheck(False, (label,), (f"归档包{label}已损坏，无法打开。",))
    differing: list[str] = []
    problems: list[str] = []

    def differs(name: str, why: str) -> None:
        if name not in differing:
            differing.append(name)
        problems.append(f"{name}：{why}")

    with zf:
        manifest_bytes = _read(zf, MANIFEST)
        if manifest_bytes is None:
            return PackageCheck(False, (MANIFEST,), (f"{MANIFEST}：缺失或无法读取。",))
        if sm3(manifest_bytes) != manifest_sm3:
            differs(MANIFEST, "清单的SM3与归档记录不符，清单被改动。")
        try:
            entries = json.loads(manifest_bytes)["files"]
            listed = {str(e["path"]): str(e["sm3"]) for e in entries}
        except (ValueError, KeyError, TypeError):
            return PackageCheck(False, (MANIFEST,), (f"{MANIFEST}：无法解析。",))
        for name, expected in listed.items():
            content = _read(zf, name)
            if content is None:
                differs(name, "缺失或已损坏，无法读取。")
            elif sm3(content) != expected:
                differs(name, "SM3校验值与清单不符，内容被改动。")
        for name in zf.namelist():
            if name != MANIFEST and name not in listed:
                differs(name, "清单中没有此文件。")
    if size is not None and len(data) != size and not differing:
        problems.append(f"归档包大小{len(data)}字节，与归档记录的{size}字节不符。")
        differing.append(label)
    return PackageCheck(not differing, tuple(differing), tuple(problems))


# -- download (a package leaves the server) ------------------------------------------------------


DOWNLOAD = "documents.archive_download"


@dataclass(frozen=True)
class PackageFile:
    """A package as it leaves the server: its bytes, a file name, its manifest's SM3 (what the
    archives check the manifest against) and the SM3 of the whole ZIP."""

    filename: str
    data: bytes
    manifest_sm3: str
    sm3: str


def package_filename(package: ArchivePackage) -> str:
    return f"archive-{package.document_id}-{package.manifest_sm3[:16]}.zip"


@transaction.atomic
def download_package(actor: AbstractBaseUser, document: Document) -> PackageFile:
    """下载归档包: for whoever may read the document (``documents_visible_to``), once it is archived,
    and only while the package still matches its manifest.  Every download is recorded."""
    rb = rulebook_of(document)
    require_checks(
        rules.may_read_package(document_visible_to(actor, document), rb),
        *selectors.download_archive_checks(actor, document),
    )
    package = ArchivePackage.objects.get(document=document)
    data = read_package(package)
    check = (
        check_package_bytes(data, package.manifest_sm3, package.size, package.path)
        if data is not None
        else PackageCheck(False, (package.path,), (f"归档包{package.path}不存在或无法读取",))
    )
    require(rules.check_package_intact(check.ok, check.message, rb))
    assert data is not None
    digest = sm3(data)
    audit.record(
        actor=actor,
        action=DOWNLOAD,
        target=document,
        citation=rb.cite(rules.PROVISION),
        summary=f"下载归档包：{document.number or ''}《{document.title}》，{len(data)}字节",
        details={"package": package.pk, "manifest_sm3": package.manifest_sm3, "sm3": digest, "size": len(data)},
    )
    return PackageFile(package_filename(package), data, package.manifest_sm3, digest)
