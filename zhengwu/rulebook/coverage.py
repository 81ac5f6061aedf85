"""Which tests prove which article: found from the tests' ``@pytest.mark.article(N)`` markers.

The tests are read as source (``ast``), not run, so the rulebook page and
``zhengwu rules coverage`` answer at once.  A marker on a class or a module-level ``pytestmark``
covers every test in it.
"""

from __future__ import annotations

import ast
from collections import defaultdict
from pathlib import Path

from django.conf import settings


def _article_numbers(node: ast.expr) -> list[int]:
    """Numbers in ``pytest.mark.article(6, 58)``; [] for anything else."""
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "article":
        return [a.value for a in node.args if isinstance(a, ast.Constant) and isinstance(a.value, int)]
    return []


def _marks(decorators: list[ast.expr]) -> list[int]:
    return [n for d in decorators for n in _article_numbers(d)]


def _module_marks(tree: ast.Module) -> list[int]:
    found: list[int] = []
    for stmt in tree.body:
        if isinstance(stmt, ast.Assign) and any(isinstance(t, ast.Name) and t.id == "pytestmark" for t in stmt.targets):
            values = stmt.value.elts if isinstance(stmt.value, ast.List | ast.Tuple) else [stmt.value]
            for value in values:
                found += _article_numbers(value)
    return found


def _walk(nodes: list[ast.stmt], prefix: str, inherited: list[int], out: dict[int, list[str]]) -> None:
    for node in nodes:
        if isinstance(node, ast.ClassDef) and node.name.startswith("Test"):
            _walk(node.body, f"{prefix}::{node.name}", inherited + _marks(node.decorator_list), out)
        elif isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef) and node.name.startswith("test"):
            for number in dict.fromkeys(inherited + _marks(node.decorator_list)):
                out[number].append(f"{prefix}::{node.name}")


#: Each test file's marks, by path, with the (modification time, size) they were read at: a page
#: that lists the proof of every article reads only the files changed since it last looked.
_parsed: dict[Path, tuple[tuple[int, int], dict[int, list[str]]]] = {}


def _file_marks(path: Path, base: Path) -> dict[int, list[str]]:
    stat = path.stat()
    stamp = (stat.st_mtime_ns, stat.st_size)
    cached = _parsed.get(path)
    if cached is not None and cached[0] == stamp:
        return cached[1]
    out: dict[int, list[str]] = defaultdict(list)
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    _walk(tree.body, path.relative_to(base).as_posix(), _module_marks(tree), out)
    _parsed[path] = (stamp, dict(out))
    return _parsed[path][1]


def tests_by_article(tests_dir: Path | None = None) -> dict[int, list[str]]:  # noqa: PT028 - not a test
    root = tests_dir or Path(settings.BASE_DIR) / "tests"
    out: dict[int, list[str]] = defaultdict(list)
    if not root.is_dir():
        return {}
    base = root.parent
    for path in sorted(root.rglob("test_*.py")):
        for number, tests in _file_marks(path, base).items():
            out[number].extend(tests)
    return dict(out)
