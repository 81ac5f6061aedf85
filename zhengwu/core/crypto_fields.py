"""A model field whose value is encrypted at rest with SM4 (:mod:`zhengwu.core.datakeys`).

``SM4TextField(_("姓名"), max_length=60)`` reads and writes plain text in Python: the database
column (``text``) holds only ``sm4:<key id>:<base64>``.  ``max_length`` bounds the *plain text*
(checked before saving like any ``CharField``, :mod:`zhengwu.core.text_checks`); the column is
unbounded because the ciphertext is longer.

What it gives up: a random IV per value means the column cannot be searched, sorted or compared in
SQL.  Only ``isnull`` is a lookup; any other (``name="张三"``, ``name__contains``) is an error at
once, rather than a query that silently never matches.

``dumpdata`` writes the encrypted form too (freshly encrypted, so a dump holds no plaintext), and
``loaddata`` reads it back, checking the tag.
"""

from __future__ import annotations

from typing import Any

from django.db import models
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.models import Lookup
from django.db.models.expressions import Expression

from zhengwu.core import datakeys


class SM4TextField(models.CharField):  # type: ignore[type-arg]
    description = "Text encrypted at rest (SM4-CBC, HMAC-SM3)"

    def get_internal_type(self) -> str:
        return "TextField"  # the column holds the (longer) ciphertext

    def context(self) -> str:
        """What the integrity tag binds a value to: this column (a value moved elsewhere fails)."""
        return f"{self.model._meta.label_lower}.{self.name}"

    def get_lookup(self, lookup_name: str) -> type[Lookup[Any]] | None:
        if lookup_name != "isnull":
            return None  # Django answers FieldError: "Unsupported lookup '…' for SM4TextField"
        return super().get_lookup(lookup_name)

    def get_prep_value(self, value: Any) -> Any:
        value = models.Field.get_prep_value(self, value)  # not to_python: a typed value is taken as typed
        return value if value is None else str(value)

    def get_db_prep_value(self, value: Any, connection: BaseDatabaseWrapper, prepared: bool = False) -> Any:
        if not prepared:
            value = self.get_prep_value(value)
        if value is None:
            return None
        return datakeys.encrypt(value, self.context())

    def from_db_value(self, value: Any, expression: Expression, connection: BaseDatabaseWrapper) -> str | None:
        if value is None:
            return None
        return datakeys.decrypt(str(value), self.context())

    def to_python(self, value: Any) -> Any:
        """A serialized (``loaddata``) value arrives encrypted: decrypt it, checking the tag."""
        if isinstance(value, str) and datakeys.is_encrypted(value):
            return datakeys.decrypt(value, self.context())
        return super().to_python(value)

    def value_to_string(self, obj: models.Model) -> str:
        value = self.value_from_object(obj)
        return "" if value is None else datakeys.encrypt(str(value), self.context())


# --- whole columns: the data migration, key rotation ----------------------------------------------


def encrypted_columns(model: type[models.Model]) -> dict[str, str]:
    """``{column: context}`` of a model's encrypted fields."""
    return {f.column: f.context() for f in model._meta.concrete_fields if isinstance(f, SM4TextField)}


def encrypted_models() -> list[type[models.Model]]:
    from django.apps import apps

    return [m for m in apps.get_models() if encrypted_columns(m)]


def reseal(
    connection: BaseDatabaseWrapper,
    table: str,
    pk_column: str,
    columns: dict[str, str],
    mode: str,
) -> int:
    """Rewrite the stored values of ``columns`` (``{column: context}``) of ``table`` in raw SQL, row by
    row, and return how many values changed.  ``mode``:

    - ``"encrypt"``: plain values are encrypted with the current key (the data migration; values
      already encrypted are left as they are, so it can run again);
    - ``"rekey"``: values written with another key are re-encrypted with the current one (rotation);
      a plain value is refused (:class:`datakeys.TamperedValue`);
    - ``"decrypt"``: values back to plain text (the migration reversed).
    """
    if mode not in {"encrypt", "rekey", "decrypt"}:
        raise ValueError(mode)
    current = datakeys.key_ring().current
    quote = connection.ops.quote_name
    names = list(columns)
    changed = 0
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT {quote(pk_column)}, {', '.join(quote(c) for c in names)} FROM {quote(table)}"  # noqa: S608  (quoted names)
        )
        rows = cursor.fetchall()
        for pk, *values in rows:
            updates: dict[str, str] = {}
            for column, value in zip(names, values, strict=True):
                if value is None:
                    continue
                context = columns[column]
                encrypted = datakeys.is_encrypted(value)
                if mode == "encrypt" and not encrypted:
                    updates[column] = datakeys.encrypt(value, context, current)
                elif mode == "rekey" and datakeys.key_id_of(value) != current.key_id:
                    updates[column] = datakeys.encrypt(datakeys.decrypt(value, context), context, current)
                elif mode == "decrypt" and encrypted:
                    updates[column] = datakeys.decrypt(value, context)
            if updates:
                assignments = ", ".join(f"{quote(c)} = %s" for c in updates)
                cursor.execute(
                    f"UPDATE {quote(table)} SET {assignments} WHERE {quote(pk_column)} = %s",  # noqa: S608
                    [*updates.values(), pk],
                )
                changed += len(updates)
    return changed
