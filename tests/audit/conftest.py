"""Each audit test gets its own anchor folder and its own SM2 signing key (the suite's var/ lives
across tests whose database rolls back)."""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture
def anchored(settings, tmp_path: Path) -> Path:
    """Checkpoints on demand, in ``tmp_path/anchors``, signed by a key in ``tmp_path/keys``."""
    settings.ZHENGWU_AUDIT_ANCHOR_DIR = tmp_path / "anchors"
    settings.ZHENGWU_AUDIT_SIGNING_KEY_FILE = tmp_path / "keys" / "audit-signing-key.json"
    settings.ZHENGWU_AUDIT_PUBLIC_KEYS_FILE = ""
    settings.ZHENGWU_AUDIT_CHECKPOINT_EVERY = 0
    return tmp_path / "anchors"
