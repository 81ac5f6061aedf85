"""附件 (art. 52, paperless flow) through the API: list, upload (multipart), download, remove.

The same action as the page (:mod:`zhengwu.documents.actions.attachments`): the drafting unit's
staff add and remove attachments while the text may still change; anyone else is refused (403,
with the article).  An empty file or one over the size limit is 422.  A document the caller may not
read, or an attachment not on it, is 404.
"""

from __future__ import annotations

import datetime as dt

from django.contrib.auth.models import User
from django.http import FileResponse, HttpRequest
from ninja import Field, File, Form, Router, Schema, Status, UploadedFile
from ninja.errors import HttpError

from zhengwu.apis.auth import current_user
from zhengwu.apis.schemas import READ_ERRORS, WRITE_ERRORS, ErrorOut
from zhengwu.documents.actions import attachments as attachment_actions
from zhengwu.documents.models import Attachment, Document
from zhengwu.documents.services import document_visible_to
from zhengwu.org.models import Person
from zhengwu.web.views.documents_attachments import download_response

router = Router(tags=["documents: attachments"])

NOT_FOUND = "没有编号为{id}的公文，或您无权查看。"
ATTACHMENT_NOT_FOUND = "公文{document_id}没有编号为{id}的附件。"


class AttachmentOut(Schema):
    id: int
    document_id: int
    position: int = Field(description="序号")
    name: str = Field(description="附件名称")
    size: int = Field(description="字节")
    sm3: str = Field(description="文件的 SM3 摘要（十六进制）")
    uploaded_by: str
    uploaded_at: dt.datetime
    url: str = Field(description="下载地址")


def _document(user: User, document_id: int) -> Document:
    document = Document.objects.select_related("issuer").filter(pk=document_id).first()
    if document is None or not document_visible_to(user, document):
        raise HttpError(404, NOT_FOUND.format(id=document_id))
    return document


def _attachment(user: User, document_id: int, attachment_id: int) -> Attachment:
    document = _document(user, document_id)
    attachment = Attachment.objects.filter(pk=attachment_id, document=document).first()
    if attachment is None:
        raise HttpError(404, ATTACHMENT_NOT_FOUND.format(document_id=document_id, id=attachment_id))
    attachment.document = document
    return attachment


def _out(a: Attachment) -> AttachmentOut:
    person = getattr(a.uploaded_by, "person", None)
    return AttachmentOut(
        id=a.pk,
        document_id=a.document_id,
        position=a.position,
        name=a.name,
        size=a.size,
        sm3=a.sm3,
        uploaded_by=person.name if isinstance(person, Person) else a.uploaded_by.get_username(),
        uploaded_at=a.uploaded_at,
        url=f"/api/documents/{a.document_id}/attachments/{a.pk}/file",
    )


@router.get(
    "/documents/{document_id}/attachments",
    response={200: list[AttachmentOut], 404: ErrorOut, **READ_ERRORS},
    summary="公文的附件：名称、大小、SM3",
)
def list_attachments(request: HttpRequest, document_id: int) -> list[AttachmentOut]:
    document = _document(current_user(request), document_id)
    return [_out(a) for a in document.attachments.select_related("uploaded_by__person").order_by("position")]


@router.post(
    "/documents/{document_id}/attachments",
    response={201: AttachmentOut, 404: ErrorOut, **WRITE_ERRORS},
    summary="上传附件（multipart：file、name）：起草单位工作人员，在正文仍可修改时",
)
def add_attachment(
    request: HttpRequest, document_id: int, file: File[UploadedFile], name: Form[str] = ""
) -> Status[AttachmentOut]:
    user = current_user(request)
    attachment = attachment_actions.add_attachment(user, _document(user, document_id), name.strip(), file)
    return Status(201, _out(Attachment.objects.select_related("uploaded_by__person").get(pk=attachment.pk)))


@router.get(
    "/documents/{document_id}/attachments/{attachment_id}/file",
    response={404: ErrorOut, **READ_ERRORS},
    summary="下载附件（Content-Disposition 带 filename*=，中文文件名）",
    openapi_extra={"responses": {"200": {"description": "附件文件", "content": {"application/octet-stream": {}}}}},
)
def download_attachment(request: HttpRequest, document_id: int, attachment_id: int) -> FileResponse:
    return download_response(_attachment(current_user(request), document_id, attachment_id))


@router.delete(
    "/documents/{document_id}/attachments/{attachment_id}",
    response={204: None, 404: ErrorOut, **WRITE_ERRORS},
    summary="删除附件（文件仍保留在存储中，审计记录写明位置）",
)
def remove_attachment(request: HttpRequest, document_id: int, attachment_id: int) -> Status[None]:
    user = current_user(request)
    attachment_actions.remove_attachment(user, _attachment(user, document_id, attachment_id))
    return Status(204, None)
