"""A version may state a transition rule (art. 68): ``transition = "keep"`` in its annotations
keeps records opened before it under the version they were opened under."""

from __future__ import annotations

from pathlib import Path

import pytest

from zhengwu.rulebook import annotations
from zhengwu.rulebook.annotations import AnnotationError


def _with(tmp_path: Path, line: str) -> Path:
    text = annotations.KIZILSU_2023.read_text(encoding="utf-8").replace("[rulebook]\n", f"[rulebook]\n{line}\n", 1)
    path = tmp_path / "rules.toml"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.article(68)
def test_a_version_states_its_transition_rule(tmp_path: Path) -> None:
    assert annotations.load().transition == ""  # by default each step applies the version in force
    assert annotations.load(_with(tmp_path, 'transition = "keep"')).transition == "keep"
    assert annotations.load(_with(tmp_path, 'transition = "apply"')).transition == ""
    with pytest.raises(AnnotationError, match="transition"):
        annotations.load(_with(tmp_path, 'transition = "sometimes"'))
