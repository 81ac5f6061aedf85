"""The data key ring is created once, whichever process gets there first: two workers or two servers
starting at once must end up with the same key, or one of them writes values the other cannot read."""

from __future__ import annotations

import json
from pathlib import Path

from zhengwu.core import datakeys


def test_a_second_creator_keeps_the_first_ring(tmp_path: Path) -> None:
    path = tmp_path / "keys" / "data-keys.json"
    datakeys._create_ring(path, "first", {"first": "00" * 32})
    datakeys._create_ring(path, "second", {"second": "11" * 32})  # lost the race: changes nothing
    assert json.loads(path.read_text())["current"] == "first"
    assert [p.name for p in path.parent.iterdir()] == ["data-keys.json"]  # no temporary file left
    assert path.stat().st_mode & 0o777 == 0o600


def test_the_ring_made_on_first_use_is_the_one_every_later_use_reads(tmp_path: Path, settings) -> None:
    settings.ZHENGWU_DATA_KEY_FILE = tmp_path / "data-keys.json"
    first = datakeys.key_ring().current.key_id
    assert datakeys.key_ring().current.key_id == first
    assert json.loads(Path(settings.ZHENGWU_DATA_KEY_FILE).read_text())["current"] == first
