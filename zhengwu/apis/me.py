"""``GET /api/me``: who is calling, as which person, in which positions today."""

from __future__ import annotations

from django.http import HttpRequest
from ninja import Field, Router, Schema

from zhengwu.apis.auth import current_token, current_user
from zhengwu.apis.schemas import PersonRef, PositionOut, position_out
from zhengwu.notices.models import Notice
from zhengwu.org.rules import ADMINISTRATORS, may_administer
from zhengwu.org.services import person_of, positions_of

router = Router(tags=["me"])


class MeOut(Schema):
    id: int
    username: str
    person: PersonRef | None = Field(description="对应的人员；系统账号可能没有")
    positions: list[PositionOut] = Field(description="今天担任的职务")
    is_admin: bool = Field(description="系统管理员（组织机构、工作日历、规则版本、账号）")
    admin_roles: list[str] = Field(
        description="担任的管理员职务：administrator、security_administrator、audit_administrator（三权分立，至多一项）"
    )
    authenticated_by: str = Field(description="session（网页会话）或 token（访问令牌）")
    unread_notices: int


@router.get("/me", response=MeOut, summary="当前用户、人员及今天的职务")
def me(request: HttpRequest) -> MeOut:
    user = current_user(request)
    person = person_of(user)
    positions = positions_of(user)
    return MeOut(
        id=user.pk,
        username=user.get_username(),
        person=PersonRef(id=person.pk, name=person.name) if person else None,
        positions=[position_out(p) for p in positions],
        is_admin=may_administer(positions).allowed,
        admin_roles=sorted({p.kind for p in positions if p.kind in ADMINISTRATORS}),
        authenticated_by="token" if current_token(request) else "session",
        unread_notices=Notice.objects.filter(recipient=user, read_at__isnull=True).count(),
    )
