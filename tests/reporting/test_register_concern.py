"""Registering a matter raised by the public or the media (art. 34)."""

from __future__ import annotations

import pytest

from tests.reporting.conftest import D, unit
from zhengwu.audit.models import AuditRecord
from zhengwu.core.decisions import InvalidInput, Refused
from zhengwu.reporting import actions
from zhengwu.reporting.models import PublicConcern

pytestmark = [pytest.mark.article(34), pytest.mark.usefixtures("frozen")]


def test_the_investigating_unit_or_the_office_registers_it(user):
    c = actions.register_concern(
        user("clerk_wendian"),
        source="media",
        title="媒体报道某小区供暖不达标",
        unit=unit("fgw"),
        received_on=D(2026, 11, 2),
        major=True,
    )
    assert c.state == "open"
    assert AuditRecord.objects.get(action="reporting.concern.register").article == 34


def test_another_unit_may_not_and_bad_input_is_refused(user):
    with pytest.raises(Refused) as exc:
        actions.register_concern(
            user("jyj_head"), source="public", title="反映问题", unit=unit("fgw"), received_on=D(2026, 11, 2)
        )
    assert exc.value.decisions[0].citation.article == 34
    with pytest.raises(InvalidInput):
        actions.register_concern(
            user("fgw_head"), source="rumour", title="反映问题", unit=unit("fgw"), received_on=D(2026, 11, 2)
        )
    with pytest.raises(InvalidInput):
        actions.register_concern(
            user("fgw_head"), source="public", title="反映问题", unit=unit("fgw"), received_on=D(2026, 11, 4)
        )
    assert not PublicConcern.objects.exists()
