"""API for 政务公开: published items (public, no login), the publication queue and 依申请公开 (staff).

Thin: every write calls the action the staff pages call (:mod:`zhengwu.portal.actions`), so the
rules, the audit record and the notices are the same.  Refusals are 403 with their articles, bad
input 422 (:mod:`zhengwu.apis.errors`).
"""

from __future__ import annotations

import datetime as dt

from django.contrib.auth.models import AbstractBaseUser
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Field, Query, Router, Schema
from ninja.errors import HttpError

from zhengwu.apis.auth import current_user
from zhengwu.apis.schemas import (
    READ_ERRORS,
    WRITE_ERRORS,
    ActionOut,
    ErrorOut,
    ProvisionalDues,
    actions_out,
    provisional_flag,
)
from zhengwu.core.decisions import require
from zhengwu.portal import actions, catalogue, selectors
from zhengwu.portal.models import Application, ItemState, PublicationItem
from zhengwu.portal.services import register_report

router = Router(tags=["portal"])


class ItemOut(ProvisionalDues):
    id: int
    kind: str
    state: str
    title: str
    index_number: str | None
    category: str
    genre: str
    issuer_name: str
    doc_number: str
    written_on: dt.date | None
    published_at: dt.datetime | None
    validity: str
    due_on: dt.date
    due_on_provisional: bool = provisional_flag()
    url: str


class ItemDetailOut(ItemOut):
    body: str
    interprets: int | None
    interpretations: list[int]


class StaffItemOut(ItemOut):
    """An item as the disclosure staff see it: with what the caller may do on it now."""

    actions: list[ActionOut] = Field(
        default_factory=list, description="发布、不予公开、发布解读：调用者现在可否办理，不能办理的说明理由及其依据"
    )


class ItemPage(Schema):
    items: list[ItemOut]
    total: int
    page: int
    pages: int


class PublishIn(Schema):
    category: str = ""


class WithholdIn(Schema):
    exemption: str
    reason: str


class InterpretIn(Schema):
    title: str
    body: str


class ApplicationOut(ProvisionalDues):
    id: int
    number: str
    applicant_name: str
    contact: str
    description: str
    received_on: dt.date
    due_on: dt.date
    due_on_provisional: bool = provisional_flag()
    state: str
    extended: bool
    paused_days: int
    reply_type: str
    reply_text: str
    exemption: str
    answered_late: bool
    actions: list[ActionOut] = Field(
        default_factory=list,
        description="恢复计算、答复、征求第三方意见、延期：调用者现在可否办理，不能办理的说明理由及其依据",
    )


class ReasonIn(Schema):
    reason: str


class ConsultIn(Schema):
    third_party: str


class ReplyIn(Schema):
    reply_type: str
    text: str
    exemption: str = ""


class ReportOut(Schema):
    year: int
    carried_in: int
    received: int
    answered: int
    by_type: dict[str, int]
    answered_late: int
    carried_over: int


def _item_out(i: PublicationItem) -> dict[str, object]:
    return {
        "id": i.pk,
        "kind": i.kind,
        "state": i.state,
        "title": i.title,
        "index_number": i.index_number,
        "category": i.category,
        "genre": i.genre,
        "issuer_name": i.issuer_name,
        "doc_number": i.doc_number,
        "written_on": i.written_on,
        "published_at": i.published_at,
        "validity": i.validity,
        "due_on": i.due_on,
        "url": f"/public/items/{i.pk}/" if i.state == ItemState.PUBLISHED else "",
    }


def _staff(request: HttpRequest) -> AbstractBaseUser:
    user = current_user(request)
    require(selectors.may_manage(user))
    return user


def _staff_item_out(i: PublicationItem, user: AbstractBaseUser) -> dict[str, object]:
    return {**_item_out(i), "actions": actions_out(selectors.available_actions(user, i))}


@router.get(
    "/portal/items",
    response={200: ItemPage, **READ_ERRORS},
    auth=None,
    summary="已公开的政府信息：全文检索（分词）与按主题分类、发文机关、年份、有效性筛选（无需登录）",
)
def list_items(
    request: HttpRequest,
    q: str = "",
    category: str = "",
    issuer: str = "",
    year: int | None = None,
    validity: str = "",
    page: int = Query(1, ge=1, le=catalogue.MAX_PAGE, description=f"页码，1至{catalogue.MAX_PAGE}"),
) -> dict[str, object]:
    filters = catalogue.Filters.from_params(
        {"q": q, "category": category, "issuer": issuer, "year": str(year or ""), "validity": validity}
    )
    results = catalogue.find(filters, page)
    return {
        "items": [_item_out(i) for i in results.items],
        "total": results.total,
        "page": results.page,
        "pages": results.pages,
    }


@router.get(
    "/portal/items/{item_id}",
    response={200: ItemDetailOut, 404: ErrorOut},
    auth=None,
    summary="一条已公开的政府信息（无需登录）",
)
def get_item(request: HttpRequest, item_id: int) -> dict[str, object]:
    item = get_object_or_404(PublicationItem, pk=item_id, state=ItemState.PUBLISHED)
    return {
        **_item_out(item),
        "body": item.body,
        "interprets": item.interprets_id,
        "interpretations": [i.pk for i in catalogue.interpretations(item)],
    }


@router.get(
    "/portal/queue",
    response={200: list[StaffItemOut], **WRITE_ERRORS},
    summary="公开队列：待发布的信息及其应公开日期（20个工作日）",
)
def get_queue(request: HttpRequest) -> list[dict[str, object]]:
    user = _staff(request)
    return [
        _staff_item_out(i, user)
        for i in PublicationItem.objects.filter(state=ItemState.QUEUED)
        .select_related("issuing_unit")
        .order_by("due_on")[:500]
    ]


@router.get(
    "/portal/queue/{item_id}",
    response={200: StaffItemOut, 404: ErrorOut, **WRITE_ERRORS},
    summary="一条政府信息（任何状态，政务公开工作人员）：调用者现在可办理的操作",
)
def get_staff_item(request: HttpRequest, item_id: int) -> dict[str, object]:
    user = _staff(request)
    return _staff_item_out(get_object_or_404(PublicationItem, pk=item_id), user)


@router.post(
    "/portal/queue/{item_id}/publish",
    response={200: StaffItemOut, 404: ErrorOut, **WRITE_ERRORS},
    summary="发布：生成索引号并公开（政务公开工作人员或办公室负责同志）",
)
def publish(request: HttpRequest, item_id: int, payload: PublishIn | None = None) -> dict[str, object]:
    user = current_user(request)
    item = get_object_or_404(PublicationItem, pk=item_id)
    return _staff_item_out(actions.publish(user, item, payload.category if payload else ""), user)


@router.post(
    "/portal/queue/{item_id}/withhold",
    response={200: StaffItemOut, 404: ErrorOut, **WRITE_ERRORS},
    summary="不予公开（写明《政府信息公开条例》第十四至十六条的依据和理由）",
)
def withhold(request: HttpRequest, item_id: int, payload: WithholdIn) -> dict[str, object]:
    user = current_user(request)
    item = get_object_or_404(PublicationItem, pk=item_id)
    return _staff_item_out(actions.withhold(user, item, payload.exemption, payload.reason), user)


@router.post(
    "/portal/items/{item_id}/interpretations",
    response={201: StaffItemOut, 404: ErrorOut, **WRITE_ERRORS},
    summary="发布政策解读，关联所解读的文件",
)
def interpret(request: HttpRequest, item_id: int, payload: InterpretIn) -> tuple[int, dict[str, object]]:
    user = current_user(request)
    item = get_object_or_404(PublicationItem, pk=item_id)
    return 201, _staff_item_out(actions.interpret(user, item, payload.title, payload.body), user)


def _app_out(a: Application, user: AbstractBaseUser) -> dict[str, object]:
    computed = {"id", "actions", "provisional_note", *(f"{d}_provisional" for d in ApplicationOut._dues)}
    return {f: getattr(a, f) for f in ApplicationOut.model_fields if f not in computed} | {
        "id": a.pk,
        "actions": actions_out(selectors.application_actions(user, a)),
    }


@router.get("/portal/applications", response={200: list[ApplicationOut], **WRITE_ERRORS}, summary="依申请公开登记簿")
def list_applications(
    request: HttpRequest, state: str = Query("", description="received、consulting 或 answered")
) -> list[dict[str, object]]:
    user = _staff(request)
    rows = Application.objects.all()
    if state:
        rows = rows.filter(state=state)
    return [_app_out(a, user) for a in rows[:500]]


@router.get(
    "/portal/applications/report",
    response={200: ReportOut, **WRITE_ERRORS},
    summary="年度报告：收到和处理政府信息公开申请情况",
)
def report(
    request: HttpRequest, year: int = Query(..., ge=2001, le=2999, description="年度，2001至2999")
) -> dict[str, object]:
    _staff(request)
    r = register_report(year)
    return {
        "year": r.year,
        "carried_in": r.carried_in,
        "received": r.received,
        "answered": r.answered,
        "by_type": r.by_type,
        "answered_late": r.answered_late,
        "carried_over": r.carried_over,
    }


def _app(application_id: int) -> Application:
    try:
        return Application.objects.get(pk=application_id)
    except Application.DoesNotExist as exc:
        raise HttpError(404, "没有该申请。") from exc


@router.get(
    "/portal/applications/{application_id}",
    response={200: ApplicationOut, 404: ErrorOut, **WRITE_ERRORS},
    summary="一件政府信息公开申请：调用者现在可办理的操作",
)
def get_application(request: HttpRequest, application_id: int) -> dict[str, object]:
    user = _staff(request)
    return _app_out(_app(application_id), user)


@router.post(
    "/portal/applications/{application_id}/extend",
    response={200: ApplicationOut, 404: ErrorOut, **WRITE_ERRORS},
    summary="延长答复期限（办公室负责同志同意，最长20个工作日）",
)
def extend(request: HttpRequest, application_id: int, payload: ReasonIn) -> dict[str, object]:
    user = current_user(request)
    return _app_out(actions.extend_application(user, _app(application_id), payload.reason), user)


@router.post(
    "/portal/applications/{application_id}/consult",
    response={200: ApplicationOut, 404: ErrorOut, **WRITE_ERRORS},
    summary="征求第三方意见（期间不计入答复期限）",
)
def consult(request: HttpRequest, application_id: int, payload: ConsultIn) -> dict[str, object]:
    user = current_user(request)
    return _app_out(actions.start_consultation(user, _app(application_id), payload.third_party), user)


@router.post(
    "/portal/applications/{application_id}/resume",
    response={200: ApplicationOut, 404: ErrorOut, **WRITE_ERRORS},
    summary="第三方意见收到，恢复计算答复期限",
)
def resume(request: HttpRequest, application_id: int) -> dict[str, object]:
    user = current_user(request)
    return _app_out(actions.end_consultation(user, _app(application_id)), user)


@router.post(
    "/portal/applications/{application_id}/reply",
    response={200: ApplicationOut, 404: ErrorOut, **WRITE_ERRORS},
    summary="答复申请（予以公开、部分公开、不予公开、无法提供、不予处理等）",
)
def reply(request: HttpRequest, application_id: int, payload: ReplyIn) -> dict[str, object]:
    user = current_user(request)
    return _app_out(
        actions.reply_application(user, _app(application_id), payload.reply_type, payload.text, payload.exemption),
        user,
    )
