"""Where the sentences of pure code are, and which catalogue translates each (issue 14, i18n).

:func:`messages_in_code` reads the source (it imports nothing) and returns every ``_("…")`` of
:mod:`zhengwu.core.i18n`, with the gettext catalogue that owns it: the app's own
(``zhengwu/<app>/locale``), or the project's (``zhengwu/locale``) for ``core``, ``web``, ``apis``
and the command line.  ``scripts/messages.py`` adds the missing ids to their catalogues;
``tests/core/test_translations.py`` proves each one is translated with the same placeholders.
"""

from __future__ import annotations

import ast
import string
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent
PROJECT_LEVEL = {"core", "web", "apis", "cli.py", "urls.py", "api.py", "settings.py"}


@dataclass(frozen=True)
class Source:
    msgid: str
    path: Path
    line: int

    @property
    def catalogue(self) -> Path:
        """The folder holding ``<lang>/LC_MESSAGES/django.po`` for this message."""
        top = self.path.relative_to(PACKAGE).parts[0]
        return PACKAGE / "locale" if top in PROJECT_LEVEL else PACKAGE / top / "locale"


#: core.i18n's markers: ``_`` (pure code), ``say`` and ``say_lazy`` (Django's side, with the
#: government's names).
MARKERS = {"_", "say", "say_lazy"}


def _marks_core_i18n(tree: ast.Module) -> tuple[set[str], bool]:
    """(the markers imported from core.i18n here, ``i18n.<marker>`` is used here)."""
    names: set[str] = set()
    module = False
    for node in tree.body:
        if isinstance(node, ast.ImportFrom) and node.module == "zhengwu.core.i18n":
            names |= {a.name for a in node.names if a.name in MARKERS and a.asname in (None, a.name)}
        if isinstance(node, ast.ImportFrom) and node.module == "zhengwu.core":
            module |= any(a.name == "i18n" and a.asname is None for a in node.names)
    return names, module


def sources(path: Path) -> Iterator[Source]:
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    names, module = _marks_core_i18n(tree)
    if not (names or module or path.name == "i18n.py"):
        return
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call) or not node.args:
            continue
        f = node.func
        marker = (isinstance(f, ast.Name) and f.id in names) or (
            module
            and isinstance(f, ast.Attribute)
            and f.attr in MARKERS
            and isinstance(f.value, ast.Name)
            and f.value.id == "i18n"
        )
        first = node.args[0]
        if marker and isinstance(first, ast.Constant) and isinstance(first.value, str):
            yield Source(first.value, path, node.lineno)


def messages_in_code(package: Path = PACKAGE) -> list[Source]:
    found: list[Source] = []
    for path in sorted(package.rglob("*.py")):
        if "migrations" in path.parts or path.name == "i18n_sources.py":
            continue
        found.extend(sources(path))
    return found


def placeholders(text: str) -> set[str]:
    """The ``{name}`` fields of a brace-format string (``{{`` escapes excluded)."""
    return {name for _lit, name, _spec, _conv in string.Formatter().parse(text) if name is not None}
