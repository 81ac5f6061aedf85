"""Who handles 政务公开 (arts. 27, 29): the office's 信息公开 staff or its leadership; an extension
of an application's time limit needs the leadership's approval."""

from __future__ import annotations

import pytest

from zhengwu.portal.rules import StaffFact, may_approve_extension, may_manage

GONGKAI = StaffFact("clerk", "office", "信息公开")
WENDIAN = StaffFact("clerk", "office", "文电")
DEPT_CLERK = StaffFact("clerk", "department", "信息公开")
DIRECTOR = StaffFact("office_director", "office")
SG = StaffFact("secretary_general", "office")
VICE = StaffFact("vice_governor", "government")


@pytest.mark.article(29)
@pytest.mark.parametrize(
    ("staff", "allowed"),
    [
        ([GONGKAI], True),
        ([DIRECTOR], True),
        ([SG], True),
        ([WENDIAN], False),
        ([DEPT_CLERK], False),
        ([VICE], False),
        ([], False),
    ],
)
def test_may_manage(kizilsu, staff, allowed) -> None:
    decision = may_manage(staff, kizilsu)
    assert decision.allowed is allowed
    assert decision.citation is not None
    assert decision.citation.article == 29


@pytest.mark.article(27)
@pytest.mark.parametrize(("staff", "allowed"), [([DIRECTOR], True), ([SG], True), ([GONGKAI], False), ([VICE], False)])
def test_extension_needs_the_office_leadership(kizilsu, staff, allowed) -> None:
    decision = may_approve_extension(staff, kizilsu)
    assert decision.allowed is allowed
    assert decision.citation is not None
    assert decision.citation.article == 27
