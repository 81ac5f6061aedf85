"""Demo material for the portal: the Work Rules as published on the disclosure site (imported
with their own 索引号), a policy interpretation of them, two published items and one waiting in
the queue.  Idempotent and fast."""

from __future__ import annotations

from pathlib import Path

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from zhengwu.org.models import Unit
from zhengwu.portal import actions
from zhengwu.portal.importer import import_published
from zhengwu.portal.models import ItemKind, ItemState, PublicationItem, Validity
from zhengwu.portal.services import queue_for_publication
from zhengwu.rulebook import annotations as rulebook_notes

DEMO_ITEMS = [
    (
        "gov",
        "关于印发《克孜勒苏柯尔克孜自治州2026年政务公开工作要点》的通知",
        "克政办发〔2026〕12号",
        "政务公开",
        "通知",
        "各县（市）人民政府，自治州人民政府各部门、州直各单位：\n现将《克孜勒苏柯尔克孜自治州2026年政务公开工作要点》"
        "印发给你们，请结合实际认真贯彻落实。\n一、深化重点领域信息公开。围绕优化营商环境、乡村振兴、教育医疗等重点领域，"
        "及时公开政策文件和执行情况。\n二、加强政策解读。政策文件与解读材料同步组织、同步审签、同步部署。\n"
        "三、规范依申请公开办理。严格按照法定时限答复，做好答复文书规范化工作。",
        True,
    ),
    (
        "fgw",
        "克孜勒苏柯尔克孜自治州发展和改革委员会关于2026年重大项目前期工作的通知",
        "克发改〔2026〕45号",
        "发展规划",
        "通知",
        "各县（市）发展改革委：\n为加快推进重大项目前期工作，现就有关事项通知如下：\n一、建立重大项目储备库，"
        "实行动态管理。\n二、加强用地、环评等要素保障。",
        True,
    ),
    (
        "jyj",
        "克孜勒苏柯尔克孜自治州教育局关于做好2026年秋季学期学生资助工作的通知",
        "克教〔2026〕30号",
        "教育",
        "通知",
        "各县（市）教育局：\n做好家庭经济困难学生资助工作，确保应助尽助。",
        False,
    ),
]


def load_demo() -> bool:
    text_file = rulebook_notes.load().text_file
    created = False
    clerk = get_user_model().objects.filter(username="clerk_gongkai").first()
    with transaction.atomic():
        rules_item = None
        if text_file is not None and Path(text_file).exists():
            rules_item, created, _ = import_published(None, Path(text_file).read_text(encoding="utf-8"))
        if clerk is None or PublicationItem.objects.filter(title=DEMO_ITEMS[0][1]).exists():
            return created
        today = timezone.localdate()
        for code, title, number, category, genre, body, publish in DEMO_ITEMS:
            unit = Unit.objects.filter(code=code).first()
            item = queue_for_publication(
                actor=clerk,
                kind=ItemKind.DOCUMENT,
                title=title,
                counted_from=today,
                provision="disclosure.proactive",
                body=body,
                issuing_unit=unit,
                doc_number=number,
                written_on=today,
                category=category,
                genre=genre,
                validity=Validity.IN_FORCE,
            )
            if publish:
                actions.publish(clerk, item)
        if (
            rules_item is not None
            and rules_item.state == ItemState.PUBLISHED
            and not rules_item.interpretations.exists()
        ):
            actions.interpret(
                clerk,
                rules_item,
                "一图读懂《克孜勒苏柯尔克孜自治州人民政府工作规则》",
                "新修订的《工作规则》共十章六十八条，明确了州长负责制、分管制度、会议制度和公文审批制度，"
                "要求坚持以公开为常态、不公开为例外，推进决策、执行、管理、服务、结果公开。",
            )
    return True


__all__ = ["load_demo"]
