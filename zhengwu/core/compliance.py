"""What is overdue or at risk across the platform: the lines of the compliance view (arts. 36, 63).

Each area registers, from its AppConfig.ready(), a provider: a function of today's date that
yields :class:`ComplianceLine` objects for what it knows is late or close to its limit
(countersigns past due, meeting documents not issued in 7 working days, 「经同意」 documents not
filed in 30 days, supervision items, suggestions and proposals, petitions, publications…).  The
compliance page and its XLSX export gather them without knowing any area's models.  Every line
names its article.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from enum import StrEnum

from zhengwu.core.decisions import Citation


class Status(StrEnum):
    OVERDUE = "overdue"
    AT_RISK = "at_risk"


STATUS_LABELS = {Status.OVERDUE: "已逾期", Status.AT_RISK: "临近期限"}


@dataclass(frozen=True)
class ComplianceLine:
    area: str  # a short name users know: 「会签」「会议发文」「报备」「督办」「建议提案」「信访」
    title: str
    owner: str  # the unit or person who must act
    due: dt.date
    status: Status
    citation: Citation | None
    url: str = ""
    detail: str = ""  # e.g. 「逾期3个工作日」

    @property
    def status_label(self) -> str:
        return STATUS_LABELS[self.status]


Provider = Callable[[dt.date], Iterable[ComplianceLine]]

_providers: dict[str, Provider] = {}


def register(key: str) -> Callable[[Provider], Provider]:
    """``@register("documents.countersign")`` on a provider; the same key again replaces it."""

    def add(provider: Provider) -> Provider:
        _providers[key] = provider
        return provider

    return add


def lines(today: dt.date) -> list[ComplianceLine]:
    """Every provider's lines, overdue first, then by due date."""
    found = [line for key in sorted(_providers) for line in _providers[key](today)]
    return sorted(found, key=lambda line: (line.status != Status.OVERDUE, line.due, line.area, line.title))
