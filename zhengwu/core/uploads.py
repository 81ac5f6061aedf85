"""What files are accepted: judged by their content, never by their name alone.

Every upload path (a document's 附件, a meeting's papers) calls :func:`check_upload` before storing
anything.  A file is accepted when:

- its content is one of the accepted kinds (:data:`KINDS`): PDF, OFD (a zip holding ``OFD.xml``),
  DOCX, XLSX, DOC/XLS (OLE2), JPEG, PNG; ZIP only where the caller allows it;
- its name's extension is one of that kind's (a Windows program renamed ``.pdf`` is refused, and so is
  a PDF named ``.docx``);
- an office or zip file does not inflate beyond ``ZHENGWU_UPLOAD_MAX_INFLATED_BYTES`` (a "zip bomb"),
  counted while actually inflating, not from the sizes the archive claims;
- its name is a plain file name: no path, no control or bidirectional characters, not too long.

Executables (MZ, ELF, Mach-O), scripts (``#!``) and HTML/SVG/XML are refused by name of what they
are.  Each refusal is :class:`InvalidInput` on the field ``file`` (``name`` for the file name), with a
sentence saying what was found and what is accepted.  :func:`sniff` and :func:`check_name` are pure.
"""

from __future__ import annotations

import io
import os
import unicodedata
import zipfile
from dataclasses import dataclass
from typing import IO, Any

from zhengwu.core.decisions import InvalidInput
from zhengwu.core.i18n import _
from zhengwu.core.text_checks import bidi_problem

MAX_NAME = 200
HEAD = 4096
CHUNK = 64 * 1024
MAX_MEMBERS = 10_000


@dataclass(frozen=True)
class Kind:
    code: str
    label: str
    extensions: tuple[str, ...]


PDF = Kind("pdf", "PDF", (".pdf",))
OFD = Kind("ofd", "OFD", (".ofd",))
DOCX = Kind("docx", "Word（DOCX）", (".docx",))
XLSX = Kind("xlsx", "Excel（XLSX）", (".xlsx",))
OLE2 = Kind("ole2", "Word/Excel 97-2003（DOC/XLS）", (".doc", ".xls"))
JPEG = Kind("jpeg", "JPEG", (".jpg", ".jpeg"))
PNG = Kind("png", "PNG", (".png",))
ZIP = Kind("zip", "ZIP", (".zip",))

KINDS = (PDF, OFD, DOCX, XLSX, OLE2, JPEG, PNG)  # what a document or a meeting paper may be
ZIPPED = (OFD, DOCX, XLSX, ZIP)


class Refusal(Exception):
    """Why content was refused (a sentence); :func:`check_upload` turns it into InvalidInput."""


def _accepted(kinds: tuple[Kind, ...]) -> str:
    return "、".join(k.label for k in kinds)


def _zip_kind(stream: IO[bytes], max_inflated: int) -> Kind:
    """OFD, DOCX, XLSX or a plain ZIP; refuses a broken archive or one inflating beyond the bound."""
    try:
        archive = zipfile.ZipFile(stream)
    except (zipfile.BadZipFile, OSError, ValueError):
        raise Refusal(_("文件内容是损坏的压缩包（ZIP），无法打开。")) from None
    with archive:
        infos = archive.infolist()
        if len(infos) > MAX_MEMBERS:
            raise Refusal(_("压缩包内文件过多（{count}个）。", count=len(infos)))
        limit_text = f"{max_inflated / (1024 * 1024):.0f} MB"
        if sum(i.file_size for i in infos) > max_inflated:
            raise Refusal(_("文件解压后超过{limit}，系统不接受。", limit=limit_text))
        inflated = 0
        try:
            for info in infos:
                with archive.open(info) as member:
                    while chunk := member.read(CHUNK):
                        inflated += len(chunk)
                        if inflated > max_inflated:
                            raise Refusal(_("文件解压后超过{limit}，系统不接受。", limit=limit_text))
        except (zipfile.BadZipFile, OSError, ValueError, NotImplementedError, EOFError):
            raise Refusal(_("文件内容是损坏的压缩包（ZIP），无法打开。")) from None
        names = {i.filename for i in infos}
    if "OFD.xml" in names:
        return OFD
    if "[Content_Types].xml" in names and "word/document.xml" in names:
        return DOCX
    if "[Content_Types].xml" in names and "xl/workbook.xml" in names:
        return XLSX
    return ZIP


def sniff(stream: IO[bytes], max_inflated: int) -> Kind:
    """The kind of the content of ``stream`` (read from its start), or :class:`Refusal`."""
    stream.seek(0)
    head = stream.read(HEAD)
    stream.seek(0)
    if head.startswith(b"%PDF-"):
        return PDF
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return PNG
    if head.startswith(b"\xff\xd8\xff"):
        return JPEG
    if head.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        return OLE2
    if head.startswith((b"PK\x03\x04", b"PK\x05\x06")):
        return _zip_kind(stream, max_inflated)
    if head.startswith(b"MZ"):
        raise Refusal(_("文件内容是 Windows 可执行程序，系统不接受可执行文件。"))
    if head.startswith((b"\x7fELF", b"\xfe\xed\xfa", b"\xcf\xfa\xed\xfe", b"\xce\xfa\xed\xfe", b"\xca\xfe\xba\xbe")):
        raise Refusal(_("文件内容是可执行程序，系统不接受可执行文件。"))
    if head.startswith(b"#!"):
        raise Refusal(_("文件内容是脚本，系统不接受脚本文件。"))
    text = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if text.startswith(b"<"):
        raise Refusal(_("文件内容是网页或标记文本（HTML/SVG/XML），可能含有脚本，系统不接受。"))
    raise Refusal(_("无法识别文件的类型。"))


def check_name(name: str) -> str:
    """A refusal sentence for a bad file name, or ''."""
    if not name or not name.strip():
        return _("文件没有文件名。")
    if len(name) > MAX_NAME:
        return _("文件名过长（{length}个字符，最多{limit}个）。", length=len(name), limit=MAX_NAME)
    bidi = bidi_problem(name, _("文件名"))
    if bidi:
        return bidi
    if any(unicodedata.category(c) in ("Cc", "Cf", "Zl", "Zp") for c in name):
        return _("文件名含有控制字符。")
    if "/" in name or "\\" in name or name.strip(". ") == "":
        return _("文件名“{name}”不是单纯的文件名（含有路径或只有点号）。", name=name)
    return ""


def check_upload(
    upload: Any, *, kinds: tuple[Kind, ...] = KINDS, max_inflated: int | None = None, max_bytes: int | None = None
) -> Kind:
    """Check an uploaded file (a Django ``File``); returns its kind, or raises :class:`InvalidInput`."""
    from django.conf import settings

    name = str(getattr(upload, "name", "") or "")
    problem = check_name(name)
    if problem:
        raise InvalidInput(_("{problem}请将文件改名后重新上传。", problem=problem), field="file")
    size = int(getattr(upload, "size", 0) or 0)
    if size == 0:
        raise InvalidInput(_("文件是空的，请重新选择文件。"), field="file")
    limit = settings.ZHENGWU_ATTACHMENT_MAX_BYTES if max_bytes is None else max_bytes
    if size > limit:
        raise InvalidInput(
            _("文件不能超过{limit} MB，本文件为{size} MB。", limit=f"{limit / 2**20:.1f}", size=f"{size / 2**20:.1f}"),
            field="file",
        )
    bound = settings.ZHENGWU_UPLOAD_MAX_INFLATED_BYTES if max_inflated is None else max_inflated
    accepted = _accepted(kinds)
    try:
        stream = upload.file if hasattr(upload, "file") and upload.file is not None else upload
        kind = sniff(stream if hasattr(stream, "seek") else io.BytesIO(upload.read()), bound)
    except Refusal as refusal:
        raise InvalidInput(
            _("“{name}”：{reason}可以上传的文件：{accepted}。", name=name, reason=refusal.args[0], accepted=accepted),
            field="file",
        ) from None
    finally:
        upload.seek(0)
    if kind not in kinds:
        raise InvalidInput(
            _(
                "“{name}”是{kind}文件，这里不接受。可以上传的文件：{accepted}。",
                name=name,
                kind=kind.label,
                accepted=accepted,
            ),
            field="file",
        )
    extension = os.path.splitext(name)[1].lower()
    if extension not in kind.extensions:
        raise InvalidInput(
            _(
                "“{name}”的内容是{kind}文件，但扩展名是“{extension}”，两者不符；请使用扩展名{expected}。",
                name=name,
                kind=kind.label,
                extension=extension or _("（无）"),
                expected="、".join(kind.extensions),
            ),
            field="file",
        )
    return kind
