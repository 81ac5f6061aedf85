"""Which tests prove which article, read from the markers (functions, classes, module ``pytestmark``)."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from zhengwu.rulebook import coverage


def write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text), encoding="utf-8")


@pytest.mark.article(63)
def test_markers_on_functions_classes_and_modules(tmp_path) -> None:
    root = tmp_path / "tests"
    write(
        root / "org" / "test_a.py",
        """
        import pytest

        @pytest.mark.article(58)
        def test_report(): ...

        @pytest.mark.article(6, 58)
        def test_entrust(): ...

        def test_unmarked(): ...

        @pytest.mark.article(58)
        def helper_not_a_test(): ...

        @pytest.mark.article(49)
        class TestSigning:
            def test_one(self): ...

            @pytest.mark.article(50)
            def test_two(self): ...

            async def test_three(self): ...

        @pytest.mark.article(1)
        class NotATestClass:
            def test_hidden(self): ...
    """,
    )
    write(
        root / "cal" / "test_b.py",
        """
        import pytest

        pytestmark = [pytest.mark.article(63), pytest.mark.django_db]

        def test_deadline(): ...

        @pytest.mark.article(42)
        def test_meeting(): ...
    """,
    )
    write(
        root / "test_c.py",
        """
        import pytest
        pytestmark = pytest.mark.article(68)

        def test_versions(): ...
    """,
    )
    write(
        root / "helpers.py",
        """
        import pytest

        @pytest.mark.article(7)
        def test_in_a_non_test_file(): ...
    """,
    )
    found = coverage.tests_by_article(root)
    assert found[58] == ["tests/org/test_a.py::test_report", "tests/org/test_a.py::test_entrust"]
    assert found[6] == ["tests/org/test_a.py::test_entrust"]
    assert found[49] == [
        "tests/org/test_a.py::TestSigning::test_one",
        "tests/org/test_a.py::TestSigning::test_two",
        "tests/org/test_a.py::TestSigning::test_three",
    ]
    assert found[50] == ["tests/org/test_a.py::TestSigning::test_two"]
    assert found[63] == ["tests/cal/test_b.py::test_deadline", "tests/cal/test_b.py::test_meeting"]
    assert found[42] == ["tests/cal/test_b.py::test_meeting"]
    assert found[68] == ["tests/test_c.py::test_versions"]
    assert 1 not in found
    assert 7 not in found


def test_missing_directory_is_empty(tmp_path) -> None:
    assert coverage.tests_by_article(tmp_path / "nowhere") == {}


def test_the_projects_own_tests_are_found() -> None:
    found = coverage.tests_by_article()
    assert "tests/rulebook/test_coverage.py::test_markers_on_functions_classes_and_modules" in found[63]
    assert any(t.startswith("tests/org/test_rules.py::") for t in found[58])


@pytest.mark.article(68)
def test_a_changed_file_is_read_again_and_an_unchanged_one_is_not(tmp_path, monkeypatch) -> None:
    import os

    root = tmp_path / "tests"
    root.mkdir()
    test_file = root / "test_leave.py"
    test_file.write_text("import pytest\n\n@pytest.mark.article(58)\ndef test_report(): ...\n", encoding="utf-8")
    assert coverage.tests_by_article(root) == {58: ["tests/test_leave.py::test_report"]}
    reads = []
    real_parse = coverage.ast.parse
    monkeypatch.setattr(coverage.ast, "parse", lambda *a, **k: reads.append(1) or real_parse(*a, **k))
    assert coverage.tests_by_article(root) == {58: ["tests/test_leave.py::test_report"]}
    assert reads == []  # unchanged: not parsed again
    test_file.write_text("import pytest\n\n@pytest.mark.article(59)\ndef test_report(): ...\n", encoding="utf-8")
    os.utime(test_file, ns=(1, 1))  # a different modification time, whatever the clock's resolution
    assert coverage.tests_by_article(root) == {59: ["tests/test_leave.py::test_report"]}
    assert reads == [1]


@pytest.mark.article(68)
def test_every_article_the_rulebook_marks_enforced_or_recorded_has_a_test() -> None:
    """Issue 15: the rulebook page and ``zhengwu rules coverage`` show no article marked E or R
    (enforced, recorded) without a test marked with it."""
    import tomllib

    from zhengwu.rulebook import annotations

    data = tomllib.loads(annotations.KIZILSU_2023.read_text(encoding="utf-8"))
    kinds = {int(number): row["kind"] for number, row in data["articles"].items()}
    proven = coverage.tests_by_article()
    untested = sorted(n for n, kind in kinds.items() if kind in {"E", "R"} and not proven.get(n))
    assert untested == []
