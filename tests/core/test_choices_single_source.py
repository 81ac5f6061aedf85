"""One source for each choice: a model's ``TextChoices`` takes its values from the ``StrEnum`` of the
same name in its app's pure rules, and the two must hold the same values.

The pairs are discovered: every model field with choices whose ``TextChoices`` class has a
``StrEnum`` of the same name in ``zhengwu.<app>.rules`` (a module, or a package and its modules).
A new pair is checked without editing this file; :data:`EXPECTED` lists the pairs that exist, so
the discovery cannot silently find nothing.
"""

from __future__ import annotations

import importlib
import pkgutil
from enum import Enum, StrEnum
from types import ModuleType

import pytest
from django.apps import apps
from django.db import models

#: (model choices, rules enum), as ``module.Class``.
EXPECTED = {
    ("zhengwu.org.models.UnitKind", "zhengwu.org.rules.UnitKind"),
    ("zhengwu.org.models.PositionKind", "zhengwu.org.rules.PositionKind"),
    ("zhengwu.supervision.models.Origin", "zhengwu.supervision.rules.Origin"),
    ("zhengwu.supervision.models.ReportEvery", "zhengwu.supervision.rules.ReportEvery"),
    ("zhengwu.supervision.models.ItemState", "zhengwu.supervision.rules.ItemState"),
    ("zhengwu.portal.models.ItemState", "zhengwu.portal.rules.ItemState"),
    ("zhengwu.portal.models.ApplicationState", "zhengwu.portal.rules.ApplicationState"),
    ("zhengwu.portal.models.ReplyType", "zhengwu.portal.rules.ReplyType"),
    ("zhengwu.legislation.models.NormativeKind", "zhengwu.legislation.rules.NormativeKind"),
    ("zhengwu.legislation.models.CommentOutcome", "zhengwu.legislation.rules.CommentOutcome"),
    ("zhengwu.legislation.models.CleanupProposal", "zhengwu.legislation.rules.CleanupProposal"),
    ("zhengwu.documents.models.DocType", "zhengwu.documents.rules.kinds.DocType"),
    ("zhengwu.documents.models.Direction", "zhengwu.documents.rules.kinds.Direction"),
    ("zhengwu.documents.models.Flow", "zhengwu.documents.rules.kinds.Flow"),
    ("zhengwu.documents.models.DocState", "zhengwu.documents.rules.kinds.DocState"),
    ("zhengwu.documents.models.Classification", "zhengwu.documents.rules.kinds.Classification"),
    ("zhengwu.documents.models.CountersignState", "zhengwu.documents.rules.countersign.CountersignState"),
    ("zhengwu.documents.models.ExtensionState", "zhengwu.documents.rules.countersign.ExtensionState"),
    ("zhengwu.documents.models.FilingState", "zhengwu.documents.rules.filing.FilingState"),
    ("zhengwu.documents.models.Retention", "zhengwu.documents.rules.archive.Retention"),
}


def _name(cls: type) -> str:
    return f"{cls.__module__}.{cls.__qualname__}"


def rules_modules(app_module: str) -> list[ModuleType]:
    """``<app>.rules``, and each module under it when it is a package."""
    try:
        root = importlib.import_module(f"{app_module}.rules")
    except ModuleNotFoundError:
        return []
    found = [root]
    if hasattr(root, "__path__"):
        for info in pkgutil.walk_packages(root.__path__, f"{root.__name__}."):
            found.append(importlib.import_module(info.name))
    return found


def rules_enums(app_module: str) -> dict[str, list[type[StrEnum]]]:
    """The StrEnums *declared* in an app's rules (not the ones they import from another app), by name."""
    enums: dict[str, list[type[StrEnum]]] = {}
    for module in rules_modules(app_module):
        for value in vars(module).values():
            declared = isinstance(value, type) and issubclass(value, StrEnum) and value.__module__ == module.__name__
            if declared and value not in enums.setdefault(value.__name__, []):
                enums[value.__name__].append(value)
    return enums


def discover() -> dict[tuple[str, str], tuple[type[models.Choices], type[StrEnum]]]:
    """Every (TextChoices, rules StrEnum) pair used by a model field, keyed by their names."""
    pairs: dict[tuple[str, str], tuple[type[models.Choices], type[StrEnum]]] = {}
    for model in apps.get_models():
        config = apps.get_app_config(model._meta.app_label)
        if not config.name.startswith("zhengwu."):
            continue
        enums = rules_enums(config.name)
        for field in model._meta.get_fields():
            choices = getattr(field, "choices", None)
            if not choices:
                continue
            for cls in _choices_classes(config.name, choices):
                candidates = enums.get(cls.__name__, [])
                assert len(candidates) <= 1, f"{_name(cls)}: several rules enums named so: {candidates}"
                if candidates:
                    pairs[(_name(cls), _name(candidates[0]))] = (cls, candidates[0])
    return pairs


def _choices_classes(app_module: str, choices: object) -> list[type[models.Choices]]:
    """The Choices classes whose ``.choices`` a field was given (Django keeps only the list): the
    Choices classes of the app's models modules with exactly these values."""
    values = {value for value, _label in choices}  # type: ignore[attr-defined]
    found = []
    for module in _models_modules(app_module):
        for value in vars(module).values():
            for cls in _with_nested(value):
                if cls.__module__ == module.__name__ and {c.value for c in cls} == values:
                    found.append(cls)
    return found


def _models_modules(app_module: str) -> list[ModuleType]:
    root = importlib.import_module(f"{app_module}.models")
    return [root]


def _with_nested(value: object) -> list[type[models.Choices]]:
    if not isinstance(value, type):
        return []
    out = [value] if issubclass(value, models.Choices) and issubclass(value, Enum) else []
    if issubclass(value, models.Model):
        out += [v for v in vars(value).values() if isinstance(v, type) and issubclass(v, models.Choices)]
    return out


def same_values(choices: type[models.Choices], enum: type[StrEnum]) -> list[str]:
    """What differs between the two value sets (empty when they agree)."""
    model_values = {str(c.value) for c in choices}
    rule_values = {e.value for e in enum}
    return [f"only in {_name(choices)}: {v!r}" for v in sorted(model_values - rule_values)] + [
        f"only in {_name(enum)}: {v!r}" for v in sorted(rule_values - model_values)
    ]


def test_the_expected_pairs_are_discovered() -> None:
    found = set(discover())
    assert found >= EXPECTED, f"not discovered: {sorted(EXPECTED - found)}"


@pytest.mark.parametrize("pair", sorted(discover()), ids=lambda p: p[0] if isinstance(p, tuple) else str(p))
def test_model_choices_and_rules_enum_hold_the_same_values(pair: tuple[str, str]) -> None:
    choices, enum = discover()[pair]
    assert same_values(choices, enum) == []
    # and in the same order, so the forms list them as the rules do
    assert [str(c.value) for c in choices] == [e.value for e in enum]


def test_a_mismatch_is_caught() -> None:
    """The comparison is not vacuous: a rules enum that lacks a value, or has one more, fails."""

    class PositionKind(StrEnum):  # the rules' set with 秘书长 missing and a value the model lacks
        GOVERNOR = "governor"
        DEPUTY = "deputy"

    from zhengwu.org.models import PositionKind as ModelPositionKind

    problems = same_values(ModelPositionKind, PositionKind)
    assert "only in zhengwu.org.models.PositionKind: 'secretary_general'" in problems
    assert any("'deputy'" in p for p in problems)
