"""Validity (art. 22): 废止 by a successor, with the link to it on the portal; 撤销 voids from the start."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.legislation.conftest import BODY, unit
from zhengwu.core.decisions import InvalidInput, Refused
from zhengwu.legislation.actions import adoption, comments, drafting, review
from zhengwu.legislation.actions.after import change_validity
from zhengwu.legislation.models import NormativeKind
from zhengwu.portal.models import ItemKind
from zhengwu.portal.services import queued_for

pytestmark = pytest.mark.article(22)


def test_revoked_voids_from_publication(user, published) -> None:
    with pytest.raises(Refused):
        change_validity(
            user("czj_head"), published, validity="revoked", effective_on=dt.date(2026, 10, 20), reason="违法"
        )
    with pytest.raises(InvalidInput):
        change_validity(user("sfj_head"), published, validity="revoked", effective_on=dt.date(2026, 10, 20), reason=" ")
    row = change_validity(
        user("sfj_head"),
        published,
        validity="revoked",
        effective_on=dt.date(2026, 10, 20),
        reason="备案审查发现违法设定义务，予以撤销。",
    )
    assert row.effective_on == published.published_on
    item = queued_for(published, ItemKind.NORMATIVE)
    assert item is not None
    assert item.validity == "revoked"
    assert item.validity_events.get().effective_on == published.published_on
    with pytest.raises(Refused):
        change_validity(
            user("sfj_head"), published, validity="repealed", effective_on=dt.date(2026, 10, 20), reason="再废止"
        )


def test_a_successor_repeals_its_predecessor_on_publication(user, published, frozen) -> None:
    successor = drafting.create_draft(
        user("fgw_clerk"),
        kind=NormativeKind.NORMATIVE,
        title="价格监测管理办法（2026年修订）",
        body=BODY.replace("处以二千元罚款", "督促改正"),
        drafting_unit=unit("fgw"),
        replaces=published,
        replace_mode="repeal",
        secret=True,
        secret_reason="测试",
    )
    review.submit_for_review(user("fgw_head"), successor)
    review.review(user("sfj_clerk"), successor, passed=True, reasons="")
    adoption.record_deliberation(
        user("clerk_huiwu"), successor, meeting_ref="第三十一次常务会议", held_on=dt.date(2026, 10, 14)
    )
    from zhengwu.documents.actions import outgoing

    doc = adoption.prepare_document(user("clerk_wendian"), successor)
    outgoing.submit_for_review(user("clerk_wendian"), doc)
    outgoing.review(user("office_director"), doc, True, "")
    outgoing.record_signing_step(user("vice_liu"), doc, "同意。")
    outgoing.sign(user("governor"), doc)
    outgoing.issue(user("clerk_wendian"), doc)
    adoption.publish(user("clerk_gongkai"), successor)
    published.refresh_from_db()
    assert published.validity == "repealed"
    change = published.validity_changes.last()
    assert (change.related, change.reason) == (successor, f"由{successor.doc_number}《{successor.title}》废止")
    item = queued_for(published, ItemKind.NORMATIVE)
    event = item.validity_events.get()
    assert (event.validity, event.related) == ("repealed", queued_for(successor, ItemKind.NORMATIVE))
    assert comments  # imported for the fixtures' sake
