"""The compliance page and its XLSX export: leaders, the office and administrators only (art. 63)."""

from __future__ import annotations

import datetime as dt
import io

import pytest

pytestmark = [pytest.mark.django_db, pytest.mark.article(63)]


@pytest.mark.parametrize("username", ["governor", "vice_liu", "clerk_wendian", "clerk_ducha", "admin"])
def test_leaders_the_office_and_admin_see_it(client_as, open_item, autumn, username) -> None:
    open_item(title="合规页面测试事项", co=(), due=dt.date(2026, 9, 2))
    r = client_as(username).get("/compliance/")
    assert r.status_code == 200
    assert "合规页面测试事项" in r.content.decode()
    assert "第六十三条" in r.content.decode()


@pytest.mark.parametrize("username", ["fgw_head", "czj_head", "fgw_clerk"])
def test_units_do_not(client_as, autumn, username) -> None:
    r = client_as(username).get("/compliance/")
    assert r.status_code == 403
    assert "合规总览供政府领导同志" in r.content.decode()


def test_xlsx_export(client_as, open_item, autumn) -> None:
    from openpyxl import load_workbook

    open_item(title="=合规导出测试事项", co=(), due=dt.date(2026, 9, 2))
    r = client_as("vice_liu").get("/compliance/?format=xlsx")
    assert r.status_code == 200
    ws = load_workbook(io.BytesIO(r.content)).active
    rows = list(ws.iter_rows(values_only=True))
    assert rows[0] == ("状态", "类别", "事项", "责任单位", "期限", "情况", "依据")
    row = next(x for x in rows if x[2] and "合规导出测试事项" in x[2])
    assert row[2] == "'=合规导出测试事项"  # never a formula
    assert row[6].endswith("第六十三条")
