"""收文登记簿 and 发文登记簿: the registers of incoming and outgoing documents, kept electronically
(art. 52) and exported to CSV and XLSX.

Each register is one queryset of ``.values()`` rows: every column — the unit names, the signer,
the latest 拟办 and 批示, the recipients joined in their order, the number of copies delivered —
is computed in SQL (joins and correlated subqueries), so reading a register is one query however
many rows it has.  Filters (:class:`RegisterFilters`) narrow it by year, date range, issuing unit,
signer, 文种, state and text.

Rows carry stored values (``"qingshi"``, ``"issued"``…); a :class:`Column` turns them into what a
clerk reads (请示, 已印发…) in the exports, and says how wide its spreadsheet column is.  Who may
see a register (the office's staff, within the classification rules of art. 61) is decided by the
view or endpoint that serves it.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.db import models
from django.db.models import Count, F, OuterRef, Q, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce, Concat, NullIf, TruncDate
from django.utils import timezone

from zhengwu.core.decisions import InvalidInput
from zhengwu.core.i18n import _
from zhengwu.documents.models import (
    Classification,
    Delivery,
    DocState,
    DocType,
    Document,
    Flow,
    Opinion,
    OpinionKind,
    Urgency,
)

__all__ = [
    "CSV_CONTENT_TYPE",
    "INCOMING_COLUMNS",
    "OUTGOING_COLUMNS",
    "XLSX_CONTENT_TYPE",
    "Column",
    "RegisterFilters",
    "export_filename",
    "incoming_register",
    "outgoing_register",
    "to_csv",
    "to_xlsx",
]

CSV_CONTENT_TYPE = "text/csv; charset=utf-8"
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
SEPARATOR = "、"
MAX_RECIPIENTS = 10_000  # a LIMIT only so the database keeps the recipients' order in the subquery


# ---------------------------------------------------------------- filters


@dataclass(frozen=True)
class RegisterFilters:
    """What a register is narrowed to; every field is optional.

    Dates are Beijing calendar days, both ends included: the 收文日期 for the incoming register, and
    for the outgoing register the 印发日期, or the 签发 date before issue, or the drafting date
    before signature.  ``issuer`` is a unit code (来文单位 / 发文机关); ``signer`` a person's id;
    ``text`` is looked for in the title, the 发文字号 and the unit's name.
    """

    year: int | None = None
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    issuer: str = ""
    signer: int | None = None
    doc_type: str = ""
    state: str = ""
    text: str = ""

    def __post_init__(self) -> None:
        if self.year is not None and not 1949 <= self.year <= 9999:
            raise InvalidInput(_("年份“{year}”不正确。", year=self.year), field="year")
        if self.date_from and self.date_to and self.date_from > self.date_to:
            raise InvalidInput(_("起始日期晚于截止日期。"), field="date_to")
        if self.doc_type and self.doc_type not in DocType.values:
            raise InvalidInput(_("无法识别的文种“{doc_type}”。", doc_type=self.doc_type), field="doc_type")
        if self.state and self.state not in DocState.values:
            raise InvalidInput(_("无法识别的状态“{state}”。", state=self.state), field="state")

    @classmethod
    def from_query(cls, params: Mapping[str, Any]) -> RegisterFilters:
        """From request parameters (``year``, ``from``, ``to``, ``issuer``, ``signer``, ``doc_type``,
        ``state``, ``q``); blank ones are ignored, malformed ones raise :class:`InvalidInput`."""

        def text(name: str) -> str:
            return str(params.get(name) or "").strip()

        def number(name: str, label: str) -> int | None:
            raw = text(name)
            if not raw:
                return None
            try:
                return int(raw)
            except ValueError:
                raise InvalidInput(_("{label}“{raw}”不是数字。", label=label, raw=raw), field=name) from None

        def day(name: str, label: str) -> dt.date | None:
            raw = text(name)
            if not raw:
                return None
            try:
                return dt.date.fromisoformat(raw)
            except ValueError:
                raise InvalidInput(
                    _("{label}“{raw}”不是有效日期（应为YYYY-MM-DD）。", label=label, raw=raw), field=name
                ) from None

        return cls(
            year=number("year", "年份"),
            date_from=day("from", "起始日期"),
            date_to=day("to", "截止日期"),
            issuer=text("issuer"),
            signer=number("signer", "签发人"),
            doc_type=text("doc_type"),
            state=text("state"),
            text=text("q"),
        )

    def bounds(self) -> tuple[dt.datetime | None, dt.datetime | None]:
        """The filters' dates as an aware half-open interval [start, end) in Beijing time."""
        first, last = self.date_from, self.date_to
        if self.year is not None:
            first = max(first, dt.date(self.year, 1, 1)) if first else dt.date(self.year, 1, 1)
            last = min(last, dt.date(self.year, 12, 31)) if last else dt.date(self.year, 12, 31)
        start = timezone.make_aware(dt.datetime.combine(first, dt.time.min)) if first else None
        end = timezone.make_aware(dt.datetime.combine(last + dt.timedelta(days=1), dt.time.min)) if last else None
        return start, end


def _filter(qs: QuerySet[Document], filters: RegisterFilters, date_field: str) -> QuerySet[Document]:
    start, end = filters.bounds()
    if start is not None:
        qs = qs.filter(**{f"{date_field}__gte": start})
    if end is not None:
        qs = qs.filter(**{f"{date_field}__lt": end})
    if filters.issuer:
        qs = qs.filter(issuer__code=filters.issuer)
    if filters.signer is not None:
        qs = qs.filter(signer_id=filters.signer)
    if filters.doc_type:
        qs = qs.filter(doc_type=filters.doc_type)
    if filters.state:
        qs = qs.filter(state=filters.state)
    if filters.text:
        words = filters.text
        qs = qs.filter(
            Q(title__icontains=words)
            | Q(number__icontains=words)
            | Q(issuer__name__icontains=words)
            | Q(issuer__short_name__icontains=words)
        )
    return qs


# ---------------------------------------------------------------- SQL pieces


def _unit_name(prefix: str = "") -> Coalesce:
    """A unit's short name, or its full name when it has none."""
    return Coalesce(NullIf(F(f"{prefix}short_name"), Value("")), F(f"{prefix}name"), output_field=models.CharField())


class _JoinedUnitNames(Subquery):
    """The names of the units a document is addressed (``main_recipients``) or copied
    (``copy_recipients``) to, in the units' order, joined with 、 — one correlated subquery."""

    def __init__(self, relation: str) -> None:
        through = Document._meta.get_field(relation).remote_field.through  # type: ignore[union-attr]
        names = (
            through.objects.filter(document_id=OuterRef("pk"))
            .order_by("unit__sort_order", "unit_id")
            .values(unit_label=_unit_name("unit__"), o1=F("unit__sort_order"), o2=F("unit_id"))
        )[:MAX_RECIPIENTS]
        super().__init__(names, output_field=models.TextField())

    def as_sqlite(self, compiler: Any, connection: Any, **extra: Any) -> tuple[str, Sequence[Any]]:
        # SQLite aggregates the rows of an ordered subquery in that order (GROUP_CONCAT has no ORDER BY).
        template = '(SELECT GROUP_CONCAT("unit_label", %%s) FROM (%(subquery)s))'
        sql, params = self.as_sql(compiler, connection, template=template, **extra)  # type: ignore[call-arg]
        return sql, (SEPARATOR, *params)

    def as_postgresql(self, compiler: Any, connection: Any, **extra: Any) -> tuple[str, Sequence[Any]]:
        template = '(SELECT STRING_AGG("unit_label", %%s ORDER BY "o1", "o2") FROM (%(subquery)s) AS "recipients")'
        sql, params = self.as_sql(compiler, connection, template=template, **extra)  # type: ignore[call-arg]
        return sql, (SEPARATOR, *params)


def _latest_opinion(kind: str) -> Subquery:
    """The latest opinion of ``kind`` on the document, as 「署名：内容」."""
    latest = (
        Opinion.objects.filter(document_id=OuterRef("pk"), kind=kind)
        .order_by("-created_at", "-id")
        .annotate(summary=Concat(F("author_name"), Value("："), F("text"), output_field=models.TextField()))
        .values("summary")[:1]
    )
    return Subquery(latest, output_field=models.TextField())


def _answer_number() -> Subquery:
    """The 发文字号 of the issued answer (批复 or 函) to an incoming document."""
    answer = (
        Document.objects.filter(replies_to_id=OuterRef("pk"), flow=Flow.OUTGOING, state=DocState.ISSUED)
        .order_by("issued_at", "id")
        .values("number")[:1]
    )
    return Subquery(answer, output_field=models.CharField())


def _copies() -> Coalesce:
    count = (
        Delivery.objects.filter(document_id=OuterRef("pk"), withdrawn_at__isnull=True)
        .order_by()
        .values("document_id")
        .annotate(n=Count("id"))
        .values("n")
    )
    return Coalesce(Subquery(count, output_field=models.IntegerField()), Value(0))


# ---------------------------------------------------------------- the registers


def incoming_register(filters: RegisterFilters | None = None) -> QuerySet[Document, Mapping[str, Any]]:
    """收文登记簿: the documents submitted to the government that the office has signed for and
    registered (签收登记), in the order received.

    Row keys: ``id``, ``received_on`` (收文日期), ``issuer_code``, ``issuer_name`` (来文单位),
    ``doc_type``, ``title``, ``urgency``, ``classification``, ``signer_name`` (the unit's 签发人),
    ``state``, ``office_opinion`` (latest 拟办), ``instruction`` (latest 批示), ``answer_number``
    (the 发文字号 of the issued answer).
    """
    filters = filters or RegisterFilters()
    qs = Document.objects.filter(flow=Flow.SUBMISSION, received_at__isnull=False)
    qs = _filter(qs, filters, "received_at")
    return qs.order_by("received_at", "id").values(
        "id",
        "doc_type",
        "title",
        "urgency",
        "classification",
        "state",
        received_on=TruncDate("received_at"),
        issuer_code=F("issuer__code"),
        issuer_name=_unit_name("issuer__"),
        signer_name=F("signer__name"),
        office_opinion=_latest_opinion(OpinionKind.OFFICE_OPINION),
        instruction=_latest_opinion(OpinionKind.INSTRUCTION),
        answer_number=_answer_number(),
    )


def outgoing_register(filters: RegisterFilters | None = None) -> QuerySet[Document, Mapping[str, Any]]:
    """发文登记簿: the documents drafted in the name of the government, its office or a unit, in the
    order they were issued (or signed, or drafted, while not yet issued).

    Row keys: ``id``, ``number`` (发文字号), ``signed_on`` (成文日期, the day of 签发), ``signer_name``,
    ``title``, ``issuer_code``, ``issuer_name`` (发文机关), ``doc_type``, ``main_recipient_names`` and
    ``copy_recipient_names`` (主送, 抄送: names joined with 、), ``issued_on`` (印发日期), ``copies`` (份数
    delivered),
    ``classification``, ``urgency``, ``state``, ``replies_to_title`` (the incoming document answered).
    """
    filters = filters or RegisterFilters()
    dated = Document.objects.filter(flow=Flow.OUTGOING).annotate(
        dated_at=Coalesce("issued_at", "signed_at", "created_at")
    )
    qs = _filter(dated, filters, "dated_at")
    return qs.order_by("dated_at", "id").values(
        "id",
        "number",
        "title",
        "doc_type",
        "classification",
        "urgency",
        "state",
        signed_on=TruncDate("signed_at"),
        issued_on=TruncDate("issued_at"),
        signer_name=F("signer__name"),
        issuer_code=F("issuer__code"),
        issuer_name=_unit_name("issuer__"),
        main_recipient_names=_JoinedUnitNames("main_recipients"),
        copy_recipient_names=_JoinedUnitNames("copy_recipients"),
        copies=_copies(),
        replies_to_title=F("replies_to__title"),
    )


# ---------------------------------------------------------------- columns


@dataclass(frozen=True)
class Column:
    """One column of an export: the row key, the Chinese header, the spreadsheet width (in
    characters) and, for stored choices, their labels."""

    key: str
    header: str
    width: int = 12
    choices: type[models.TextChoices] | None = field(default=None, compare=False)

    def cell(self, row: Mapping[str, Any]) -> Any:
        value = row.get(self.key)
        if self.choices is not None and value:
            try:
                return str(self.choices(value).label)
            except ValueError:
                return value
        return value


INCOMING_COLUMNS: tuple[Column, ...] = (
    Column("received_on", "收文日期", 12),
    Column("issuer_name", "来文单位", 18),
    Column("doc_type", "文种", 8, DocType),
    Column("title", "标题", 44),
    Column("urgency", "紧急程度", 10, Urgency),
    Column("classification", "密级", 10, Classification),
    Column("signer_name", "签发人", 10),
    Column("state", "状态", 16, DocState),
    Column("office_opinion", "拟办意见", 36),
    Column("instruction", "领导批示", 36),
    Column("answer_number", "答复文号", 20),
)

OUTGOING_COLUMNS: tuple[Column, ...] = (
    Column("number", "发文字号", 20),
    Column("signed_on", "成文日期（签发）", 16),
    Column("signer_name", "签发人", 10),
    Column("title", "标题", 44),
    Column("issuer_name", "发文机关", 18),
    Column("doc_type", "文种", 8, DocType),
    Column("main_recipient_names", "主送", 30),
    Column("copy_recipient_names", "抄送", 30),
    Column("issued_on", "印发日期", 12),
    Column("copies", "份数", 6),
    Column("classification", "密级", 10, Classification),
    Column("urgency", "紧急程度", 10, Urgency),
    Column("state", "状态", 16, DocState),
    Column("replies_to_title", "答复的来文", 36),
)


def _rows(rows: Iterable[Mapping[str, Any]]) -> Iterable[Mapping[str, Any]]:
    """A queryset is streamed in chunks (one query), so a large register is not held in memory twice."""
    if isinstance(rows, QuerySet) and rows._result_cache is None:
        return rows.iterator(chunk_size=2000)
    return rows


# ---------------------------------------------------------------- CSV


_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _csv_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return (
            timezone.localtime(value).strftime("%Y-%m-%d %H:%M")
            if timezone.is_aware(value)
            else value.strftime("%Y-%m-%d %H:%M")
        )
    if isinstance(value, dt.date):
        return value.isoformat()
    text = str(value)
    if isinstance(value, str) and text.startswith(_FORMULA_START):
        return "'" + text  # a spreadsheet must not run a title that happens to look like a formula
    return text


def to_csv(rows: Iterable[Mapping[str, Any]], columns: Sequence[Column]) -> bytes:
    """The rows as CSV: UTF-8 with a byte-order mark (so Excel reads the Chinese), CRLF line ends,
    a header row of the Chinese column names, dates as YYYY-MM-DD."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow([c.header for c in columns])
    for row in _rows(rows):
        writer.writerow([_csv_text(c.cell(row)) for c in columns])
    return out.getvalue().encode("utf-8-sig")


# ---------------------------------------------------------------- XLSX


def to_xlsx(rows: Iterable[Mapping[str, Any]], columns: Sequence[Column], title: str = "登记簿") -> bytes:
    """The rows as an Excel workbook: one sheet named ``title``, a bold frozen header row, column
    widths, dates as real dates (yyyy-mm-dd), text never taken for a formula."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    wb = Workbook(write_only=True)
    ws = wb.create_sheet(title=title[:31])
    for index, column in enumerate(columns, start=1):
        ws.column_dimensions[get_column_letter(index)].width = column.width + 2
    ws.freeze_panes = "A2"
    bold, centred = Font(bold=True), Alignment(horizontal="center", vertical="center")
    header = []
    for column in columns:
        cell = WriteOnlyCell(ws, value=column.header)
        cell.font, cell.alignment = bold, centred
        header.append(cell)
    ws.append(header)
    for row in _rows(rows):
        cells: list[Any] = []
        for column in columns:
            value = column.cell(row)
            if isinstance(value, dt.datetime):
                value = timezone.localtime(value).replace(tzinfo=None) if timezone.is_aware(value) else value
                cell = WriteOnlyCell(ws, value=value)
                cell.number_format = "yyyy-mm-dd hh:mm"
            elif isinstance(value, dt.date):
                cell = WriteOnlyCell(ws, value=dt.datetime.combine(value, dt.time.min))
                cell.number_format = "yyyy-mm-dd"
            elif isinstance(value, str):
                cell = WriteOnlyCell(ws, value=ILLEGAL_CHARACTERS_RE.sub("", value))
                cell.data_type = "s"  # never a formula, whatever the text begins with
            else:
                cell = WriteOnlyCell(ws, value=value)
            cells.append(cell)
        ws.append(cells)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def export_filename(register: str, extension: str, filters: RegisterFilters | None = None) -> str:
    """``收文登记簿-2026.xlsx``, ``发文登记簿.csv``… for a download's Content-Disposition."""
    name = {"incoming": "收文登记簿", "outgoing": "发文登记簿"}[register]
    if filters is not None and filters.year is not None:
        name += f"-{filters.year}"
    return f"{name}.{extension}"
