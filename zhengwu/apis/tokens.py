"""API access tokens: create one for yourself (the secret is shown once), list yours, revoke one."""

from __future__ import annotations

import datetime as dt

from django.http import HttpRequest
from ninja import Field, Router, Schema, Status
from ninja.errors import HttpError

from zhengwu.apis.auth import current_token, current_user
from zhengwu.apis.schemas import WRITE_ERRORS, ErrorOut
from zhengwu.tokens import services
from zhengwu.tokens.models import ApiToken

router = Router(tags=["tokens"])


class TokenIn(Schema):
    name: str = Field(description="令牌用途，例如调用系统的名称", examples=["州政务服务平台"])
    scope: str = Field(
        "read",
        description="权限范围：read（只读，只能调用 GET 接口）或 read_write（读写）；默认只读",
        examples=["read"],
    )


class TokenOut(Schema):
    id: int
    name: str
    prefix: str = Field(description="令牌前8个字符，用于辨认")
    created_at: dt.datetime
    last_used_at: dt.datetime | None
    revoked_at: dt.datetime | None
    expires_at: dt.datetime | None = Field(description="有效期至（创建后默认90天）；过期后不能再使用")
    scope: str = Field(description="权限范围：read（只读）或 read_write（读写）")
    active: bool = Field(description="未撤销且未过期")


class NewTokenOut(TokenOut):
    secret: str = Field(description="令牌本身，只在创建时显示这一次")


def _out(token: ApiToken) -> TokenOut:
    return TokenOut.model_validate(token, from_attributes=True)


@router.post(
    "/tokens",
    response={201: NewTokenOut, **WRITE_ERRORS},
    summary="创建本人的访问令牌（有效期默认90天，见 expires_at；默认只读，scope=read_write 可修改）",
)
def create_token(request: HttpRequest, payload: TokenIn) -> Status[NewTokenOut]:
    new = services.create_token(
        current_user(request), payload.name, scope=payload.scope, via_token=current_token(request) is not None
    )
    return Status(201, NewTokenOut(**_out(new.token).model_dump(), secret=new.secret))


@router.get("/tokens", response=list[TokenOut], summary="本人的访问令牌")
def list_tokens(request: HttpRequest) -> list[TokenOut]:
    return [_out(t) for t in ApiToken.objects.filter(user=current_user(request))]


@router.delete(
    "/tokens/{token_id}",
    response={200: TokenOut, 404: ErrorOut, **WRITE_ERRORS},
    summary="撤销本人的访问令牌",
)
def revoke_token(request: HttpRequest, token_id: int) -> TokenOut:
    user = current_user(request)
    token = ApiToken.objects.filter(pk=token_id, user=user).first()
    if token is None:
        raise HttpError(404, f"您没有编号为{token_id}的访问令牌。")
    return _out(services.revoke_token(user, token))
