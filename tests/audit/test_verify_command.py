"""``zhengwu audit verify``: exit 0 when the chain is intact, 1 naming the first broken record."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection, transaction

from zhengwu.audit import services as audit

pytestmark = pytest.mark.article(63)


@pytest.fixture
def records(db):
    with transaction.atomic():
        return [audit.record(actor=None, action="test.cmd", summary=f"记录{i}") for i in range(3)]


def test_intact_chain_exits_zero(records) -> None:
    out = StringIO()
    call_command("audit", "verify", stdout=out)  # returns normally: exit code 0
    assert "审计链完整" in out.getvalue()


def test_broken_chain_exits_one_naming_the_record(records) -> None:
    k = records[1]
    with connection.cursor() as cursor:
        cursor.execute("UPDATE audit_auditrecord SET summary = %s WHERE seq = %s", ["改", k.seq])
    err = StringIO()
    with pytest.raises(SystemExit) as exit_:
        call_command("audit", "verify", stdout=StringIO(), stderr=err)
    assert exit_.value.code == 1
    assert "edited" in err.getvalue()
    assert f"第{k.seq}号审计记录" in err.getvalue()
