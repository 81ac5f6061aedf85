"""The petitioner's identity is encrypted at rest with SM4 (《信访工作条例》: a petitioner's identity is
kept confidential): the database holds ciphertext only, a changed value is caught, and a wrong key is
refused with a clear error."""

from __future__ import annotations

import importlib
import json
from io import StringIO
from pathlib import Path
from types import SimpleNamespace

import pytest
from django.apps import apps
from django.core.exceptions import FieldError
from django.core.management import call_command
from django.db import connection

from zhengwu.core import datakeys
from zhengwu.petitions import rules
from zhengwu.petitions.actions import PetitionerData
from zhengwu.petitions.models import Petitioner

from .conftest import PETITIONER

pytestmark = pytest.mark.article(35)

FIELDS = ("name", "id_number", "phone", "address")


def raw(petition) -> dict[str, str]:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT name, id_number, phone, address FROM petitions_petitioner WHERE petition_id = %s", [petition.pk]
        )
        return dict(zip(FIELDS, cursor.fetchone(), strict=True))


def set_raw(petition, column: str, value: str) -> None:
    with connection.cursor() as cursor:
        cursor.execute(f"UPDATE petitions_petitioner SET {column} = %s WHERE petition_id = %s", [value, petition.pk])


def test_the_columns_hold_no_plaintext(letter) -> None:
    first, second = letter(), letter()
    stored = raw(first)
    plain = [PETITIONER.name, PETITIONER.id_number, PETITIONER.phone, PETITIONER.address]
    for value in stored.values():
        assert value.startswith("sm4:sm4-")
        assert not any(p in value for p in plain)
        assert not any(part in value for part in ("张某某", "1234", "138", "阿图什"))
    # a fresh IV for every value: the same petitioner twice is stored as different strings
    assert all(stored[f] != raw(second)[f] for f in FIELDS)


def test_reads_and_writes_are_transparent(letter) -> None:
    petition = letter(petitioner=PetitionerData(name="测试·李四", address=""))
    data = Petitioner.objects.get(petition=petition)
    assert (data.name, data.id_number, data.address) == ("测试·李四", "", "")
    assert raw(petition)["address"].startswith("sm4:")  # even an empty field: its emptiness is not shown
    data.phone = "13900001111"
    data.save()
    assert Petitioner.objects.values_list("phone", flat=True).get(petition=petition) == "13900001111"
    Petitioner.objects.filter(petition=petition).update(address="乌恰县测试路1号")
    assert Petitioner.objects.get(petition=petition).address == "乌恰县测试路1号"
    assert "乌恰" not in raw(petition)["address"]


def test_encrypted_columns_cannot_be_searched_by_mistake(letter) -> None:
    letter()
    with pytest.raises(FieldError):
        Petitioner.objects.filter(name=PETITIONER.name).count()
    with pytest.raises(FieldError):
        Petitioner.objects.filter(phone__contains="138").count()


def test_a_changed_value_is_caught(letter) -> None:
    petition = letter()
    stored = raw(petition)
    prefix, key_id, blob = stored["name"].split(":")
    flipped = blob[:10] + ("A" if blob[10] != "A" else "B") + blob[11:]
    set_raw(petition, "name", f"{prefix}:{key_id}:{flipped}")
    with pytest.raises(datakeys.TamperedValue, match="完整性校验"):
        Petitioner.objects.get(petition=petition)


def test_a_value_moved_to_another_column_or_row_is_caught(letter) -> None:
    petition = letter()
    stored = raw(petition)
    set_raw(petition, "address", stored["name"])  # a valid value, but of the name column
    with pytest.raises(datakeys.TamperedValue):
        Petitioner.objects.get(petition=petition)
    set_raw(petition, "address", PETITIONER.address)  # plain text written behind the field's back
    with pytest.raises(datakeys.TamperedValue, match="不是加密数据"):
        Petitioner.objects.get(petition=petition)


def test_a_wrong_key_is_refused_with_a_clear_error(letter, settings, tmp_path: Path) -> None:
    petition = letter()
    key_id = raw(petition)["name"].split(":")[1]
    other = tmp_path / "other-keys.json"
    settings.ZHENGWU_DATA_KEY_FILE = other  # another installation's key file (made on first use)
    with pytest.raises(datakeys.DataKeyError) as refused:
        Petitioner.objects.get(petition=petition)
    message = str(refused.value)
    assert key_id in message
    assert str(other) in message
    assert "无法解密" in message
    # a key file that claims the right key id for another key is refused too
    forged = json.loads(other.read_text())
    forged["keys"] = {key_id: next(iter(forged["keys"].values()))}
    forged["current"] = key_id
    other.write_text(json.dumps(forged))
    with pytest.raises(datakeys.DataKeyError, match="与其编号不符"):
        Petitioner.objects.get(petition=petition)


def test_a_missing_key_file_is_named(settings, tmp_path: Path) -> None:
    settings.ZHENGWU_DATA_KEY_FILE = tmp_path / "missing.json"
    with pytest.raises(datakeys.DataKeyError, match=r"missing\.json"):
        datakeys.key_ring(create=False)
    assert not (tmp_path / "missing.json").exists()


def test_the_key_file_is_apart_from_the_database_and_private(letter) -> None:
    letter()
    path = datakeys.key_file()
    assert path.exists()
    assert path.stat().st_mode & 0o077 == 0
    assert "secrets.json" not in str(path)
    assert datakeys.key_ring().current.key_id in path.read_text()


def test_rotation_reencrypts_every_value_and_keeps_old_keys(letter) -> None:
    petition = letter()
    old = datakeys.key_ring().current.key_id
    out = StringIO()
    call_command("datakey", "rotate", stdout=out)
    new = datakeys.key_ring().current.key_id
    assert new != old
    assert old in datakeys.key_ring().keys  # backups made before still read
    assert all(value.split(":")[1] == new for value in raw(petition).values())
    assert Petitioner.objects.get(petition=petition).id_number == PETITIONER.id_number
    status = StringIO()
    call_command("datakey", "status", stdout=status)
    assert f"{old}：加密了0个值" in status.getvalue()
    assert f"{new}（当前）" in status.getvalue()


def test_the_data_migration_encrypts_existing_rows_and_reverses(letter) -> None:
    petition = letter()
    for column, value in zip(FIELDS, [PETITIONER.name, PETITIONER.id_number, "", PETITIONER.address], strict=True):
        set_raw(petition, column, value)  # a row as it was before the migration: plain text
    migration = importlib.import_module("zhengwu.petitions.migrations.0003_encrypt_petitioner")
    editor = SimpleNamespace(connection=connection)
    migration._reseal("encrypt")(apps, editor)
    assert all(v.startswith("sm4:") for v in raw(petition).values())
    data = Petitioner.objects.get(petition=petition)
    assert (data.name, data.phone, data.address) == (PETITIONER.name, "", PETITIONER.address)
    migration._reseal("encrypt")(apps, editor)  # run again: values already encrypted are kept
    assert Petitioner.objects.get(petition=petition).name == PETITIONER.name
    migration._reseal("decrypt")(apps, editor)
    assert raw(petition)["name"] == PETITIONER.name


def test_a_dump_holds_no_plaintext_and_loads_back(letter) -> None:
    petition = letter()
    out = StringIO()
    call_command("dumpdata", "petitions.petitioner", stdout=out)
    dumped = out.getvalue()
    assert "张某某" not in dumped
    assert PETITIONER.id_number not in dumped
    row = next(r for r in json.loads(dumped) if r["fields"]["petition"] == petition.pk)
    field = Petitioner._meta.get_field("name")
    assert field.to_python(row["fields"]["name"]) == PETITIONER.name


@pytest.mark.parametrize("mask", [rules.mask_name, rules.mask_id_number, rules.mask_phone, rules.mask_address])
def test_no_mask_shows_a_whole_field_of_any_length(mask) -> None:
    for length in range(1, 41):
        for value in ("9" * length, "".join(chr(0x4E00 + i) for i in range(length)), f" {'7' * length} "):
            shown = mask(value).replace("*", "")
            assert len(shown) < len(value.strip()), (mask.__name__, value)
