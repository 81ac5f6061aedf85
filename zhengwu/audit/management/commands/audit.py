"""``zhengwu audit verify|checkpoint|keygen``.

- ``verify``: check the hash chain and hold it against the signed checkpoints of the anchor log;
  exit 0 when intact, 1 naming the first breach.  Needs only the public keys (``--public-keys``).
- ``checkpoint``: sign the chain's current end with the SM2 signing key and append it to the log.
- ``keygen``: a new signing key (rotation); its public key joins the public keys, old ones stay.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from zhengwu.audit import anchors
from zhengwu.audit.services import checkpoint, verify


class Command(BaseCommand):
    help = "Verify the audit trail; sign a checkpoint of it; rotate the signing key."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="sub", required=True)
        check = sub.add_parser("verify", help="verify the chain and its anchors; exit 1 at the first breach")
        check.add_argument("--public-keys", help="JSON file {key_id: public key}; default: the setting")
        check.add_argument("--anchors", help="the anchor folder (checkpoints.jsonl); default: the setting")
        sub.add_parser("checkpoint", help="sign and anchor the chain's current end")
        sub.add_parser("keygen", help="a new SM2 signing key (rotation); old public keys stay")

    def handle(self, *args: Any, **o: Any) -> None:
        if o["sub"] == "checkpoint":
            point = checkpoint()
            self.stdout.write(
                f"已签署检查点：第{point.seq}号记录（共{point.count}条），哈希{point.hash[:16]}…，密钥{point.key_id}。"
            )
            return
        if o["sub"] == "keygen":
            key = anchors.rotate_signing_key()
            self.stdout.write(f"新的审计签名密钥：{key.key_id}；公钥已加入 {anchors.public_keys_file()}。")
            return
        keys = None
        if o.get("public_keys"):
            try:
                keys = {str(k): str(v) for k, v in json.loads(Path(o["public_keys"]).read_text()).items()}
            except (OSError, ValueError) as exc:
                raise CommandError(f"无法读取审计公钥文件：{exc}") from exc
        folder = Path(o["anchors"]) if o.get("anchors") else None
        result = verify(anchor_dir=folder, public_keys=keys)
        if result.ok:
            self.stdout.write(f"审计链完整：共{result.checked}条记录，SM3哈希链与HMAC-SM3签章均有效。")
            if result.anchored:
                self.stdout.write(f"与{result.anchored}个SM2签名检查点一致（已锚定至第{result.anchored_seq}号记录）。")
            else:
                self.stdout.write("注意：没有锚点检查点，无法证明审计链未被整体清空或重置。")
            return
        assert result.breach is not None
        self.stderr.write(f"审计链被破坏（{result.breach.kind}）：{result.breach.message}")
        sys.exit(1)
