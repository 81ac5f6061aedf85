"""Account administration: login lockouts (list, lift), the report of dormant accounts."""

from __future__ import annotations

import datetime as dt

from django.http import HttpRequest
from ninja import Field, Query, Router, Schema

from zhengwu.apis.auth import current_user
from zhengwu.apis.schemas import READ_ERRORS, WRITE_ERRORS, RefusedOut
from zhengwu.core.transitions import require_checks
from zhengwu.identity import actions, selectors
from zhengwu.identity.services import delayed_accounts, login_wait

router = Router(tags=["accounts"])


class LockedAddressOut(Schema):
    ip_address: str
    failures: int = Field(description="冷却期内的失败次数")
    last_attempt: dt.datetime
    unlocks_at: dt.datetime = Field(description="锁定自动解除的时间")
    usernames: list[str] = Field(description="自该地址尝试过的账号")


class DelayedAccountOut(Schema):
    username: str
    failures: int = Field(description="连续失败次数")
    wait_seconds: int = Field(description="下次登录尚须等待的秒数")


class LockoutsOut(Schema):
    addresses: list[LockedAddressOut]
    accounts: list[DelayedAccountOut]


class UnlockIn(Schema):
    ip_address: str = Field("", description="要解锁的客户端地址")
    username: str = Field("", description="要解除登录延迟的账号")


class UnlockOut(Schema):
    detail: str
    attempts_cleared: int
    account_delay_cleared: bool


@router.get(
    "/accounts/lockouts",
    response={200: LockoutsOut, 403: RefusedOut, **READ_ERRORS},
    summary="被锁定的地址和须等待的账号（安全管理员）",
)
def lockouts(request: HttpRequest) -> LockoutsOut:
    require_checks(*selectors.unlock_checks(current_user(request)))
    return LockoutsOut(
        addresses=[LockedAddressOut(**vars(a)) for a in selectors.locked_addresses()],
        accounts=[
            DelayedAccountOut(
                username=t.user.get_username(), failures=t.failures, wait_seconds=login_wait(t.user.get_username())
            )
            for t in delayed_accounts()
        ],
    )


@router.post(
    "/accounts/unlock",
    response={200: UnlockOut, **WRITE_ERRORS},
    summary="解除地址的登录锁定和/或账号的登录延迟（账号管理员），不必等其自动解除",
)
def unlock(request: HttpRequest, payload: UnlockIn) -> UnlockOut:
    done = actions.unlock(current_user(request), ip_address=payload.ip_address, username=payload.username)
    return UnlockOut(
        detail="已解除。", attempts_cleared=done.attempts_cleared, account_delay_cleared=done.account_delay_cleared
    )


class DormantOut(Schema):
    username: str
    name: str = Field(description="人员姓名")
    last_used: dt.datetime | None = Field(description="最近一次登录、会话活动或令牌使用；从未使用为空")
    idle_days: int = Field(description="未使用的天数")


@router.get(
    "/accounts/dormant",
    response={200: list[DormantOut], 403: RefusedOut, **READ_ERRORS},
    summary="长期未使用的账号（账号管理员）：days 天以上未登录、无会话活动、未用访问令牌",
)
def dormant(request: HttpRequest, days: int = Query(90, ge=1, le=3650)) -> list[DormantOut]:
    require_checks(*selectors.dormant_report_checks(current_user(request)))
    return [DormantOut(**vars(a)) for a in selectors.dormant_accounts(days)]
