"""本人账号: change one's own password, sign out of this session."""

from __future__ import annotations

from django.contrib.auth import logout, update_session_auth_hash
from django.http import HttpRequest
from ninja import Field, Router, Schema

from zhengwu.apis.auth import current_token, current_user
from zhengwu.apis.schemas import WRITE_ERRORS
from zhengwu.identity import actions
from zhengwu.identity.services import MUST_CHANGE

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
    revoked = actions.change_password(user, payload.old_password, payload.new_password, payload.new_password2)
    if current_token(request) is None:
        user.refresh_from_db()
        update_session_auth_hash(request, user)  # this session stays signed in
        request.session[MUST_CHANGE] = False
    return PasswordChangeOut(detail="密码已修改。", tokens_revoked=revoked)


@router.post("/account/logout", response={200: LogoutOut, **WRITE_ERRORS}, summary="退出本次登录（结束会话）")
def logout_session(request: HttpRequest) -> LogoutOut:
    current_user(request)
    logout(request)
    return LogoutOut(detail="已退出登录。")
