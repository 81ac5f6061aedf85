"""Annotating a stored version: the repair for a version imported without usable annotations (art. 68)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from tests.rulebook.texts import reissued
from zhengwu.audit.models import AuditRecord
from zhengwu.core.decisions import InvalidInput, Refused
from zhengwu.core.rulebook_view import UnknownProvision
from zhengwu.rulebook import annotations
from zhengwu.rulebook.actions import annotate_version, import_version
from zhengwu.rulebook.models import Article
from zhengwu.rulebook.services import rulebook_view

D = dt.date
pytestmark = pytest.mark.article(68)


@pytest.fixture
def stripped(db):
    """A version in force from 2030 whose annotations were lost (as an import without them left it)."""
    version = import_version(None, reissued(), D(2030, 1, 1))
    Article.objects.filter(version=version).update(kind="", does="", provisions=[])
    version.parameters.all().delete()
    version.revision += 1
    version.save(update_fields=["revision"])
    return version


def test_annotating_restores_what_rules_cite(stripped, user) -> None:
    with pytest.raises(UnknownProvision, match=r"leave\.report"):
        rulebook_view(D(2030, 1, 2)).cite("leave.report")
    changed, origin = annotate_version(user("admin"), stripped, annotations.load())
    assert "第58条" in changed
    assert "参数countersign.reply_days" in changed
    assert origin.source == "file"
    assert origin.label == "kizilsu-work-rules-2023.toml"
    assert not origin.needs_review
    assert rulebook_view(D(2030, 1, 2)).cite("leave.report").article == 58
    stripped.refresh_from_db()
    assert stripped.annotation_origin["source"] == "file"
    record = AuditRecord.objects.filter(action="rulebook.annotate", object_id=str(stripped.pk)).get()
    assert record.actor_name != "系统"
    assert record.details["changed"] == changed
    # again: nothing to change, still recorded
    assert annotate_version(None, stripped, annotations.load())[0] == []


def test_only_an_administrator_annotates(stripped, user) -> None:
    with pytest.raises(Refused, match="只有系统管理员"):
        annotate_version(user("clerk_wendian"), stripped, annotations.load())
    assert not Article.objects.filter(version=stripped).exclude(provisions=[]).exists()


def test_an_annotations_file_of_other_rules_is_refused(stripped) -> None:
    county = annotations.load(Path(__file__).parent / "fixtures" / "county-rules-tiao.toml")
    with pytest.raises(InvalidInput, match="标注文件属于规则qinghe-county"):
        annotate_version(None, stripped, county)


def test_provisions_whose_article_is_missing_are_reported(db) -> None:
    version = import_version(None, reissued(drop={68}), D(2030, 1, 1))
    _, origin = annotate_version(None, version, annotations.load())
    assert origin.missing_provisions == [{"provision": "rulebook.versions", "article": 68}]
