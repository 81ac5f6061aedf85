"""本人账号: change one's own password, list one's sessions, sign out of this one or the others."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth import logout, update_session_auth_hash
from django.http import HttpRequest
from django.utils import timezone
from ninja import Field, Router, Schema

from zhengwu.apis.auth import current_token, current_user
from zhengwu.apis.schemas import WRITE_ERRORS
from zhengwu.identity import actions
from zhengwu.identity.services import MUST_CHANGE, SESSION_RECORD, live_sessions, session_seen

router = Router(tags=["account"])


class PasswordChangeIn(Schema):
    old_password: str = Field(description="当前密码（管理员重置后为临时密码）")
    new_password: str = Field(
        description="新密码：至少10个字符，包含小写字母、大写字母、数字、其他符号中的至少3类，不含登录账号"
    )
    new_password2: str = Field(description="再次输入新密码")


class PasswordChangeOut(Schema):
    detail: str
    tokens_revoked: int = Field(description="因修改密码而撤销的访问令牌数")


class LogoutOut(Schema):
    detail: str


@router.post(
    "/account/password",
    response={200: PasswordChangeOut, **WRITE_ERRORS},
    summary="修改本人的登录密码（本人的访问令牌全部撤销，其他会话结束）",
)
def change_password(request: HttpRequest, payload: PasswordChangeIn) -> PasswordChangeOut:
    user = current_user(request)
    by_session = current_token(request) is None
    revoked = actions.change_password(
        user,
        payload.old_password,
        payload.new_password,
        payload.new_password2,
        keep_session=request.session.get(SESSION_RECORD) if by_session else None,
    )
    if by_session:
        user.refresh_from_db()
        update_session_auth_hash(request, user)  # this session stays signed in
        request.session[MUST_CHANGE] = False
        session_seen(request, timezone.now())
    return PasswordChangeOut(detail="密码已修改。", tokens_revoked=revoked)


@router.post("/account/logout", response={200: LogoutOut, **WRITE_ERRORS}, summary="退出本次登录（结束会话）")
def logout_session(request: HttpRequest) -> LogoutOut:
    current_user(request)
    logout(request)
    return LogoutOut(detail="已退出登录。")


class SessionOut(Schema):
    id: int
    started_at: dt.datetime = Field(description="登录时间")
    last_seen_at: dt.datetime = Field(description="最近活动时间（约每30秒更新）")
    ip_address: str = Field(description="客户端地址（经可信代理时取 X-Forwarded-For）")
    user_agent: str = Field(description="浏览器或客户端")
    current: bool = Field(description="是否为本次请求所用的会话")


class SessionsEndedOut(Schema):
    detail: str
    sessions_ended: int


@router.get("/account/sessions", response=list[SessionOut], summary="本人尚未结束的登录会话")
def list_sessions(request: HttpRequest) -> list[SessionOut]:
    user = current_user(request)
    current = request.session.get(SESSION_RECORD) if current_token(request) is None else None
    return [
        SessionOut(
            id=s.pk,
            started_at=s.started_at,
            last_seen_at=s.last_seen_at,
            ip_address=s.ip_address,
            user_agent=s.user_agent,
            current=s.pk == current,
        )
        for s in live_sessions(user)
    ]


@router.post(
    "/account/sessions/end-others",
    response={200: SessionsEndedOut, **WRITE_ERRORS},
    summary="退出本人的其他登录会话（以访问令牌调用时退出全部会话）",
)
def end_other_sessions(request: HttpRequest) -> SessionsEndedOut:
    user = current_user(request)
    current = request.session.get(SESSION_RECORD) if current_token(request) is None else None
    ended = actions.end_other_sessions(user, current)
    return SessionsEndedOut(detail="已退出其他登录会话。", sessions_ended=ended)
