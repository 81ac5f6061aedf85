"""The Kizilsu Work Rules as imported by the demo: structure, reconstruction, annotations, parameters."""

from __future__ import annotations

import datetime as dt

import pytest
from django.conf import settings

from zhengwu.rulebook import annotations
from zhengwu.rulebook.actions import apply_annotations
from zhengwu.rulebook.models import Article, Chapter, Parameter, RulebookVersion
from zhengwu.rulebook.services import rulebook_view, version_in_force


@pytest.fixture
def kizilsu_version(db) -> RulebookVersion:
    return RulebookVersion.objects.get(code=settings.ZHENGWU_RULEBOOK_CODE, effective_from="2023-11-13")


@pytest.mark.article(68)
def test_demo_version_structure(kizilsu_version) -> None:
    v = kizilsu_version
    assert v.chapters.count() == 12
    assert v.articles.count() == 68
    assert list(v.articles.values_list("number", flat=True)) == list(range(1, 69))
    assert v.document_number == "克政发〔2023〕43号"
    assert v.short_title == "工作规则"
    assert v.metadata["发布日期"] == "2023-11-13"
    assert v.ceases_on is None
    assert version_in_force() == v


def test_every_article_belongs_to_a_chapter(kizilsu_version) -> None:
    assert not Article.objects.filter(version=kizilsu_version, chapter__isnull=True).exists()
    first = Chapter.objects.get(version=kizilsu_version, number=1)
    assert list(first.articles.values_list("number", flat=True)) == [1, 2, 3]


def test_chapter_one_title_is_reconstructed(kizilsu_version) -> None:
    first = kizilsu_version.chapters.get(number=1)
    assert first.title == "总则"
    assert first.title_reconstructed
    assert not kizilsu_version.chapters.filter(number__gt=1, title_reconstructed=True).exists()


def test_damaged_article_numbers_are_flagged_reconstructed(kizilsu_version) -> None:
    for number in (10, 16, 22, 58):
        assert kizilsu_version.articles.get(number=number).reconstructed, number
    for number in (1, 2, 17, 20, 68):
        assert not kizilsu_version.articles.get(number=number).reconstructed, number
    kinds = {(r["kind"], r["number"]) for r in kizilsu_version.reconstructed}
    assert ("chapter_title", 1) in kinds
    assert ("article_number", 16) in kinds


@pytest.mark.article(50)
def test_article_50_is_enforced_and_annotated(kizilsu_version) -> None:
    a50 = kizilsu_version.articles.get(number=50)
    assert a50.kind == "E"
    assert a50.provisions == [
        "countersign.consult",
        "countersign.reply",
        "countersign.silence",
        "countersign.disagreement",
    ]
    assert "会签" in a50.does
    assert "countersign" in a50.does_en.lower()
    assert "会签" in a50.text
    a58 = kizilsu_version.articles.get(number=58)
    assert a58.kind == "E"
    assert a58.provisions == ["leave.report", "leave.return"]
    assert kizilsu_version.articles.get(number=1).kind == "I"
    assert kizilsu_version.articles.get(number=4).kind == "R"


@pytest.mark.article(50)
def test_countersign_reply_days_parameter(kizilsu_version) -> None:
    p = Parameter.objects.get(version=kizilsu_version, key="countersign.reply_days")
    assert (p.value, p.unit, p.article) == (7, "working_days", 50)
    view = rulebook_view()
    assert view.param("countersign.reply_days").as_int == 7
    assert view.param_citation("countersign.reply_days").article == 50


@pytest.mark.article(58)
def test_rulebook_view_cites_provisions(db) -> None:
    view = rulebook_view()
    assert view.cite("leave.report").article == 58
    assert view.cite("leave.report").label == "《工作规则》第五十八条"
    assert view.cite("acting.governor").article == 6
    assert view.cite("time_limits").article == 63
    assert view.cite("rulebook.versions").article == 68


def test_view_matches_the_data_file(db, kizilsu) -> None:
    view = rulebook_view()
    assert dict(view.provisions) == dict(kizilsu.provisions)
    values = {k: p.value for k, p in view.parameters.items()}
    assert values == {k: p.value for k, p in kizilsu.parameters.items()}


def test_import_is_audited(kizilsu_version) -> None:
    from zhengwu.audit.services import history_for

    record = history_for(kizilsu_version).get(action="rulebook.import")
    assert record.article == 68
    assert record.details["articles"] == 68


@pytest.mark.article(68)
def test_the_2023_version_knows_what_it_superseded(kizilsu_version) -> None:
    assert kizilsu_version.supersedes == "2022年6月1日印发的《自治州人民政府工作规则》"
    assert kizilsu_version.superseded_issued_on == dt.date(2022, 6, 1)
    RulebookVersion.objects.filter(pk=kizilsu_version.pk).update(supersedes="")  # stored before the field existed
    kizilsu_version.refresh_from_db()
    assert kizilsu_version.superseded_issued_on is None
    assert apply_annotations(kizilsu_version, annotations.load()) == ["所替代的规则"]
    kizilsu_version.refresh_from_db()
    assert kizilsu_version.supersedes.startswith("2022年6月1日")
