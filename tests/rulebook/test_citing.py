"""Pages and code name an article by provision, resolved against the rulebook in force (issue 14)."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.template import Context, Template
from django.utils import translation

from tests.rulebook.texts import reissued
from zhengwu.rulebook import citing
from zhengwu.rulebook.actions import import_version
from zhengwu.rulebook.models import Article
from zhengwu.rulebook.services import forget_views

pytestmark = [pytest.mark.article(68), pytest.mark.django_db]

D = dt.date
BEIJING = dt.timezone(dt.timedelta(hours=8))


def render(source: str) -> str:
    return Template("{% load rulebook %}" + source).render(Context({}))


def test_kizilsu_articles_by_provision() -> None:
    assert citing.article("countersign.reply") == "《工作规则》第五十条"
    assert citing.article("countersign.reply", short=True) == "第五十条"
    assert citing.cite("leave.report") == "（第五十八条）"
    assert citing.cite("archive.dossier", short=False) == "（《工作规则》第五十三条）"
    assert citing.article_range("intake.rules", "archive.dossier") == "《工作规则》第四十八条至第五十三条"
    assert str(citing.cite_lazy("review.routing")) == "（第五十一条）"
    with translation.override("en"):
        assert citing.cite("leave.report") == " (art. 58)"
        assert citing.article("leave.report") == "Work Rules, art. 58"


def test_the_template_tags() -> None:
    assert render('{% article "countersign.reply" %}') == "《工作规则》第五十条"
    assert render('{% article "countersign.reply" short=True %}') == "第五十条"
    assert render('{% cite "petitions.important" %}') == "（第三十五条）"
    assert render('{% cite "leave.report" as art %}报告{{ art }}。') == "报告（第五十八条）。"
    assert render('{% article_range "intake.rules" "archive.dossier" %}') == "《工作规则》第四十八条至第五十三条"


def test_an_unmapped_provision_or_no_rulebook_shows_nothing() -> None:
    assert citing.article("no.such.provision") == ""
    assert citing.cite("no.such.provision") == ""
    assert render('办理{% cite "no.such.provision" %}。') == "办理。"
    assert citing.article_range("intake.rules", "no.such.provision") == "《工作规则》第四十八条"
    assert citing.article("leave.report", day=D(2000, 1, 1)) == ""  # no rulebook in force then


def test_a_rulebook_numbering_differently_is_cited_with_its_own_articles() -> None:
    """Another version (say, another government's rules) puts leave reporting in article 40."""
    version = import_version(None, reissued(), D(2030, 1, 1))
    Article.objects.filter(version=version, number=58).update(provisions=[])
    Article.objects.filter(version=version, number=40).update(provisions=["leave.report"])
    version.revision += 1
    version.save(update_fields=["revision"])
    forget_views()
    assert citing.article("leave.report", day=D(2030, 1, 2)) == "《工作规则》第四十条"
    with time_machine.travel(dt.datetime(2030, 1, 2, 9, tzinfo=BEIJING), tick=False):
        assert render('{% cite "leave.report" %}') == "（第四十条）"
        assert render('{% cite "leave.return" %}') == ""  # article 58 there carries no provision: nothing
