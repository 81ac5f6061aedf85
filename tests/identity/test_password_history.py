"""A new password may not repeat any of the last five (ZHENGWU_PASSWORD_HISTORY, the current one
included); only their hashes are kept, and only as many as the check reads."""

from __future__ import annotations

import pytest

from tests.identity.conftest import sign_in
from zhengwu.core.decisions import InvalidInput
from zhengwu.identity.actions import change_password, reset_password
from zhengwu.identity.models import PasswordHistory

PASSWORDS = [f"Kizilsu-{n}-plan" for n in range(1, 8)]


def _change(user, old: str, new: str) -> None:
    user.refresh_from_db()
    change_password(user, old, new, new)


def _walk(user, start: str, passwords: list[str]) -> str:
    current = start
    for new in passwords:
        _change(user, current, new)
        current = new
    return current


def test_none_of_the_last_five_passwords_may_come_back(user) -> None:
    clerk = user("fgw_clerk")
    current = _walk(clerk, "zhengwu-demo", PASSWORDS[:5])  # the last five: PASSWORDS[0..4]
    for earlier in PASSWORDS[:4]:
        with pytest.raises(InvalidInput, match="最近使用过的5个密码") as refused:
            _change(clerk, current, earlier)
        assert refused.value.field == "new_password"
    clerk.refresh_from_db()
    assert clerk.check_password(current)
    assert sign_in("fgw_clerk", current).signed_in


def test_the_sixth_password_back_may_be_used_again(user) -> None:
    clerk = user("fgw_clerk")
    current = _walk(clerk, "zhengwu-demo", PASSWORDS[:5])
    assert PasswordHistory.objects.filter(user=clerk).count() == 4  # only what the check reads
    current = _walk(clerk, current, [PASSWORDS[5]])  # PASSWORDS[0] is now the sixth back
    _change(clerk, current, PASSWORDS[0])
    assert sign_in("fgw_clerk", PASSWORDS[0]).signed_in
    assert PasswordHistory.objects.filter(user=clerk).count() == 4
    assert all(h.password_hash != PASSWORDS[0] for h in PasswordHistory.objects.all())  # hashes only


def test_history_length_is_a_setting(user, settings) -> None:
    settings.ZHENGWU_PASSWORD_HISTORY = 2
    leader = user("vice_liu")
    current = _walk(leader, "zhengwu-demo", PASSWORDS[:3])
    with pytest.raises(InvalidInput, match="最近使用过的2个密码"):
        _change(leader, current, PASSWORDS[1])
    _change(leader, current, PASSWORDS[0])  # third back: allowed with a history of two
    assert sign_in("vice_liu", PASSWORDS[0]).signed_in


def test_after_a_reset_the_forced_change_may_not_return_to_an_old_password(user, person) -> None:
    clerk = user("fgw_clerk")
    _walk(clerk, "zhengwu-demo", PASSWORDS[:1])
    reset = reset_password(user("security_admin"), person("fgw_clerk"))
    assert reset.temporary_password is not None
    with pytest.raises(InvalidInput, match="最近使用过的5个密码"):
        _change(clerk, reset.temporary_password, PASSWORDS[0])
    with pytest.raises(InvalidInput, match="新密码不能与当前密码相同"):
        _change(clerk, reset.temporary_password, reset.temporary_password)
    _change(clerk, reset.temporary_password, PASSWORDS[1])
    assert sign_in("fgw_clerk", PASSWORDS[1]).signed_in


def test_the_page_says_why(client_as) -> None:
    c = client_as("clerk_wendian")
    first, second = PASSWORDS[0], PASSWORDS[1]
    c.post("/account/password/", {"old_password": "zhengwu-demo", "new_password": first, "new_password2": first})
    c.post("/account/password/", {"old_password": first, "new_password": second, "new_password2": second})
    page = c.post("/account/password/", {"old_password": second, "new_password": first, "new_password2": first})
    assert page.status_code == 400
    assert "最近使用过的5个密码" in page.content.decode()
