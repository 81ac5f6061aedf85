"""Notices: what the platform has told the caller; mark one read."""

from __future__ import annotations

import datetime as dt

from django.http import HttpRequest
from ninja import Field, Query, Router, Schema
from ninja.errors import HttpError

from zhengwu.apis.auth import current_user
from zhengwu.apis.schemas import READ_ERRORS, ErrorOut, Paging, page_of
from zhengwu.notices.models import Notice
from zhengwu.notices.services import mark_read

router = Router(tags=["notices"])


class NoticeOut(Schema):
    id: int
    title: str
    body: str
    citation: str = Field(description="依据，形如《工作规则》第…条")
    url: str
    created_at: dt.datetime
    read_at: dt.datetime | None


class NoticePage(Schema):
    count: int
    unread: int
    items: list[NoticeOut]


def _out(n: Notice) -> NoticeOut:
    return NoticeOut.model_validate(n, from_attributes=True)


@router.get("/notices", response={200: NoticePage, **READ_ERRORS}, summary="本人的通知")
def list_notices(
    request: HttpRequest,
    paging: Query[Paging],
    unread: bool = Query(False, description="只看未读"),
) -> NoticePage:
    user = current_user(request)
    mine = Notice.objects.filter(recipient=user)
    rows = mine.filter(read_at__isnull=True) if unread else mine
    count, page = page_of(rows.order_by("-created_at", "-id"), paging)
    return NoticePage(count=count, unread=mine.filter(read_at__isnull=True).count(), items=[_out(n) for n in page])


@router.post("/notices/{notice_id}/read", response={200: NoticeOut, 404: ErrorOut, **READ_ERRORS}, summary="标为已读")
def read(request: HttpRequest, notice_id: int) -> NoticeOut:
    notice = mark_read(current_user(request), notice_id)
    if notice is None:
        raise HttpError(404, f"您没有编号为{notice_id}的通知。")
    return _out(notice)
