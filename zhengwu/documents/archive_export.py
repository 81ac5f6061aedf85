"""Transfer to the archives (art. 53): ``zhengwu archive export DIR [--year Y]`` and ``zhengwu archive verify DIR``.

An export folder holds:

- ``<year>/archive-<document id>-<first 16 hex of its manifest SM3>.zip``: each archive package,
  byte for byte as it was archived (its own ``manifest.json`` inside), under the year the document
  was completed (the archival year, 归档年度);
- ``manifest.json``: the transfer list (移交清单): for each package its file, size and SM3, the SM3
  of its inner manifest as recorded when it was archived, and the document's number, title, issuer,
  retention and when and by whom it was archived.

Every package is checked against its manifest before anything is written; a package that fails
stops the export, naming it.  The SM3 of the top-level ``manifest.json`` is printed: write it on the
transfer form, so that the archives can check the folder they received
(``zhengwu archive verify DIR --manifest-sm3 …``).  Verifying needs no database: the package
checks are :func:`zhengwu.documents.actions.archive.check_package_bytes`.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.db import transaction
from django.utils import timezone

from zhengwu.audit import services as audit
from zhengwu.documents.actions.archive import (
    check_package_bytes,
    package_filename,
    read_package,
    sm3,
)
from zhengwu.documents.models import ArchivePackage
from zhengwu.documents.rules import archive as rules
from zhengwu.rulebook.services import rulebook_view

FORMAT = "zhengwu-archive-export/1"
MANIFEST = "manifest.json"
EXPORT = "documents.archive_export"
_YEAR = re.compile(r"^archives/(\d{4})/")


class ExportError(Exception):
    """An export that cannot be done: the folder is not empty, or a package fails its check."""


@dataclass(frozen=True)
class Exported:
    folder: Path
    count: int
    manifest_sm3: str


@dataclass(frozen=True)
class FolderCheck:
    ok: bool
    checked: int
    problems: tuple[str, ...] = ()


def archival_year(package: ArchivePackage) -> int:
    """The year the document was completed: the package is stored under ``archives/<year>/``."""
    found = _YEAR.match(package.path)
    return int(found.group(1)) if found else timezone.localtime(package.created_at).year


def packages(year: int | None = None) -> list[ArchivePackage]:
    rows = ArchivePackage.objects.select_related("document__issuer", "created_by__person").order_by("document_id")
    if year is not None:
        rows = rows.filter(path__startswith=f"archives/{year}/")
    return list(rows)


def _entry(package: ArchivePackage, file: str, data: bytes) -> dict[str, Any]:
    doc = package.document
    person = getattr(package.created_by, "person", None)
    return {
        "file": file,
        "size": len(data),
        "sm3": sm3(data),
        "manifest_sm3": package.manifest_sm3,
        "file_count": package.file_count,
        "year": archival_year(package),
        "document": {
            "id": doc.pk,
            "number": doc.number,
            "title": doc.title,
            "issuer": doc.issuer.name,
            "doc_type": doc.doc_type,
        },
        "retention": package.retention,
        "retention_years": package.retention_years,
        "destroy_after": package.destroy_after.isoformat() if package.destroy_after else None,
        "archived_at": timezone.localtime(package.created_at).isoformat(),
        "archived_by": person.name if person else package.created_by.get_username(),
    }


def _write(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
    with os.fdopen(fd, "wb") as handle:
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())


def export(folder: Path, year: int | None = None, *, exported_by: str = "") -> Exported:
    """Write every archive package (of ``year``) and the transfer list into ``folder`` (new or
    empty).  Every package is checked first; the export is recorded in the audit trail."""
    if folder.exists() and (not folder.is_dir() or any(folder.iterdir())):
        raise ExportError(f"{folder} 已存在且不是空文件夹：请指定一个新的文件夹。")
    chosen = packages(year)
    contents: list[tuple[ArchivePackage, str, bytes]] = []
    failures: list[str] = []
    for package in chosen:
        data = read_package(package)
        if data is None:
            failures.append(f"{package.path}：不存在或无法读取")
            continue
        check = check_package_bytes(data, package.manifest_sm3, package.size, package.path)
        if not check.ok:
            failures.append(f"{package.path}（{package.document}）：{check.message}")
            continue
        contents.append((package, f"{archival_year(package)}/{package_filename(package)}", data))
    if failures:
        raise ExportError("以下归档包未通过SM3校验，未导出任何文件：" + "；".join(failures))
    folder.mkdir(parents=True, exist_ok=True)
    entries = []
    for package, file, data in contents:
        _write(folder / file, data)
        entries.append(_entry(package, file, data))
    now = timezone.now()
    manifest = json.dumps(
        {
            "format": FORMAT,
            "hash_alg": "SM3",
            "exported_at": timezone.localtime(now).isoformat(),
            "exported_by": exported_by,
            "year": year,
            "count": len(entries),
            "packages": entries,
        },
        ensure_ascii=False,
        indent=2,
        sort_keys=True,
    ).encode()
    _write(folder / MANIFEST, manifest)
    digest = sm3(manifest)
    with transaction.atomic():
        audit.record(
            actor=None,
            actor_name=exported_by or "命令行",
            action=EXPORT,
            citation=rulebook_view().cite(rules.PROVISION),
            summary=f"导出归档包{len(entries)}个" + (f"（{year}年度）" if year else "") + f"，移交清单SM3 {digest}",
            details={
                "folder": str(folder),
                "year": year,
                "count": len(entries),
                "manifest_sm3": digest,
                "packages": [e["document"]["id"] for e in entries],
            },
        )
    return Exported(folder, len(entries), digest)


# -- verify an exported folder (no database) ----------------------------------------------------


def _files_under(folder: Path) -> Iterable[str]:
    for path in sorted(folder.rglob("*")):
        if path.is_file() or path.is_symlink():
            yield path.relative_to(folder).as_posix()


def verify_folder(folder: Path, manifest_sm3: str | None = None) -> FolderCheck:
    """Check an exported folder: the transfer list (against ``manifest_sm3`` when given, as written
    on the transfer form), every package's size and SM3, each package's own manifest and files, and
    that nothing was added or removed."""
    try:
        manifest_bytes = (folder / MANIFEST).read_bytes()
    except OSError:
        return FolderCheck(False, 0, (f"{folder / MANIFEST}：缺失或无法读取。",))
    problems: list[str] = []
    if manifest_sm3 is not None and sm3(manifest_bytes) != manifest_sm3.strip().lower():
        problems.append(f"{MANIFEST}：SM3为{sm3(manifest_bytes)}，与移交时记录的{manifest_sm3}不符，清单被改动。")
    try:
        listing = json.loads(manifest_bytes)
        if listing.get("format") != FORMAT:
            raise ValueError(f"format {listing.get('format')!r}")
        entries = [(str(e["file"]), int(e["size"]), str(e["sm3"]), str(e["manifest_sm3"])) for e in listing["packages"]]
    except (ValueError, KeyError, TypeError, AttributeError) as exc:
        return FolderCheck(False, 0, (*problems, f"{MANIFEST}：无法解析（{exc}）。"))
    listed = {file for file, *_ in entries}
    for file in _files_under(folder):
        if file != MANIFEST and file not in listed:
            problems.append(f"{file}：清单中没有此文件。")
    for file, size, digest, inner_sm3 in entries:
        path = folder / file
        if ".." in Path(file).parts or Path(file).is_absolute() or path.is_symlink():
            problems.append(f"{file}：清单中的路径不在导出文件夹内。")
            continue
        try:
            data = path.read_bytes()
        except OSError:
            problems.append(f"{file}：缺失或无法读取。")
            continue
        if len(data) != size or sm3(data) != digest:
            problems.append(f"{file}：大小或SM3与清单不符，文件被改动。")
        check = check_package_bytes(data, inner_sm3, None, file)
        problems.extend(f"{file}：{p}" for p in check.problems)
    return FolderCheck(not problems, len(entries), tuple(problems))
