"""附件 (art. 52, paperless flow): uploading a file to a document, downloading it, removing it.

Views parse, call :mod:`zhengwu.documents.actions.attachments` and redirect back to the document
page; a refusal (with its article) or bad input shows the page again with the sentence.  The page
offers the upload form to the drafting unit's staff only; the action asks its rule again and
refuses anyone else.  A document the user may not see is a 404 (:func:`documents._visible`).
"""

from __future__ import annotations

import mimetypes
import os
from urllib.parse import quote

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.views.decorators.http import require_GET, require_POST

from zhengwu.core.decisions import InvalidInput, Refused
from zhengwu.documents.actions import attachments as attachment_actions
from zhengwu.documents.models import Attachment
from zhengwu.web.helpers import explain
from zhengwu.web.views.documents import _detail, _refusal_status, _visible

NO_FILE = "请选择要上传的附件文件。"
FILE_MISSING = "附件文件已不在存储中，请联系系统管理员。"


def download_filename(attachment: Attachment) -> str:
    """The name the browser saves: the attachment's name, with the stored file's extension."""
    ext = os.path.splitext(attachment.file.name or "")[1]
    name = attachment.name.strip() or f"附件{attachment.position}"
    return name if not ext or name.lower().endswith(ext.lower()) else f"{name}{ext}"


def download_response(attachment: Attachment) -> FileResponse:
    """The stored file as a download; ``filename*=`` (RFC 6266/5987) carries the Chinese name, with
    an ASCII ``filename=`` for old clients."""
    filename = download_filename(attachment)
    try:
        handle = attachment.file.open("rb")
    except FileNotFoundError:
        raise Http404(FILE_MISSING) from None
    content_type = mimetypes.guess_type(filename)[0] or "application/octet-stream"
    response = FileResponse(handle, content_type=content_type)
    fallback = f"attachment-{attachment.pk}{os.path.splitext(filename)[1]}".encode("ascii", "ignore").decode()
    response["Content-Disposition"] = f"attachment; filename=\"{fallback}\"; filename*=UTF-8''{quote(filename)}"
    response["Content-Length"] = str(attachment.size)
    return response


def _attachment(doc_pk: int, aid: int) -> Attachment:
    return get_object_or_404(Attachment.objects.select_related("document"), pk=aid, document_id=doc_pk)


def _back(pk: int) -> HttpResponse:
    return redirect(reverse("web:document", kwargs={"pk": pk}) + "#h-att")


@login_required
@require_POST
def attachment_upload(request: HttpRequest, pk: int) -> HttpResponse:
    viewer, doc = _visible(request, pk)
    upload = request.FILES.get("file")
    try:
        if upload is None:
            raise InvalidInput(NO_FILE, field="file")
        attachment_actions.add_attachment(viewer.user, doc, request.POST.get("name", "").strip(), upload)
    except (Refused, InvalidInput) as exc:
        doc.refresh_from_db()
        return _detail(request, viewer, doc, errors=explain(exc), status=_refusal_status(exc))
    return _back(doc.pk)


@login_required
@require_GET
def attachment_download(request: HttpRequest, pk: int, aid: int) -> FileResponse:
    _visible(request, pk)
    return download_response(_attachment(pk, aid))


@login_required
@require_POST
def attachment_remove(request: HttpRequest, pk: int, aid: int) -> HttpResponse:
    viewer, doc = _visible(request, pk)
    attachment = _attachment(pk, aid)
    try:
        attachment_actions.remove_attachment(viewer.user, attachment)
    except (Refused, InvalidInput) as exc:
        doc.refresh_from_db()
        return _detail(request, viewer, doc, errors=explain(exc), status=_refusal_status(exc))
    return _back(doc.pk)


__all__ = ["attachment_download", "attachment_remove", "attachment_upload", "download_filename", "download_response"]
