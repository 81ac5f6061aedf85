"""Rules about rulebook versions themselves (art. 68).  Pure functions: no Django."""

from __future__ import annotations

import datetime as dt

from zhengwu.core.decisions import Citation, Decision
from zhengwu.core.i18n import _


def may_withdraw(
    effective_from: dt.date, ceases_on: dt.date | None, today: dt.date, citation: Citation | None
) -> Decision:
    """A version imported by mistake may be withdrawn only while it has not taken effect: from its
    effective date on, matters were decided under it and their citations must stay true."""
    if effective_from > today:
        return Decision.allow(
            "rulebook.withdraw.ok",
            _("该版本{isoformat}起施行，尚未施行，可以撤回。", isoformat=effective_from.isoformat()),
            citation,
        )
    if ceases_on is not None and ceases_on <= today:
        return Decision.refuse(
            "rulebook.withdraw.past",
            _(
                ("该版本已于{isoformat}起施行、{isoformat2}停止执行，期间办理的事项引用了它，不能撤回。"),
                isoformat=effective_from.isoformat(),
                isoformat2=ceases_on.isoformat(),
            ),
            citation,
        )
    return Decision.refuse(
        "rulebook.withdraw.in_force",
        _(
            (
                "该版本自{isoformat}起正在施行，不能撤回；标注有误请用 zhengwu rules annotate 更正，"
                "规则有变请导入新版本。"
            ),
            isoformat=effective_from.isoformat(),
        ),
        citation,
    )
