"""Demo material: one draft open for comment, one normative document in force (idempotent)."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth import get_user_model
from django.contrib.auth.base_user import AbstractBaseUser
from django.db import transaction
from django.utils import timezone

from zhengwu.legislation.actions.comments import open_for_comment
from zhengwu.legislation.actions.drafting import create_draft
from zhengwu.legislation.models import (
    DraftState,
    DraftVersion,
    LegalityReview,
    NormativeDraft,
    NormativeKind,
    Transition,
    ValidityChange,
)
from zhengwu.org.models import Unit
from zhengwu.portal.models import ItemKind
from zhengwu.portal.services import queue_for_publication
from zhengwu.rulebook.services import version_in_force

OPEN_TITLE = "克孜勒苏柯尔克孜自治州重点项目前期工作经费管理办法（征求意见稿）"
OPEN_BODY = """第一条 为规范重点项目前期工作，提高前期工作质量，根据有关规定，结合本州实际，制定本办法。
第二条 本办法适用于本州行政区域内政府投资重点项目的前期工作。
第三条 项目单位应当在每年第一季度向州发展改革委报送前期工作计划。
第四条 州发展改革委会同有关部门对前期工作计划进行论证，提出年度前期工作项目清单。
第五条 本办法自公布之日起施行。"""

IN_FORCE_TITLE = "克孜勒苏柯尔克孜自治州政务服务事项网上办理规定"
IN_FORCE_BODY = """第一条 为推进“互联网+政务服务”，方便企业和群众办事，制定本规定。
第二条 本州各级行政机关的政务服务事项，除法律法规另有规定或者涉及国家秘密等情形外，应当纳入网上办理。
第三条 行政机关应当公开网上办理事项的办理条件、所需材料和办理时限。
第四条 本规定自公布之日起施行。"""


@transaction.atomic
def load_demo() -> bool:
    users = get_user_model().objects
    if not users.filter(username="fgw_head").exists():
        return False
    created = False
    fgw = Unit.objects.get(code="fgw")
    if not NormativeDraft.objects.filter(title=OPEN_TITLE).exists():
        draft = create_draft(
            users.get(username="fgw_clerk"),
            kind=NormativeKind.NORMATIVE,
            title=OPEN_TITLE,
            body=OPEN_BODY,
            drafting_unit=fgw,
            government_issues=False,
        )
        open_for_comment(users.get(username="fgw_head"), draft)
        created = True
    if not NormativeDraft.objects.filter(title=IN_FORCE_TITLE).exists():
        _in_force(users.get(username="clerk_wendian"), users.get(username="sfj_clerk"))
        created = True
    return created


def _in_force(clerk: AbstractBaseUser, reviewer: AbstractBaseUser) -> None:
    """A government normative document already through its procedure (published a month ago)."""
    gov, office, sfj = (Unit.objects.get(code=c) for c in ("gov", "office", "sfj"))
    now = timezone.now()
    published = timezone.localdate() - dt.timedelta(days=40)
    draft = NormativeDraft.objects.create(
        kind=NormativeKind.NORMATIVE,
        title=IN_FORCE_TITLE,
        drafting_unit=office,
        issuer=gov,
        state=DraftState.PUBLISHED,
        meeting_ref="州人民政府第十二次常务会议",
        deliberated_on=published,
        doc_number=f"克政规〔{published.year}〕1号",
        written_on=published,
        published_on=published,
        validity="in_force",
        rulebook_version=version_in_force(),
        created_by_id=clerk.pk,
        created_at=now,
    )
    version = DraftVersion.objects.create(
        draft=draft,
        number=1,
        title=IN_FORCE_TITLE,
        body=IN_FORCE_BODY,
        note="初稿",
        created_by_id=clerk.pk,
        created_at=now,
    )
    LegalityReview.objects.create(
        draft=draft,
        version=version,
        passed=True,
        reasons="经审查，合法。",
        flags=[],
        reviewer_id=reviewer.pk,
        reviewer_name="黄晓燕",
        unit=sfj,
        created_at=now,
    )
    Transition.objects.create(
        draft=draft,
        from_state=DraftState.DRAFTING,
        to_state=DraftState.PUBLISHED,
        actor_name="演示数据",
        at=now,
        reason="演示数据：已完成起草、征求意见、审查、审议、签发和公布",
    )
    ValidityChange.objects.create(draft=draft, validity="in_force", effective_on=published, reason="公布施行", at=now)
    queue_for_publication(
        actor=None,
        kind=ItemKind.NORMATIVE,
        title=IN_FORCE_TITLE,
        counted_from=published,
        provision="normative.legality_review",
        source=draft,
        body=IN_FORCE_BODY,
        issuing_unit=gov,
        doc_number=draft.doc_number,
        written_on=published,
        genre="行政规范性文件",
        category="规章和规范性文件",
        validity="in_force",
    )
