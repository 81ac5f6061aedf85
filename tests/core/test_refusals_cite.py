"""Every refusal cites its article; malformed input always names its input (issue 14).

Two kinds of ``no``: the input alone is wrong (``InvalidInput``, which must say which input), or
a rule refuses (a :class:`~zhengwu.core.decisions.Decision` with the citation of the article that
governs it).  These checks read the source of all of ``zhengwu/`` (migrations aside):

1. every ``raise InvalidInput(...)`` passes ``field=``;
2. every ``Decision.refuse(...)`` passes a citation that is not the literal ``None``;
3. at run time, a :class:`~zhengwu.core.decisions.Refused` (and so a ``StateConflict``) built from
   an uncited decision raises: ``tests/conftest.py`` turns the check on for the whole session, so
   every refusal the suite provokes is proven cited.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

from zhengwu.core import decisions
from zhengwu.core.decisions import Citation, Decision, Refused, UncitedRefusal
from zhengwu.core.transitions import StateConflict

ROOT = Path(__file__).resolve().parents[2] / "zhengwu"


def _sources() -> Iterator[tuple[str, str]]:
    for path in sorted(ROOT.rglob("*.py")):
        rel = path.relative_to(ROOT).as_posix()
        if "/migrations/" in f"/{rel}":
            continue
        yield rel, path.read_text(encoding="utf-8")


def _name(func: ast.expr) -> str:
    if isinstance(func, ast.Name):
        return func.id
    if isinstance(func, ast.Attribute):
        return f"{_name(func.value)}.{func.attr}" if isinstance(func.value, (ast.Name, ast.Attribute)) else func.attr
    return ""


def invalid_inputs_without_field(source: str, where: str = "<snippet>") -> list[str]:
    """``raise InvalidInput(...)`` calls that do not name their input with ``field=``."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if not (isinstance(node, ast.Raise) and isinstance(node.exc, ast.Call)):
            continue
        call = node.exc
        if _name(call.func).split(".")[-1] != "InvalidInput":
            continue
        field = next((k.value for k in call.keywords if k.arg == "field"), None)
        if field is None and len(call.args) >= 2:
            field = call.args[1]
        if field is None or (isinstance(field, ast.Constant) and not field.value):
            found.append(f"{where}:{node.lineno}")
    return found


def uncited_refusals(source: str, where: str = "<snippet>") -> list[str]:
    """``Decision.refuse(...)`` calls with no citation, or the literal ``None`` for one."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if not (isinstance(node, ast.Call) and _name(node.func).endswith("Decision.refuse")):
            continue
        citation = next((k.value for k in node.keywords if k.arg == "citation"), None)
        if citation is None and len(node.args) >= 3:
            citation = node.args[2]
        if citation is None or (isinstance(citation, ast.Constant) and citation.value is None):
            found.append(f"{where}:{node.lineno}")
    return found


def test_every_invalid_input_names_its_input() -> None:
    offenders = sorted(hit for rel, text in _sources() for hit in invalid_inputs_without_field(text, rel))
    assert offenders == [], "InvalidInput without field=: " + ", ".join(offenders)


def test_every_refusing_decision_cites_an_article() -> None:
    offenders = sorted(hit for rel, text in _sources() for hit in uncited_refusals(text, rel))
    assert offenders == [], "Decision.refuse without a citation: " + ", ".join(offenders)


def test_the_checks_read_the_whole_tree() -> None:
    read = {rel for rel, _ in _sources()}
    assert {"org/actions.py", "apis/org.py", "web/views/legislation.py", "core/decisions.py"} <= read
    assert not any("migrations/" in rel for rel in read)
    assert len(read) > 200


@pytest.mark.parametrize(
    "snippet",
    [
        "raise InvalidInput('请填写标题。')",
        "raise InvalidInput('请填写标题。', field='')",
        "raise decisions.InvalidInput(f'{x}已登记。', message_en='taken')",
        "def f():\n    if x:\n        raise InvalidInput('已经审查。')",
    ],
)
def test_the_field_check_fails_on_an_unnamed_input(snippet: str) -> None:
    assert invalid_inputs_without_field(snippet) == [f"<snippet>:{snippet.count(chr(10)) + 1}"]


def test_the_field_check_passes_a_named_input() -> None:
    assert invalid_inputs_without_field("raise InvalidInput('请填写标题。', field='title')") == []
    assert invalid_inputs_without_field("raise InvalidInput('请填写标题。', 'title')") == []


@pytest.mark.parametrize(
    "snippet",
    [
        "Decision.refuse('x.no', '不能。')",
        "Decision.refuse('x.no', '不能。', None)",
        "rules.Decision.refuse('x.no', '不能。', citation=None)",
        "d = Decision.refuse(code='x.no', message='不能。', message_en='No.')",
    ],
)
def test_the_citation_check_fails_on_an_uncited_refusal(snippet: str) -> None:
    assert uncited_refusals(snippet) == ["<snippet>:1"]


def test_the_citation_check_passes_a_cited_refusal() -> None:
    assert uncited_refusals("Decision.refuse('x.no', '不能。', rb.cite('leave.report'))") == []
    assert uncited_refusals("Decision.refuse('x.no', '不能。', citation=citation)") == []


# -- at run time ---------------------------------------------------------------------------------

CITED = Decision.refuse("x.no", "不能。", Citation("kizilsu-work-rules", "工作规则", 58, "leave.report"))
UNCITED = Decision(False, "x.uncited", "不能。")


def test_the_session_proves_every_refusal_cited() -> None:
    """``tests/conftest.py`` turns the run-time check on for every test."""
    assert decisions.REQUIRE_CITATIONS is True


def test_an_uncited_refusal_is_rejected_at_run_time() -> None:
    with pytest.raises(UncitedRefusal, match=r"x\.uncited"):
        Refused([CITED, UNCITED])
    with pytest.raises(UncitedRefusal):
        StateConflict([UNCITED])
    with pytest.raises(UncitedRefusal):
        decisions.require(UNCITED)
    assert Refused([CITED]).decisions == (CITED,)


def test_the_run_time_check_can_be_turned_off(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(decisions, "REQUIRE_CITATIONS", False)
    assert Refused([UNCITED]).decisions == (UNCITED,)
