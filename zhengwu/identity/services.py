"""Reading an account's authentication state (no writes but creating the row on first need)."""

from __future__ import annotations

from django.contrib.auth.models import AbstractBaseUser

from zhengwu.identity.models import Account


def account_of(user: AbstractBaseUser) -> Account:
    """The user's :class:`Account`, created with the defaults the first time it is asked for."""
    account, _created = Account.objects.get_or_create(user_id=user.pk)
    return account


def must_change_password(user: AbstractBaseUser) -> bool:
    """True while an administrator's reset (or a first login) waits for the user's own password."""
    return Account.objects.filter(user_id=user.pk, must_change_password=True).exists()
