"""``zhengwu token``: API access tokens for other government systems.

zhengwu token create USERNAME --name NAME [--scope read|read-write]    (prints the secret once)
zhengwu token list USERNAME
zhengwu token revoke ID
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from zhengwu.core.commands import account
from zhengwu.core.decisions import InvalidInput, Refused
from zhengwu.tokens import services
from zhengwu.tokens.models import ApiToken, TokenScope


class Command(BaseCommand):
    help = "Create, list and revoke API access tokens."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="sub", required=True)
        p = sub.add_parser("create", help="create a token for USERNAME and print its secret once")
        p.add_argument("username")
        p.add_argument("--name", required=True, help="what the token is for, e.g. the calling system")
        p.add_argument(
            "--scope",
            choices=["read", "read-write"],
            default="read",
            help="read: GET calls only (the default); read-write: also calls that change things",
        )
        p = sub.add_parser("list", help="list USERNAME's tokens")
        p.add_argument("username")
        p = sub.add_parser("revoke", help="revoke a token by its id")
        p.add_argument("id", type=int)

    def handle(self, *args: Any, **o: Any) -> None:
        try:
            getattr(self, "_" + o["sub"])(o)
        except (InvalidInput, Refused) as exc:
            raise CommandError(str(exc)) from exc

    def _create(self, o: dict[str, Any]) -> None:
        user = account(o["username"])
        scope = TokenScope.READ_WRITE if o["scope"] == "read-write" else TokenScope.READ
        new = services.create_token(user, o["name"], scope=scope, by_operator=True)
        self.stdout.write(
            f"已为{user.get_username()}创建{new.token.get_scope_display()}访问令牌“{new.token.name}”"
            f"（编号{new.token.pk}，前缀 {new.token.prefix}，"
            f"有效期至{timezone.localtime(new.token.expires_at):%Y-%m-%d %H:%M}）。"
            "令牌只显示这一次，请妥善保存："
        )
        self.stdout.write(new.secret)

    def _list(self, o: dict[str, Any]) -> None:
        user = account(o["username"])
        for t in ApiToken.objects.filter(user=user):
            if t.revoked_at:
                state = f"已撤销 {timezone.localtime(t.revoked_at):%Y-%m-%d %H:%M}"
            elif t.expires_at is not None:
                verb = "已过期" if t.expired else "有效至"
                state = f"{verb} {timezone.localtime(t.expires_at):%Y-%m-%d %H:%M}"
            else:
                state = "有效"
            used = f"{timezone.localtime(t.last_used_at):%Y-%m-%d %H:%M}" if t.last_used_at else "从未使用"
            self.stdout.write(f"{t.pk:>5}  {t.prefix}…  {t.name}  {t.get_scope_display()}  {state}  最近使用：{used}")

    def _revoke(self, o: dict[str, Any]) -> None:
        token = ApiToken.objects.filter(pk=o["id"]).first()
        if token is None:
            raise CommandError(f"没有编号为{o['id']}的访问令牌。")
        services.revoke_token(None, token)
        self.stdout.write(f"访问令牌“{token.name}”（前缀 {token.prefix}）已撤销。")
