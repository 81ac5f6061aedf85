"""延期: with a recorded reason, at most 6 months after assignment (art. 31)."""

from __future__ import annotations

import pytest

from tests.suggestions.conftest import D
from zhengwu.audit.models import AuditRecord
from zhengwu.core.decisions import InvalidInput, Refused
from zhengwu.suggestions.actions import extend

pytestmark = pytest.mark.article(31)


def test_extended_with_a_reason_up_to_six_months(user, assigned) -> None:
    with pytest.raises(InvalidInput):
        extend(user("clerk_ducha"), assigned, D(2026, 4, 30), " ")
    with pytest.raises(Refused):
        extend(user("clerk_ducha"), assigned, D(2026, 5, 21), "涉及跨年度预算。")
    with pytest.raises(Refused):
        extend(user("jyj_head"), assigned, D(2026, 4, 30), "涉及跨年度预算。")
    extend(user("clerk_ducha"), assigned, D(2026, 5, 20), "涉及跨年度预算。")
    assert (assigned.due, assigned.extension_reason) == (D(2026, 5, 20), "涉及跨年度预算。")
    assert AuditRecord.objects.filter(action="suggestions.extend", object_id=str(assigned.pk)).get().article == 31
