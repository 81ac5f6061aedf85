"""Document numbers (发文字号): gapless per prefix and year, never duplicated, cancelled numbers
kept, rolled-back numbers given back.

The number's form is 公文条例 art. 9 and GB/T 9704-2012 §7.2.4; the Work Rules article behind
numbering is art. 52: the 登记 of an issued document is part of the electronic, online issuing
(积极推广电子公文…网上办理) that ``actions.outgoing.issue`` records, citing the provision
``documents.paperless``, and the gapless register is what 加强发文统筹、从严控制发文数量 is counted
against.  So every test here is marked with art. 52."""

from __future__ import annotations

import threading

import pytest
from django.db import connection, connections, transaction

from zhengwu.core.decisions import InvalidInput
from zhengwu.core.transitions import StateConflict
from zhengwu.documents.models import IssuedNumber, NumberSequence
from zhengwu.documents.numbering import (
    UnknownNumberKind,
    cancel_number,
    format_number,
    number_text,
    prefix_for,
    take_number,
)

pytestmark = pytest.mark.article(52)

# ------------------------------------------------------------------ pure parts


def test_format_number_year_in_hexagonal_brackets_no_leading_zeros() -> None:
    assert format_number("克政发", 2026, 12) == "克政发〔2026〕12号"
    assert format_number("克政办发", 2026, 1) == "克政办发〔2026〕1号"


@pytest.mark.parametrize(
    ("prefix", "year", "serial"),
    [
        ("克政发", 2026, 0),
        ("克政发", 2026, -1),
        ("克政发", 26, 1),
        ("", 2026, 1),
        ("克政 发", 2026, 1),
        ("克政发〔", 2026, 1),
    ],
)
def test_format_number_refuses_malformed_parts(prefix, year, serial) -> None:
    with pytest.raises(ValueError, match="发文"):
        format_number(prefix, year, serial)


def test_prefix_for_known_kinds() -> None:
    assert prefix_for("克政", "fa") == "克政发"
    assert prefix_for("克政", "han") == "克政函"
    assert prefix_for("克政", "ban_fa") == "克政办发"
    assert prefix_for("克政", "ban_han") == "克政办函"
    assert prefix_for("克发改", "fa") == "克发改发"


def test_prefix_for_unknown_kind_names_the_known_ones() -> None:
    with pytest.raises(UnknownNumberKind, match=r"'xia'.*fa \(发\).*ban_fa \(办发\)"):
        prefix_for("克政", "xia")


def test_prefix_for_a_unit_without_doc_prefix() -> None:
    with pytest.raises(ValueError, match="机关代字"):
        prefix_for("  ", "fa")


# ------------------------------------------------------------------ sequences


def serials(prefix: str, year: int) -> list[int]:
    return list(
        IssuedNumber.objects.filter(prefix=prefix, year=year).order_by("serial").values_list("serial", flat=True)
    )


@pytest.mark.django_db
def test_sequential_numbers_per_prefix_and_year() -> None:
    taken = [take_number("克政发", 2026, None) for _ in range(3)]
    assert [n.serial for n in taken] == [1, 2, 3]
    assert number_text(taken[-1]) == "克政发〔2026〕3号"
    assert NumberSequence.objects.get(prefix="克政发", year=2026).last == 3
    assert all(n.taken_at is not None and n.document is None for n in taken)


@pytest.mark.django_db
def test_sequences_are_independent_per_prefix_and_per_year() -> None:
    take_number("克政发", 2026)
    take_number("克政发", 2026)
    assert take_number("克政办发", 2026).serial == 1
    assert take_number("克政发", 2027).serial == 1
    assert take_number("克政发", 2026).serial == 3
    assert serials("克政办发", 2026) == [1]


@pytest.mark.django_db
def test_number_taken_for_a_document_is_linked_to_it(demo_loaded) -> None:
    from django.contrib.auth import get_user_model
    from django.utils import timezone

    from zhengwu.documents.models import Direction, DocType, Document, Flow
    from zhengwu.org.models import Unit
    from zhengwu.rulebook.models import RulebookVersion

    document = Document.objects.create(
        flow=Flow.OUTGOING,
        doc_type=DocType.NOTICE,
        direction=Direction.DOWNWARD,
        title="关于测试的通知",
        issuer=Unit.objects.get(code="gov"),
        rulebook_version=RulebookVersion.objects.earliest("pk"),
        created_by=get_user_model().objects.get(username="clerk_wendian"),
        created_at=timezone.now(),
    )
    issued = take_number(prefix_for(document.issuer.doc_prefix, "fa"), 2026, document)
    assert list(document.numbers.all()) == [issued]
    assert number_text(issued) == "克政发〔2026〕1号"


@pytest.mark.django_db
def test_cancel_keeps_the_number_taken_and_the_next_is_plus_one() -> None:
    first = take_number("克政函", 2026)
    second = take_number("克政函", 2026)
    cancel_number(second, "  标题有误，\n重新起草 ")
    second.refresh_from_db()
    assert second.cancelled_at is not None
    assert second.cancel_reason == "标题有误， 重新起草"
    assert take_number("克政函", 2026).serial == 3
    assert serials("克政函", 2026) == [1, 2, 3]
    assert first.cancelled_at is None


@pytest.mark.django_db
def test_cancel_needs_a_reason_and_happens_once() -> None:
    issued = take_number("克政函", 2026)
    with pytest.raises(InvalidInput, match="原因"):
        cancel_number(issued, "   ")
    cancel_number(issued, "重复取号")
    with pytest.raises(StateConflict) as exc:
        cancel_number(IssuedNumber.objects.get(pk=issued.pk), "再次作废")
    [d] = exc.value.decisions
    assert d.message == "发文字号克政函〔2026〕1号当前为“已作废”，不能作废。"
    assert d.citation.article == 52
    assert IssuedNumber.objects.get(pk=issued.pk).cancel_reason == "重复取号"


@pytest.mark.django_db
def test_rollback_gives_the_number_back() -> None:
    assert take_number("克政办发", 2026).serial == 1

    def issue_then_fail() -> None:
        with transaction.atomic():
            assert take_number("克政办发", 2026).serial == 2
            raise RuntimeError("printing failed")  # the caller's transaction rolls back

    with pytest.raises(RuntimeError, match="printing failed"):
        issue_then_fail()
    assert take_number("克政办发", 2026).serial == 2
    assert serials("克政办发", 2026) == [1, 2]


@pytest.mark.django_db
def test_rollback_of_a_new_years_first_number_leaves_nothing() -> None:
    def issue_then_abandon() -> None:
        with transaction.atomic():
            take_number("克政发", 2031)
            raise RuntimeError("abandoned")

    with pytest.raises(RuntimeError, match="abandoned"):
        issue_then_abandon()
    assert not NumberSequence.objects.filter(prefix="克政发", year=2031).exists()
    assert take_number("克政发", 2031).serial == 1


@pytest.mark.django_db(transaction=True)
def test_take_number_outside_a_transaction_is_refused() -> None:
    with pytest.raises(transaction.TransactionManagementError, match="inside the caller's transaction"):
        take_number("克政发", 2026)
    assert not IssuedNumber.objects.exists()


# ------------------------------------------------------------------ concurrency (PostgreSQL)

THREADS, PER_THREAD = 8, 25


@pytest.mark.django_db(transaction=True)
def test_concurrent_issuing_never_duplicates_or_skips() -> None:
    if connection.vendor != "postgresql":
        pytest.skip(
            "concurrency needs a server database with row locks: run with DATABASE_URL=postgres://… "
            "(scripts/test.sh); SQLite serializes writers with BEGIN IMMEDIATE instead"
        )
    start = threading.Barrier(THREADS)
    errors: list[BaseException] = []
    results: list[int] = []
    lock = threading.Lock()

    def issue() -> None:
        try:
            start.wait()
            for _ in range(PER_THREAD):
                with transaction.atomic():
                    serial = take_number("克政发", 2026).serial
                with lock:
                    results.append(serial)
        except BaseException as exc:  # reported by the main thread
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=issue) for _ in range(THREADS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    assert not errors, errors
    total = THREADS * PER_THREAD
    assert sorted(results) == list(range(1, total + 1))
    assert serials("克政发", 2026) == list(range(1, total + 1))
    assert NumberSequence.objects.get(prefix="克政发", year=2026).last == total
