"""Pure rules of outgoing documents: direction, numbering kind, who drafts, reviews and issues."""

from __future__ import annotations

import pytest

from zhengwu.documents.rules import outgoing as rules
from zhengwu.documents.rules.intake import UnitRef
from zhengwu.org.rules import PositionFact

GOV = UnitRef(1, "州人民政府", "government")
OFFICE = UnitRef(2, "州政府办公室", "office")
FGW = UnitRef(3, "州发展改革委", "department")
CZJ = UnitRef(4, "州财政局", "department")
XJ = UnitRef(9, "自治区人民政府", "superior")


@pytest.mark.parametrize(
    ("issuer", "parent", "recipients", "parents", "direction"),
    [
        (GOV, None, [FGW, CZJ], [1, 1], "down"),
        (GOV, None, [XJ], [None], "up"),
        (OFFICE, 1, [FGW], [1], "down"),  # the office writes to the government's departments
        (FGW, 1, [GOV], [None], "up"),
        (FGW, 1, [CZJ], [1], "parallel"),
    ],
)
def test_direction(issuer, parent, recipients, parents, direction) -> None:
    assert rules.direction_for(issuer, parent, recipients, parents) == direction


def test_letters_take_the_han_series() -> None:
    assert (rules.default_number_kind("han"), rules.default_number_kind("pifu")) == ("han", "fa")


def _p(kind: str, unit_id: int) -> PositionFact:
    return PositionFact(1, kind, kind, unit_id, "office")


@pytest.mark.article(51, 52)
def test_who_drafts_reviews_and_issues(kizilsu) -> None:
    clerk, director, fgw_clerk = _p("clerk", 2), _p("office_director", 2), _p("clerk", 3)
    assert rules.may_draft([clerk], GOV, 2, kizilsu).allowed
    assert not rules.may_draft([fgw_clerk], GOV, 2, kizilsu).allowed
    assert rules.may_draft([fgw_clerk], FGW, 2, kizilsu).allowed
    assert rules.may_review([director], GOV, kizilsu).allowed
    assert not rules.may_review([director], FGW, kizilsu).allowed
    assert rules.may_review([_p("unit_deputy", 3)], FGW, kizilsu).allowed
    refused = rules.may_review([clerk], GOV, kizilsu)
    assert refused.explanation == "发文由秘书长、副秘书长或办公室主任审核把关，您无权审核（《工作规则》第五十一条）"
    assert rules.may_issue([clerk], 2, GOV, kizilsu).allowed
    assert not rules.may_issue([clerk], 2, FGW, kizilsu).allowed
