"""The second demo government's Work Rules: 《青松县人民政府工作规则》 (fictional, written for the demo).

The county's text parses, with its damaged numbering rebuilt; its annotations give every provision
and parameter the code asks for (the same keys as Kizilsu's), each at the county's own article;
imported, nothing is reported wrong with it, and a rule citing a provision names the county's
article, not Kizilsu's.
"""

from __future__ import annotations

import datetime as dt
from functools import cache
from pathlib import Path

import pytest

from zhengwu.audit.models import AuditRecord
from zhengwu.core.government import GOVERNMENTS_DIR
from zhengwu.documents.rules import countersign
from zhengwu.rulebook import annotations
from zhengwu.rulebook.actions import AnnotationOrigin, import_version
from zhengwu.rulebook.models import RulebookVersion
from zhengwu.rulebook.parser import ParsedRulebook, parse_rulebook
from zhengwu.rulebook.services import rulebook_problems, version_in_force, view_of
from zhengwu.workdays.seed import official_calendar

pytestmark = pytest.mark.article(68)

FOLDER: Path = GOVERNMENTS_DIR / "qingsong"
NOTES = annotations.load(FOLDER / "rules.toml")
KIZILSU = annotations.load()
CODE = "qingsong-work-rules"
FICTIONAL = "（本文为政务系统演示用虚构文本，不是任何政府的正式文件）"


@cache
def parsed() -> ParsedRulebook:
    assert NOTES.text_file is not None
    return parse_rulebook(NOTES.text_file.read_text(encoding="utf-8"))


def text() -> str:
    assert NOTES.text_file is not None
    return NOTES.text_file.read_text(encoding="utf-8")


# -- the text ---------------------------------------------------------------------------------------


def test_the_text_is_marked_fictional_at_its_top() -> None:
    head = text().split("第一章", 1)[0]
    assert head.startswith(FICTIONAL)
    assert head.count("虚构") >= 2  # on the page and again under the rules' own title


def test_the_county_text_parses_into_sixty_articles_in_twelve_chapters() -> None:
    rules = parsed()
    assert rules.title == "青松县人民政府工作规则"
    assert rules.metadata["文号"] == "青政发〔2024〕8号"
    assert NOTES.effective_from is not None
    assert rules.metadata["发布日期"] == NOTES.effective_from.isoformat()
    assert [a.number for a in rules.articles] == list(range(1, 61))
    assert [c.number for c in rules.chapters] == list(range(1, 13))
    assert all(a.chapter is not None for a in rules.articles)
    assert rules.chapters[8].title == "会议制度"
    assert rules.chapters[8].articles == tuple(range(30, 41))


def test_the_damaged_numbering_is_rebuilt_and_reported() -> None:
    rules = parsed()
    rebuilt = {r.number: r.shown_as for r in rules.reconstructed if r.kind == "article_number"}
    # lost numerals (、), a chapter's unnumbered first article, cut numerals (二十、 for 二十四),
    # a numeral run into the text (三十三提请…) and a repeated one (三十七、 twice)
    assert rebuilt == {
        10: "（无序号）",
        20: "、",
        21: "、",
        24: "二十、",
        33: "三十三",
        38: "三十七、",
        51: "、",
        52: "五十、",
        56: "、",
    }
    assert [(r.kind, r.number) for r in rules.reconstructed if r.kind == "chapter_title"] == [("chapter_title", 1)]
    assert rules.chapters[0].title == "总则"
    assert any("第38条" in str(w) and "三十七、" in str(w) for w in rules.warnings)
    by_number = {a.number: a for a in rules.articles}
    assert by_number[37].text.startswith("县人民政府及各部门召开的工作会议")
    assert by_number[38].text.startswith("会议讨论决定的事项")  # the second 三十七、 is article 38
    assert by_number[60].text.startswith("本规则自发布之日起施行")
    assert "文件下载" not in by_number[60].text  # the page's chrome after the rules is dropped


def test_the_text_speaks_of_the_county_and_its_seats() -> None:
    body = "\n".join(a.text for a in parsed().articles)
    for word in ("县长", "常务副县长", "副县长", "县政府办公室主任", "县人民政府", "离县", "青松镇"):
        assert word in body, word
    assert "向州人民政府和县委请示报告" in body
    for word in ("州长", "秘书长", "阿图什"):  # 自治州党委 is there: the county answers to it
        assert word not in body, word


# -- the annotations ---------------------------------------------------------------------------------


def test_the_annotations_head() -> None:
    assert NOTES.code == CODE
    assert NOTES.title == "青松县人民政府工作规则"
    assert NOTES.document_number == "青政发〔2024〕8号"
    assert NOTES.effective_from == dt.date(2024, 4, 15)
    assert NOTES.text_file == FOLDER / "rules.txt"


def test_every_article_is_annotated_and_every_annotation_has_its_article() -> None:
    numbers = {a.number for a in parsed().articles}
    assert set(NOTES.articles) == numbers
    assert {p.article for p in NOTES.parameters.values()} <= numbers
    for number, note in NOTES.articles.items():
        assert note.does, number
        assert note.does_en, number
        assert note.kind in annotations.KINDS


def test_every_kizilsu_provision_and_parameter_key_is_in_the_county_annotations() -> None:
    assert set(KIZILSU.provisions) - set(NOTES.provisions) == set()
    assert set(KIZILSU.parameters) - set(NOTES.parameters) == set()


def test_each_parameter_cites_the_article_that_carries_its_provisions() -> None:
    """A parameter sits with the provisions it served in Kizilsu: the same article, renumbered."""
    for key, parameter in NOTES.parameters.items():
        there = set(KIZILSU.articles[KIZILSU.parameters[key].article].provisions)
        here = set(NOTES.articles[parameter.article].provisions)
        assert here == there, key
        assert parameter.unit == KIZILSU.parameters[key].unit, key


def test_no_provision_keeps_its_kizilsu_article_number() -> None:
    """Citations visibly come from the rulebook: every provision of the county sits elsewhere."""
    same = {p for p, n in NOTES.provisions.items() if KIZILSU.provisions[p] == n}
    assert same == set()
    examples = {p: (KIZILSU.provisions[p], NOTES.provisions[p]) for p in ("signing.authority", "leave.report")}
    assert examples == {"signing.authority": (49, 42), "leave.report": (58, 51)}


def test_the_articles_say_what_their_provisions_and_parameters_say() -> None:
    articles = {a.number: a.text for a in parsed().articles}

    def at(provision: str) -> str:
        return articles[NOTES.provisions[provision]]

    assert "县长外出期间，受县长委托，由常务副县长主持" in at("acting.governor")
    assert "由县长签发" in at("signing.authority")
    assert "离县" in at("leave.report")
    assert "销假" in at("leave.return")
    assert "逾期不回复视为无不同意见" in at("countersign.silence")
    assert "不得在高级宾馆" in at("meetings.prefecture_wide")
    assert "青松镇" in at("meetings.prefecture_wide")
    assert "县政府办公室主任" in at("meetings.npc_attendance")
    assert "向州人民政府和县委请示报告" in at("reports.upward")
    assert "重复督查" in at("supervision.no_duplicate")
    assert "重要的群众来信" in at("petitions.important")
    # the numbers the county's rules set, where they state them, are the parameters' values
    p = NOTES.parameters
    assert f"{p['countersign.reply_days'].value}个工作日内回复" in at("countersign.reply")
    assert f"会议结束后{p['meeting.document_issue_days'].value}个工作日内印发" in at("meetings.document_issue")
    assert f"印发后{p['filing.agreed_document_days'].value}日内" in at("signing.agreed_document")
    plenary = f"{p['meeting.plenary_per_year_min'].value}至{p['meeting.plenary_per_year_max'].value}次"
    assert plenary in at("meetings.plenary")
    executive = f"{p['meeting.executive_per_month_min'].value}至{p['meeting.executive_per_month_max'].value}次"
    assert executive in at("meetings.executive")
    assert "每季度" in at("meetings.study")
    assert p["meeting.study_interval_months"].value == 3


def test_the_descriptions_name_the_countys_seats() -> None:
    does = "\n".join(n.does for n in NOTES.articles.values())
    descriptions = "\n".join(p.description for p in NOTES.parameters.values())
    for word in ("县长", "常务副县长", "副县长", "县政府办公室主任", "县委", "离县"):
        assert word in does, word
    for word in ("州长", "秘书长", "州党委"):
        assert word not in does, word
        assert word not in descriptions, word


# -- a rule citing the county's rules (pure, no database) ---------------------------------------


def test_a_rule_cites_the_countys_article_and_applies_its_number() -> None:
    cal = official_calendar([2026])
    asked = dt.date(2026, 6, 15)
    county = countersign.due_date(asked, NOTES.view(), cal)
    kizilsu = countersign.due_date(asked, KIZILSU.view(), cal)
    assert county.allowed
    assert kizilsu.allowed
    assert county.citation is not None
    assert kizilsu.citation is not None
    assert (county.citation.rulebook_code, county.citation.article) == (CODE, 43)
    assert county.citation.label == "《工作规则》第四十三条"
    assert kizilsu.citation.article == 50
    assert countersign.due_of(county) == cal.add_working_days(asked, 5)
    assert countersign.due_of(kizilsu) == cal.add_working_days(asked, 7)


# -- imported into the database --------------------------------------------------------------------


@pytest.fixture
def county(db) -> RulebookVersion:
    """The county's rules as the demo imports them (or as a demo that already loaded them has them)."""
    assert NOTES.effective_from is not None
    stored = RulebookVersion.objects.filter(code=CODE, effective_from=NOTES.effective_from).first()
    return stored or import_version(None, text(), NOTES.effective_from, NOTES)


def test_the_county_rules_import_with_their_annotations(county) -> None:
    assert county.code == CODE
    assert county.document_number == "青政发〔2024〕8号"
    assert county.title == "青松县人民政府工作规则"
    assert county.supersedes == NOTES.supersedes
    assert county.articles.count() == 60
    assert county.chapters.count() == 12
    assert county.parameters.count() == len(KIZILSU.parameters)
    assert county.articles.get(number=38).reconstructed
    assert not county.articles.get(number=37).reconstructed
    assert county.articles.get(number=42).provisions == list(NOTES.articles[42].provisions)
    origin = AnnotationOrigin.from_dict(county.annotation_origin)
    assert origin is not None
    assert origin.source == "file"
    assert not origin.needs_review
    assert origin.unannotated_articles == []
    assert origin.provisions == len(KIZILSU.provisions)
    assert AuditRecord.objects.filter(action="rulebook.import", object_id=str(county.pk)).exists()
    assert version_in_force(dt.date(2026, 6, 15), CODE) == county


def test_nothing_is_reported_wrong_with_the_county_rules(county) -> None:
    assert rulebook_problems(dt.date(2026, 6, 15), code=CODE) == []
    assert rulebook_problems(dt.date(2026, 6, 15)) == []  # Kizilsu's, beside it, untouched
    # before they take effect, there is none in force: that is what the banner would say
    assert any(CODE in p for p in rulebook_problems(dt.date(2024, 4, 14), code=CODE))


def test_the_stored_county_rules_cite_their_own_articles(county) -> None:
    view = view_of(county)
    assert set(view.provisions) == set(KIZILSU.provisions)
    assert set(view.parameters) == set(KIZILSU.parameters)
    signing = view.cite("signing.authority")
    assert (signing.rulebook_code, signing.article, signing.version_id) == (CODE, 42, county.pk)
    assert signing.label == "《工作规则》第四十二条"
    assert view.cite("acting.governor").article == 5
    assert view.cite("rulebook.versions").article == 60
    assert view.param("countersign.reply_days").value == 5
    assert view.param_citation("countersign.reply_days").article == 43
