"""``zhengwu portal import FILE`` (art. 29): a published page's metadata block and body become a
published item with its own 索引号; input it cannot understand is refused, naming what is missing,
and nothing changes."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from django.core.management import call_command

from zhengwu.core.decisions import InvalidInput
from zhengwu.portal.importer import import_published, parse
from zhengwu.portal.models import IndexCounter, ItemKind, ItemState, PublicationItem

pytestmark = pytest.mark.article(29)

RULES = Path(__file__).resolve().parents[2] / "zhengwu/rulebook/data/kizilsu-work-rules-2023.txt"

PAGE = """关于印发《克州营商环境优化十条措施》的通知

索  引  号 01047834X/2026-00777 主题分类 营商环境
名        称 关于印发《克州营商环境优化十条措施》的通知
成文日期 2026-03-02 10:00 发布日期 2026-03-05 09:30
文        号 克政办发〔2026〕9号 有  效  性 有效
发文单位 克州人民政府办公室 发布机构 克州人民政府办公室

各县（市）人民政府：
一、压减审批时限。
二、推行一网通办。
"""


def test_parse_the_kizilsu_rules_page() -> None:
    parsed = parse(RULES.read_text(encoding="utf-8"))
    assert parsed.index_number == "01047834X/2023-03544"
    assert parsed.category == "州政府"
    assert parsed.doc_number == "克政发〔2023〕43号"
    assert parsed.written_on.isoformat() == "2023-11-05"
    assert parsed.published_at.isoformat() == "2023-11-13T10:49:00+08:00"
    assert parsed.validity == "in_force"
    assert parsed.issuer == "克州人民政府"
    assert parsed.body.startswith("各县(市)人民政府")
    assert not parsed.body.endswith("解读文章")
    assert any("第二十二条" in r for r in parsed.repairs)  # 「二十、」 restored by order, and said


def test_demo_imported_the_rules_once(db) -> None:
    item = PublicationItem.objects.get(index_number="01047834X/2023-03544")
    assert item.kind == ItemKind.IMPORTED
    assert item.state == ItemState.PUBLISHED
    again, created, _ = import_published(None, RULES.read_text(encoding="utf-8"))
    assert not created
    assert again.pk == item.pk


def test_import_keeps_the_index_number_and_reserves_it(db) -> None:
    item, created, _ = import_published(None, PAGE)
    assert created
    assert item.index_number == "01047834X/2026-00777"
    assert item.issuing_unit is not None
    assert item.issuing_unit.code == "gov"
    assert IndexCounter.objects.get(org_code="01047834X", year=2026).last >= 777
    assert {"压减", "审批", "时限"} <= set(item.search_text.split())


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("这是一段没有元数据的文字。", "找不到元数据块"),
        (PAGE.replace("索  引  号 01047834X/2026-00777 ", ""), "缺少：索引号"),
        (
            PAGE.replace("成文日期 2026-03-02 10:00 发布日期 2026-03-05 09:30", "成文日期 2026-03-02 10:00"),
            "缺少：发布日期",
        ),
        (PAGE.replace("01047834X/2026-00777", "2026-777"), "索引号「2026-777」格式不对"),
        (PAGE.replace("2026-03-02 10:00", "三月二日"), "成文日期「三月二日」无法识别"),
        (PAGE.replace("有  效  性 有效", "有  效  性 待定"), "有效性「待定」无法识别"),
        (PAGE.split("各县")[0], "缺少正文"),
    ],
)
def test_refuses_what_it_cannot_understand(db, text, message) -> None:
    before = PublicationItem.objects.count()
    with pytest.raises(InvalidInput, match=message):
        import_published(None, text)
    assert PublicationItem.objects.count() == before


def test_command(db, tmp_path) -> None:
    path = tmp_path / "page.txt"
    path.write_text(PAGE.replace("00777", "00778"), encoding="utf-8")
    out = io.StringIO()
    call_command("portal", "import", str(path), stdout=out)
    assert "01047834X/2026-00778" in out.getvalue()
    bad = tmp_path / "bad.txt"
    bad.write_text("没有元数据", encoding="utf-8")
    err = io.StringIO()
    with pytest.raises(SystemExit) as exit_:
        call_command("portal", "import", str(bad), stderr=err)
    assert exit_.value.code == 1
    assert "导入失败" in err.getvalue()
