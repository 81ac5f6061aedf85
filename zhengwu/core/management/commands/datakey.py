"""``zhengwu datakey status|rotate``: the key ring that encrypts personal data at rest (SM4).

- ``status``: the key file, its keys, the current one, and how many stored values each key wrote;
- ``rotate``: a new key becomes current and every encrypted value is re-encrypted with it, in one
  transaction.  The old keys stay in the ring (backups taken before still need them); see
  docs/data-keys.md.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connection, transaction

from zhengwu.core import datakeys
from zhengwu.core.crypto_fields import encrypted_columns, encrypted_models, reseal


def _count_by_key() -> Counter[str]:
    counts: Counter[str] = Counter()
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        for model in encrypted_models():
            for column in encrypted_columns(model):
                cursor.execute(f"SELECT {quote(column)} FROM {quote(model._meta.db_table)}")  # noqa: S608
                for (value,) in cursor.fetchall():
                    if value is not None:
                        counts[datakeys.key_id_of(value) if datakeys.is_encrypted(value) else "（未加密）"] += 1
    return counts


class Command(BaseCommand):
    help = "The key ring that encrypts personal data at rest: status, rotation."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="sub", required=True)
        sub.add_parser("status", help="the keys, the current one, and how many values each encrypted")
        sub.add_parser("rotate", help="a new current key; every value re-encrypted with it; old keys stay")

    def handle(self, *args: Any, **o: Any) -> None:
        try:
            if o["sub"] == "rotate":
                with transaction.atomic():
                    key = datakeys.rotate()
                    changed = sum(
                        reseal(connection, m._meta.db_table, m._meta.pk.column, encrypted_columns(m), "rekey")
                        for m in encrypted_models()
                        if m._meta.pk is not None
                    )
                self.stdout.write(
                    f"新的数据密钥：{key.key_id}（当前）；已用它重新加密{changed}个值。旧密钥仍保留在密钥文件中。"
                )
                return
            ring = datakeys.key_ring()
            counts = _count_by_key()
        except (datakeys.DataKeyError, datakeys.TamperedValue) as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(f"数据密钥文件：{ring.path}（{datakeys.ALG}）")
        for key_id in sorted(ring.keys):
            mark = "（当前）" if key_id == ring.current.key_id else ""
            self.stdout.write(f"  {key_id}{mark}：加密了{counts.pop(key_id, 0)}个值")
        for key_id, count in sorted(counts.items()):
            self.stdout.write(f"  {key_id}：{count}个值，其密钥不在密钥文件中！")
