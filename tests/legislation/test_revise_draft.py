"""Revising a draft: every version kept; a revision after the review passed is reviewed again (art. 22)."""

from __future__ import annotations

import pytest

from tests.legislation.conftest import BODY
from zhengwu.core.decisions import InvalidInput, Refused
from zhengwu.legislation.actions.drafting import revise_draft

pytestmark = pytest.mark.article(22)


def test_versions_are_kept(user, new_draft) -> None:
    draft = new_draft()
    revise_draft(user("fgw_clerk"), draft, body=BODY + "\n第六条 附则。", note="增加附则")
    assert [(v.number, v.note) for v in draft.versions.order_by("number")] == [(1, "初稿"), (2, "增加附则")]
    with pytest.raises(InvalidInput):
        revise_draft(user("fgw_clerk"), draft, body=BODY + "\n第六条 附则。")  # nothing changed
    with pytest.raises(Refused):
        revise_draft(user("czj_head"), draft, body=BODY)


def test_no_revision_while_open_for_comment(user, opened) -> None:
    with pytest.raises(Refused):
        revise_draft(user("fgw_clerk"), opened, body=BODY + "\n第六条 附则。")


def test_a_revision_after_the_pass_voids_it(user, passed) -> None:
    revise_draft(user("fgw_clerk"), passed, body=passed.versions.last().body + "\n第六条 附则。")
    passed.refresh_from_db()
    assert passed.state == "returned"
    assert passed.transitions.last().article == 22
