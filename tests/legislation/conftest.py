"""Helpers for the legislation tests: drafts at each stage of their procedure, frozen time.

Time starts at ``NOW`` (Monday 2026-09-28, before 国庆): a normative document's 7-working-day
comment period then ends on 2026-10-13 (10-01..07 are off, Saturday 10-10 is a make-up day).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest
import time_machine

from zhengwu.legislation.actions import adoption, comments, drafting, review
from zhengwu.legislation.models import NormativeDraft, NormativeKind
from zhengwu.org.models import Unit

NOW = "2026-09-28 09:00 +0800"
AFTER_COMMENT = "2026-10-14 09:00 +0800"

BODY = """为规范价格监测工作，制定本办法。
第一条 本办法适用于本州行政区域内的重要商品价格监测。
第二条 州发展改革委负责组织实施价格监测。
第三条 价格监测点应当按时报送监测数据。
第四条 价格监测点未按时报送数据的，由州发展改革委处以二千元罚款。
第五条 本办法自公布之日起施行。"""

REVISED = BODY.replace(
    "第四条 价格监测点未按时报送数据的，由州发展改革委处以二千元罚款。",
    "第四条 价格监测点未按时报送数据的，由州发展改革委督促其改正。",
)


@pytest.fixture
def frozen() -> Iterator[time_machine.Traveller]:
    with time_machine.travel(NOW) as traveller:
        yield traveller


def unit(code: str) -> Unit:
    return Unit.objects.get(code=code)


@pytest.fixture
def new_draft(user, frozen) -> Callable[..., NormativeDraft]:
    def make(**kwargs: Any) -> NormativeDraft:
        args: dict[str, Any] = {
            "kind": NormativeKind.NORMATIVE,
            "title": "克孜勒苏柯尔克孜自治州价格监测管理办法",
            "body": BODY,
            "drafting_unit": unit("fgw"),
            "government_issues": True,
        }
        args.update(kwargs)
        return drafting.create_draft(user("fgw_clerk"), **args)

    return make


@pytest.fixture
def opened(user, new_draft) -> NormativeDraft:
    draft = new_draft()
    comments.open_for_comment(user("fgw_head"), draft)
    return draft


@pytest.fixture
def answered(user, opened, frozen) -> NormativeDraft:
    c = comments.submit_comment(opened, article=3, text="建议明确报送频次。")
    frozen.move_to(AFTER_COMMENT)
    comments.close_comments(user("fgw_clerk"), opened)
    comments.answer_comment(user("fgw_clerk"), c, outcome="adopted", reason="")
    comments.publish_answers(user("fgw_head"), opened)
    return opened


@pytest.fixture
def passed(user, answered) -> NormativeDraft:
    drafting.revise_draft(user("fgw_clerk"), answered, body=REVISED, note="删除罚款规定")
    review.submit_for_review(user("fgw_head"), answered)
    review.review(user("sfj_clerk"), answered, passed=True, reasons="")
    return answered


@pytest.fixture
def deliberated(user, passed) -> NormativeDraft:
    import datetime as dt

    adoption.record_deliberation(
        user("clerk_huiwu"), passed, meeting_ref="州人民政府第三十次常务会议", held_on=dt.date(2026, 10, 14)
    )
    return passed


@pytest.fixture
def published(user, deliberated) -> NormativeDraft:
    """The government's normative document, signed by the 州长, issued as 克政发〔2026〕1号 and
    published on 2026-10-14 (filing due 2026-11-13)."""
    from zhengwu.documents.actions import outgoing

    doc = adoption.prepare_document(user("clerk_wendian"), deliberated)
    outgoing.submit_for_review(user("clerk_wendian"), doc)
    outgoing.review(user("office_director"), doc, True, "")
    outgoing.record_signing_step(user("vice_liu"), doc, "同意。")
    outgoing.sign(user("governor"), doc)
    outgoing.issue(user("clerk_wendian"), doc)
    adoption.publish(user("clerk_gongkai"), deliberated)
    deliberated.refresh_from_db()
    return deliberated
