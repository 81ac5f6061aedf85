"""收文登记簿 and 发文登记簿: filled by the document flow itself, filtered, exported to CSV and XLSX,
read in one query however long they are (art. 52)."""

from __future__ import annotations

import csv
import datetime as dt
import io

import pytest
from openpyxl import load_workbook

from tests.documents.conftest import unit
from zhengwu.core.decisions import InvalidInput
from zhengwu.documents.actions.intake import (
    check,
    create_submission,
    instruct,
    receive,
    sign_and_submit,
    write_office_opinion,
)
from zhengwu.documents.actions.outgoing import (
    draft_outgoing,
    issue,
    record_signing_step,
    review,
    sign,
    submit_for_review,
)
from zhengwu.documents.models import Document
from zhengwu.documents.registers import (
    INCOMING_COLUMNS,
    OUTGOING_COLUMNS,
    RegisterFilters,
    export_filename,
    incoming_register,
    outgoing_register,
    to_csv,
    to_xlsx,
)

pytestmark = pytest.mark.usefixtures("frozen")

D = dt.date


def submitted(user, title: str = "关于启动公路改建项目前期工作的请示", *, receive_it: bool = True) -> Document:
    """A 发展改革委 请示 signed by its head and, unless told otherwise, signed for by the office."""
    doc = create_submission(
        user("fgw_clerk"),
        unit("fgw"),
        "qingshi",
        title,
        "妥否，请批示。",
        ["同意启动前期工作"],
        [unit("gov")],
        [],
        urgency="urgent",
    )
    sign_and_submit(user("fgw_head"), doc)
    if receive_it:
        receive(user("clerk_wendian"), doc)
    return doc


def instructed(user, title: str = "关于启动公路改建项目前期工作的请示") -> Document:
    doc = submitted(user, title)
    check(user("clerk_wendian"), doc)
    write_office_opinion(user("office_director"), doc, "拟请刘振东副州长阅示。")
    instruct(user("vice_liu"), doc, "同意，请办公室起草批复。")
    return doc


def issued_reply(user, request: Document) -> Document:
    reply = draft_outgoing(
        user("clerk_wendian"),
        unit("gov"),
        "pifu",
        "关于同意启动公路改建项目前期工作的批复",
        "同意。此复。",
        [unit("fgw")],
        [unit("czj"), unit("sfj")],
        signing_facts={"important": True},
        replies_to=request,
    )
    submit_for_review(user("clerk_wendian"), reply)
    review(user("office_director"), reply, True, "")
    record_signing_step(user("vice_liu"), reply, "同意。")
    sign(user("governor"), reply)
    issue(user("clerk_wendian"), reply)
    return reply


def office_notice(user, title: str = "关于召开全州政务公开工作会议的通知") -> Document:
    return draft_outgoing(
        user("clerk_huiwu"),
        unit("office"),
        "tongzhi",
        title,
        "定于12月10日召开会议。",
        [unit("atushi"), unit("akto")],
        signing_facts={"within_office_competence": True},
    )


def czj_report(user, title: str = "关于2026年财政预算执行情况的报告") -> Document:
    doc = create_submission(
        user("czj_head"), unit("czj"), "baogao", title, "现将有关情况报告如下。", [], [unit("gov")], []
    )
    sign_and_submit(user("czj_head"), doc)
    receive(user("clerk_wendian"), doc)
    return doc


@pytest.mark.article(52)
def test_the_registers_are_kept_by_the_electronic_flow_itself(user) -> None:
    """Nobody types a register: signing for a submission enters it in the 收文登记簿 with the 拟办,
    the 批示 and the number of the answer; drafting, signing and issuing enter the 发文登记簿."""
    not_received = submitted(user, "关于尚未签收事项的请示", receive_it=False)
    request = instructed(user)
    reply = issued_reply(user, request)
    draft = office_notice(user)

    [row] = incoming_register()
    assert row["id"] == request.pk != not_received.pk
    assert row == {
        "id": request.pk,
        "received_on": D(2026, 12, 1),
        "issuer_code": "fgw",
        "issuer_name": "州发展改革委",
        "doc_type": "qingshi",
        "title": "关于启动公路改建项目前期工作的请示",
        "urgency": "urgent",
        "classification": "none",
        "signer_name": "周强",
        "state": "answered",
        "office_opinion": "陈静：拟请刘振东副州长阅示。",
        "instruction": "刘振东：同意，请办公室起草批复。",
        "answer_number": "克政发〔2026〕1号",
    }

    rows = {r["id"]: r for r in outgoing_register()}
    assert set(rows) == {reply.pk, draft.pk}
    assert rows[reply.pk] | {"id": 0} == {
        "id": 0,
        "number": "克政发〔2026〕1号",
        "title": "关于同意启动公路改建项目前期工作的批复",
        "doc_type": "pifu",
        "classification": "none",
        "urgency": "normal",
        "state": "issued",
        "signed_on": D(2026, 12, 1),
        "issued_on": D(2026, 12, 1),
        "signer_name": "买买提·艾力",
        "issuer_code": "gov",
        "issuer_name": "州人民政府",
        "main_recipient_names": "州发展改革委",
        "copy_recipient_names": "州财政局、州司法局",
        "copies": 3,
        "replies_to_title": "关于启动公路改建项目前期工作的请示",
    }
    assert rows[draft.pk]["number"] == ""
    assert (rows[draft.pk]["state"], rows[draft.pk]["signed_on"], rows[draft.pk]["copies"]) == ("draft", None, 0)
    assert rows[draft.pk]["main_recipient_names"] == "阿图什市、阿克陶县"
    assert rows[draft.pk]["copy_recipient_names"] is None


def test_incoming_register_filters(user, frozen) -> None:
    request = instructed(user)
    frozen.move_to("2026-12-03 10:00 +0800")
    report = czj_report(user)

    def ids(**filters) -> list[int]:
        return [r["id"] for r in incoming_register(RegisterFilters(**filters))]

    assert ids() == [request.pk, report.pk]  # in the order received
    assert ids(year=2026) == [request.pk, report.pk]
    assert ids(year=2025) == []
    assert ids(date_from=D(2026, 12, 2)) == [report.pk]
    assert ids(date_to=D(2026, 12, 1)) == [request.pk]  # the last day counts whole
    assert ids(date_from=D(2026, 12, 3), date_to=D(2026, 12, 3)) == [report.pk]
    assert ids(issuer="czj") == [report.pk]
    assert ids(doc_type="qingshi") == [request.pk]
    assert ids(state="instructed") == [request.pk]
    assert ids(state="received") == [report.pk]
    assert ids(text="预算") == [report.pk]
    assert ids(text="发展改革") == [request.pk]  # the unit's name
    assert ids(issuer="czj", doc_type="qingshi") == []


def test_outgoing_register_filters(user, frozen) -> None:
    reply = issued_reply(user, instructed(user))
    frozen.move_to("2027-01-05 10:00 +0800")
    notice = office_notice(user)

    def ids(**filters) -> list[int]:
        return [r["id"] for r in outgoing_register(RegisterFilters(**filters))]

    assert ids() == [reply.pk, notice.pk]
    assert ids(year=2026) == [reply.pk]  # issued in 2026
    assert ids(year=2027) == [notice.pk]  # a draft counts on the day it was drafted
    assert ids(date_from=D(2026, 12, 2), date_to=D(2027, 12, 31)) == [notice.pk]
    assert ids(issuer="office") == [notice.pk]
    assert ids(signer=reply.signer_id) == [reply.pk]
    assert ids(doc_type="tongzhi") == [notice.pk]
    assert ids(state="issued") == [reply.pk]
    assert ids(text="克政发〔2026〕1") == [reply.pk]  # the 发文字号
    assert ids(text="政务公开") == [notice.pk]


def test_filters_from_request_parameters_and_bad_values() -> None:
    filters = RegisterFilters.from_query(
        {
            "year": "2026",
            "from": "2026-03-01",
            "to": "",
            "issuer": " fgw ",
            "doc_type": "qingshi",
            "state": "received",
            "q": " 公路 ",
        }
    )
    assert filters == RegisterFilters(
        year=2026, date_from=D(2026, 3, 1), issuer="fgw", doc_type="qingshi", state="received", text="公路"
    )
    start, end = RegisterFilters(year=2026, date_to=D(2026, 6, 30)).bounds()
    assert start is not None
    assert end is not None
    assert (start.isoformat(), end.isoformat()) == ("2026-01-01T00:00:00+08:00", "2026-07-01T00:00:00+08:00")
    for params, field in [
        ({"year": "二〇二六"}, "year"),
        ({"from": "2026-13-01"}, "from"),
        ({"doc_type": "memo"}, "doc_type"),
        ({"state": "lost"}, "state"),
        ({"from": "2026-05-01", "to": "2026-04-01"}, "date_to"),
    ]:
        with pytest.raises(InvalidInput) as bad:
            RegisterFilters.from_query(params)
        assert bad.value.field == field


def test_csv_has_a_bom_a_chinese_header_and_the_rows(user) -> None:
    request = instructed(user)
    issued_reply(user, request)
    data = to_csv(incoming_register(), INCOMING_COLUMNS)
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert rows[0] == [
        "收文日期",
        "来文单位",
        "文种",
        "标题",
        "紧急程度",
        "密级",
        "签发人",
        "状态",
        "拟办意见",
        "领导批示",
        "答复文号",
    ]
    assert rows[1:] == [
        [
            "2026-12-01",
            "州发展改革委",
            "请示",
            "关于启动公路改建项目前期工作的请示",
            "加急",
            "非密",
            "周强",
            "已答复",
            "陈静：拟请刘振东副州长阅示。",
            "刘振东：同意，请办公室起草批复。",
            "克政发〔2026〕1号",
        ]
    ]
    assert data.count(b"\r\n") == 2

    outgoing = list(csv.reader(io.StringIO(to_csv(outgoing_register(), OUTGOING_COLUMNS).decode("utf-8-sig"))))
    assert outgoing[0][:4] == ["发文字号", "成文日期（签发）", "签发人", "标题"]
    assert outgoing[1][:3] == ["克政发〔2026〕1号", "2026-12-01", "买买提·艾力"]
    assert outgoing[1][6:10] == ["州发展改革委", "州财政局、州司法局", "2026-12-01", "3"]


def test_a_title_that_looks_like_a_formula_stays_text(user) -> None:
    notice = office_notice(user, '=HYPERLINK("http://example.invalid")关于会议的通知')
    [row] = list(csv.reader(io.StringIO(to_csv(outgoing_register(), OUTGOING_COLUMNS).decode("utf-8-sig"))))[1:]
    assert row[3] == "'" + notice.title
    sheet = load_workbook(io.BytesIO(to_xlsx(outgoing_register(), OUTGOING_COLUMNS))).active
    assert sheet is not None
    assert (sheet["D2"].value, sheet["D2"].data_type) == (notice.title, "s")


def test_xlsx_has_a_header_widths_and_dates_as_dates(user) -> None:
    request = instructed(user)
    reply = issued_reply(user, request)
    office_notice(user)
    data = to_xlsx(outgoing_register(), OUTGOING_COLUMNS, title="发文登记簿")
    book = load_workbook(io.BytesIO(data))
    assert book.sheetnames == ["发文登记簿"]
    sheet = book["发文登记簿"]
    assert [c.value for c in sheet[1]] == [c.header for c in OUTGOING_COLUMNS]
    assert sheet["A1"].font.b
    assert sheet.freeze_panes == "A2"
    assert sheet.column_dimensions["D"].width == 46  # 标题
    assert sheet.max_row == 3
    number, signed_on, signer, title = (c.value for c in sheet[2][:4])
    assert (number, signer, title) == (reply.number, "买买提·艾力", reply.title)
    assert signed_on == dt.datetime(2026, 12, 1)  # a real date cell, which Excel sorts and filters as a date
    assert sheet["B2"].is_date
    assert sheet["B2"].number_format == "yyyy-mm-dd"
    assert sheet["J2"].value == 3  # 份数, a number
    assert [c.value for c in sheet[3]][:3] == [None, None, None]  # the draft: no number, not signed yet
    assert sheet["M3"].value == "起草"

    incoming = load_workbook(io.BytesIO(to_xlsx(incoming_register(), INCOMING_COLUMNS))).active
    assert incoming is not None
    assert [c.value for c in incoming[2]][:4] == [dt.datetime(2026, 12, 1), "州发展改革委", "请示", request.title]


@pytest.mark.parametrize(
    ("register", "columns"), [(incoming_register, INCOMING_COLUMNS), (outgoing_register, OUTGOING_COLUMNS)]
)
def test_a_register_is_read_in_one_query_however_many_rows(user, register, columns, django_assert_num_queries) -> None:
    request = instructed(user)
    issued_reply(user, request)
    office_notice(user)
    with django_assert_num_queries(1):
        short = to_csv(register(), columns)
    for n in range(4):
        reply = issued_reply(user, instructed(user, f"关于第{n}个项目的请示"))
        assert reply.number
        office_notice(user, f"关于第{n}次会议的通知")
    with django_assert_num_queries(1):
        long = to_csv(register(), columns)
    with django_assert_num_queries(1):
        to_xlsx(register(), columns)
    with django_assert_num_queries(1):
        rows = list(register(RegisterFilters(year=2026, text="关于")))
    assert long.count(b"\r\n") - short.count(b"\r\n") in {4, 8}
    assert len(rows) == long.count(b"\r\n") - 1


def test_export_filenames() -> None:
    assert export_filename("incoming", "xlsx", RegisterFilters(year=2026)) == "收文登记簿-2026.xlsx"
    assert export_filename("outgoing", "csv") == "发文登记簿.csv"
