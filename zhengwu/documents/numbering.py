"""Document numbers (发文字号): 克政发〔2026〕12号, gapless and never duplicated.

A number is 机关代字 + 发文类别 (the *prefix*: 克政发, 克政函, 克政办发), the year in 〔〕 and a
serial without leading zeros, followed by 号 (公文条例 art. 9; GB/T 9704-2012 §7.2.4).  Each
(prefix, year) has one :class:`~zhengwu.documents.models.NumberSequence` row; every number taken
is recorded as an :class:`~zhengwu.documents.models.IssuedNumber`.

Why not ``MAX(serial) + 1``: two transactions issuing at once both read the same maximum and
give out the same number (a known defect of peer systems, BRIEF §5).  Here the sequence row is
locked (``SELECT … FOR UPDATE``) for the rest of the caller's transaction, so concurrent issuers
queue on it; and since the increment and the :class:`IssuedNumber` belong to that transaction, a
rollback gives the number back: a number taken in a rolled-back transaction never existed, so
the sequence has no gaps.  A number that *was* issued and later voided is cancelled with its
reason (:func:`cancel_number`); it stays taken and the sequence never goes back.

On SQLite ``select_for_update`` is a no-op, but the project opens write transactions with
``BEGIN IMMEDIATE`` (settings), so writers are serialized anyway.  The unique constraint on
(prefix, year, serial) is the last line of defence.
"""

from __future__ import annotations

from dataclasses import replace

from django.db import IntegrityError, transaction
from django.utils import timezone

from zhengwu.core.decisions import InvalidInput
from zhengwu.core.i18n import _
from zhengwu.core.transitions import require_step
from zhengwu.documents.models import Document, IssuedNumber, NumberSequence
from zhengwu.documents.rules.records import CANCEL_NUMBER, number_state
from zhengwu.rulebook.services import rulebook_view

# 发文类别 → what follows the unit's 机关代字 (doc_prefix).  With the 州人民政府's 克政:
#   fa      发     克政发〔2026〕1号    the government's documents (通知, 决定, 意见…)
#   han     函     克政函〔2026〕1号    the government's letters (函, 批复 in letter form)
#   ban_fa  办发   克政办发〔2026〕1号  the government office's documents
#   ban_han 办函   克政办函〔2026〕1号  the government office's letters
#   dian    电     克政电〔2026〕1号    telegrams (明传电报)
# With a unit's own 机关代字 the same suffixes apply (克发改发, 克财函).
PREFIX_KINDS: dict[str, str] = {
    "fa": "发",
    "han": "函",
    "ban_fa": "办发",
    "ban_han": "办函",
    "dian": "电",
}

PREFIX_MAX_LENGTH = 30  # NumberSequence.prefix / IssuedNumber.prefix
CANCEL_REASON_MAX_LENGTH = 300  # IssuedNumber.cancel_reason


class UnknownNumberKind(ValueError):
    """A 发文类别 not in :data:`PREFIX_KINDS`."""


def prefix_for(unit_doc_prefix: str, kind: str) -> str:
    """The numbering prefix for a unit's 机关代字 and a 发文类别: ``prefix_for("克政", "fa")`` → 克政发."""
    try:
        suffix = PREFIX_KINDS[kind]
    except KeyError:
        known = ", ".join(f"{k} ({v})" for k, v in PREFIX_KINDS.items())
        raise UnknownNumberKind(f"unknown document number kind {kind!r}; expected one of: {known}") from None
    base = unit_doc_prefix.strip()
    if not base:
        raise ValueError("该单位没有设置机关代字，无法编发文字号；请系统管理员在组织机构中填写机关代字。")
    return _checked_prefix(base + suffix)


def _checked_prefix(prefix: str) -> str:
    if not prefix or prefix != prefix.strip() or any(c.isspace() for c in prefix):
        raise ValueError(f"发文字号代字“{prefix}”不能为空或含有空白字符。")
    if len(prefix) > PREFIX_MAX_LENGTH:
        raise ValueError(f"发文字号代字“{prefix}”超过{PREFIX_MAX_LENGTH}个字符。")
    if any(c in prefix for c in "〔〕[]号"):
        raise ValueError(f"发文字号代字“{prefix}”不应包含年份括号或“号”字。")
    return prefix


def _checked_year(year: int) -> int:
    if isinstance(year, bool) or not isinstance(year, int) or not 1000 <= year <= 9999:
        raise ValueError(f"发文年份应为四位公元年份，而不是 {year!r}。")
    return year


def format_number(prefix: str, year: int, serial: int) -> str:
    """克政发〔2026〕12号: year in 六角括号 〔〕, serial without leading zeros (GB/T 9704-2012)."""
    if isinstance(serial, bool) or not isinstance(serial, int) or serial < 1:
        raise ValueError(f"发文顺序号应为正整数，而不是 {serial!r}。")
    return f"{_checked_prefix(prefix)}〔{_checked_year(year)}〕{serial}号"


def number_text(issued: IssuedNumber) -> str:
    """The formatted number of an :class:`IssuedNumber`."""
    return format_number(issued.prefix, issued.year, issued.serial)


def _locked_sequence(prefix: str, year: int) -> NumberSequence:
    """The (prefix, year) sequence row, locked until the caller's transaction ends; created if new.

    Creation is race-free: ``bulk_create(ignore_conflicts=True)`` is ``INSERT … ON CONFLICT DO
    NOTHING`` on PostgreSQL (and ``INSERT OR IGNORE`` on SQLite), so two transactions creating the
    same year's sequence at once both succeed, one of them waiting for the other, and both then
    lock the one row.
    """
    sequences = NumberSequence.objects.select_for_update().filter(prefix=prefix, year=year)
    seq = sequences.first()
    if seq is None:
        NumberSequence.objects.bulk_create([NumberSequence(prefix=prefix, year=year, last=0)], ignore_conflicts=True)
        seq = sequences.get()
    return seq


def take_number(prefix: str, year: int, document: Document | None = None) -> IssuedNumber:
    """Take the next number of (``prefix``, ``year``) for ``document`` (``None``: reserved, e.g. at
    typesetting, to be attached later).

    Must run inside the caller's transaction (``transaction.atomic``), the one that also records
    the number on the document: the sequence row stays locked until it commits, and rolling it
    back gives the number back.  The caller writes the number on the document and the audit record.
    """
    prefix = _checked_prefix(prefix)
    year = _checked_year(year)
    if not transaction.get_connection().in_atomic_block:
        raise transaction.TransactionManagementError(
            "take_number() must be called inside the caller's transaction (transaction.atomic), "
            "so that the number is given back if that transaction rolls back."
        )
    seq = _locked_sequence(prefix, year)
    seq.last += 1
    seq.save(update_fields=["last"])
    try:
        with transaction.atomic():  # a savepoint, so a failure here leaves the caller's transaction usable
            return IssuedNumber.objects.create(
                prefix=prefix, year=year, serial=seq.last, document=document, taken_at=timezone.now()
            )
    except IntegrityError as exc:
        # Only if IssuedNumber rows were written around the sequence (data import, manual edit) or
        # the sequence row was not locked: the unique constraint refuses the duplicate.
        raise IntegrityError(
            f"{format_number(prefix, year, seq.last)} is already recorded although the sequence was at "
            f"{seq.last - 1}: the (prefix, year) sequence and its issued numbers disagree; nothing was issued."
        ) from exc


def checked_reason(reason: str) -> str:
    """The reason for cancelling a number, its whitespace collapsed; refused when empty or too long."""
    reason = " ".join(reason.split())
    if not reason:
        raise InvalidInput(_("作废发文字号须写明原因。"), field="reason")
    if len(reason) > CANCEL_REASON_MAX_LENGTH:
        raise InvalidInput(
            _("作废原因不能超过{CANCEL_REASON_MAX_LENGTH}字。", CANCEL_REASON_MAX_LENGTH=CANCEL_REASON_MAX_LENGTH),
            field="reason",
        )
    return reason


def require_cancellable(issued: IssuedNumber, *, cancelled: bool) -> None:
    """Refuse, citing art. 52, to cancel a number already cancelled:
    「发文字号克政函〔2026〕1号当前为“已作废”，不能作废」 (:class:`StateConflict`, API 409)."""
    state, label = number_state(cancelled)
    step = replace(CANCEL_NUMBER, subject=f"发文字号{number_text(issued)}")
    require_step(step, state, label, rulebook_view(timezone.localdate()))


def cancel_number(issued: IssuedNumber, reason: str) -> IssuedNumber:
    """Void an issued number: the reason and the time are recorded; the number stays taken.

    The sequence never goes back, so the next number is still +1 and the register shows why this
    one has no document.  Cancelling twice is refused (:data:`~zhengwu.documents.rules.records.CANCEL_NUMBER`,
    art. 52): the row is updated only while it is in use, so two concurrent cancellations cannot both pass.
    """
    reason = checked_reason(reason)
    now = timezone.now()
    updated = IssuedNumber.objects.filter(pk=issued.pk, cancelled_at__isnull=True).update(
        cancelled_at=now, cancel_reason=reason
    )
    if not updated:
        require_cancellable(issued, cancelled=True)
    issued.cancelled_at = now
    issued.cancel_reason = reason
    return issued
