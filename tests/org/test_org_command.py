"""``zhengwu org``: the same actions on the command line."""

from __future__ import annotations

import io
import re

import pytest
from django.core.management import CommandError, call_command

from tests.org.conftest import D, signs_in
from zhengwu.audit.models import AuditRecord
from zhengwu.org.services import who_holds


def run(*args: str) -> str:
    out = io.StringIO()
    call_command("org", *args, stdout=out)
    return out.getvalue()


@pytest.mark.article(4)
def test_set_up_a_unit_its_head_and_portfolio(db) -> None:
    assert "已新设单位" in run(
        "create-unit",
        "tjj",
        "克孜勒苏柯尔克孜自治州统计局",
        "--kind",
        "department",
        "--short-name",
        "州统计局",
        "--parent",
        "gov",
        "--doc-prefix",
        "克统",
        "--org-code",
        "010478518",
    )
    assert "已新设职务" in run("add-position", "tjj", "unit_head", "局长")
    out = run("add-person", "tjj_head", "张三")
    password = re.search(r"初始密码（只显示这一次）：(\S+)", out).group(1)
    assert signs_in("tjj_head", password)
    run("appoint", "tjj_head", "--unit", "tjj", "--title", "局长", "--start", "2026-07-01")
    assert who_holds("head:tjj", D(2026, 7, 1)).person_name == "张三"
    run(
        "set-portfolio",
        "vice_liu",
        "--areas",
        "发展改革、自然资源、统计",
        "--units",
        "fgw,zrzyj,tjj",
        "--start",
        "2026-07-01",
    )
    assert who_holds("portfolio:tjj", D(2026, 7, 1)).person_name == "刘振东"
    run("end-appointment", "tjj_head", "--end", "2026-12-31")
    assert who_holds("head:tjj", D(2027, 1, 1)) is None
    run("deactivate", "tjj_head")
    assert not signs_in("tjj_head", password)
    assert AuditRecord.objects.filter(action__startswith="org.", actor_name="系统（命令行）").count() == 8


@pytest.mark.article(4)
def test_as_a_non_administrator_it_is_refused_with_the_article(db) -> None:
    with pytest.raises(CommandError, match="第四条"):
        run("add-person", "tjj_head", "张三", "--as-user", "office_director")


def test_bad_input_is_a_command_error(db) -> None:
    with pytest.raises(CommandError, match="校验码不对"):
        run("create-unit", "tjj", "统计局", "--kind", "department", "--org-code", "01047851X")
