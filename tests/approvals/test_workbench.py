"""The approvals panel on the workbench: the requests on which I may act, read without a query per request."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from zhengwu.approvals import actions, selectors
from zhengwu.core.memo import scope

pytestmark = pytest.mark.article(57, 60)


def queries(user, who: str) -> tuple[int, int]:
    with scope(), CaptureQueriesContext(connection) as ctx:
        found = selectors.awaiting(user(who))
    return len(ctx.captured_queries), len(found)


def test_the_approver_sees_what_awaits_them_and_not_a_query_per_request(user, article, guest) -> None:
    guest()
    r = article()
    before, seen = queries(user, "governor")
    assert r.pk in [x.pk for x in selectors.awaiting(user("governor"))]
    for n in range(5):
        article(title=f"署名文章{n}")
        guest(title=f"会见{n}")
    after, seen_after = queries(user, "governor")
    assert seen_after == seen + 5
    assert after == before
    actions.decide(user("governor"), r, True)
    assert r.pk not in [x.pk for x in selectors.awaiting(user("governor"))]
    assert r.pk not in [x.pk for x in selectors.awaiting(user("jyj_head"))]  # publishing is not a to-do


def test_the_foreign_affairs_office_sees_what_it_reviews(user, guest, article) -> None:
    g = guest()
    article()
    assert [x.pk for x in selectors.awaiting(user("wsb_clerk")) if not x.is_demo] == [g.pk]
