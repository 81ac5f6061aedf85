"""Importing a new version without an annotations file: it inherits those of the version before it,
article by article number, and says what it could not carry over (art. 68)."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.rulebook.texts import reissued
from zhengwu.audit.models import AuditRecord
from zhengwu.core.decisions import InvalidInput
from zhengwu.rulebook.actions import AnnotationOrigin, import_version
from zhengwu.rulebook.models import Parameter, RulebookVersion
from zhengwu.rulebook.services import rulebook_problems, rulebook_view, version_in_force

D = dt.date
pytestmark = pytest.mark.article(68)
NEW_58 = "自治州人民政府工作人员出差，应当事先报所在单位同意，返回后及时销假。"


def test_the_rulebook_in_force_has_no_problems(db) -> None:
    assert rulebook_problems() == []


def test_a_reissued_text_inherits_kinds_provisions_and_edited_parameters(user) -> None:
    old = version_in_force()
    Parameter.objects.filter(version=old, key="countersign.reply_days").update(value=9)  # an administrator's edit
    new = import_version(user("admin"), reissued(), D(2030, 1, 1))

    assert new.articles.count() == 68
    assert list(new.articles.order_by("number").values_list("number", "kind")) == list(
        old.articles.order_by("number").values_list("number", "kind")
    )
    assert new.articles.get(number=58).provisions == ["leave.report", "leave.return"]
    assert new.articles.get(number=58).does == old.articles.get(number=58).does
    assert new.parameters.count() == old.parameters.count()
    assert new.parameters.get(key="countersign.reply_days").value == 9
    assert new.short_title == old.short_title

    origin = AnnotationOrigin.from_dict(new.annotation_origin)
    assert origin is not None
    assert (origin.source, origin.version_id) == ("inherited", old.pk)
    assert not origin.needs_review
    assert origin.provisions == sum(len(a.provisions) for a in old.articles.all())

    # once in force, rules cite the new version as they cited the old one
    view = rulebook_view(D(2030, 1, 2))
    assert view.version_id == new.pk
    assert view.cite("leave.report").article == 58
    assert view.param("countersign.reply_days").value == 9
    record = AuditRecord.objects.filter(action="rulebook.import", object_id=str(new.pk)).get()
    assert "标注继承自" in record.summary
    assert record.details["annotations"]["source"] == "inherited"


def test_a_rewritten_article_keeps_its_provisions_but_is_listed_for_review(db) -> None:
    new = import_version(None, reissued(replace={58: NEW_58}), D(2030, 1, 1))
    origin = AnnotationOrigin.from_dict(new.annotation_origin)
    assert origin is not None
    assert [c["article"] for c in origin.changed_articles] == [58]
    assert origin.changed_articles[0]["provisions"] == ["leave.report", "leave.return"]
    assert new.articles.get(number=58).provisions == ["leave.report", "leave.return"]
    assert any("第58条（leave.report、leave.return" in w for w in origin.warnings())


def test_provisions_of_an_article_that_is_gone_are_reported(db) -> None:
    new = import_version(None, reissued(drop={68}), D(2030, 1, 1))
    assert new.articles.count() == 67
    origin = AnnotationOrigin.from_dict(new.annotation_origin)
    assert origin is not None
    assert origin.missing_provisions == [{"provision": "rulebook.versions", "article": 68}]
    assert origin.needs_review
    assert "rulebook.versions（原第68条）" in origin.warnings()[0]
    assert "rulebook.versions" not in rulebook_view(D(2030, 1, 1)).provisions
    # the administrator is told before and after it takes effect
    assert any(
        f"将于2030-01-01起施行的{new}（版本编号{new.pk}）缺少前一版本有的1项标注（rulebook.versions）" in p
        for p in rulebook_problems(D(2029, 6, 1))
    )
    assert any(
        p.startswith(f"施行中的{new}") and f"zhengwu rules annotate {new.pk}" in p
        for p in rulebook_problems(D(2030, 1, 2))
    )
    assert rulebook_problems(D(2029, 6, 1), code="no-such-rules")[0].startswith("2029-06-01没有施行中的规则")


def test_other_rules_inherit_by_number_and_report_what_does_not_fit(db) -> None:
    from pathlib import Path

    county = (Path(__file__).parent / "fixtures" / "county-rules-tiao.txt").read_text(encoding="utf-8")
    new = import_version(None, county, D(2030, 1, 1))
    origin = AnnotationOrigin.from_dict(new.annotation_origin)
    assert origin is not None
    assert {"provision": "leave.report", "article": 58} in origin.missing_provisions
    assert {"parameter": "countersign.reply_days", "article": 50} in origin.dropped_parameters
    assert 4 in [c["article"] for c in origin.changed_articles]  # 4 carried org.composition; its text differs
    assert not new.parameters.filter(article__gt=15).exists()


def test_a_version_with_nothing_to_inherit_needs_an_annotations_file(db) -> None:
    with pytest.raises(InvalidInput, match="--annotations") as error:
        import_version(None, reissued(), D(2030, 1, 1), code="new-rules")
    assert "zhengwu/rulebook/data/kizilsu-work-rules-2023.toml" in error.value.message
    assert error.value.field == "annotations"
    assert not RulebookVersion.objects.filter(code="new-rules").exists()
    # nor before the first version of a rulebook that has one
    with pytest.raises(InvalidInput, match="之前没有版本可以继承标注"):
        import_version(None, reissued(), D(2020, 1, 1))


def test_a_version_slotted_in_between_inherits_from_the_one_before_it(db) -> None:
    later = import_version(None, reissued(replace={58: NEW_58}), D(2032, 1, 1))
    later.articles.filter(number=50).update(provisions=["countersign.later-only"])
    between = import_version(None, reissued(), D(2031, 1, 1))
    origin = AnnotationOrigin.from_dict(between.annotation_origin)
    assert origin is not None
    assert origin.version_id == version_in_force(D(2030, 1, 1)).pk
    assert "countersign.silence" in between.articles.get(number=50).provisions
