"""The government as configuration (issue 16): read from its folder, named in every sentence."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.test import override_settings
from django.utils import translation

from zhengwu.core import government
from zhengwu.core.i18n import _, localize, say


def test_the_shipped_governments_read_and_supply_every_term():
    for slug in government.available():
        config = government.read(slug)
        assert config.slug == slug
        assert config.missing_terms() == [], slug
        assert config.rulebook_annotations.is_file(), slug


def test_a_message_names_the_configured_government_in_either_language():
    terms = government.current().terms()
    message = _("须经{gov.governor}签发{what}", what="")
    assert str(message) == f"须经{terms.governor}签发"
    with translation.override("en"):
        english = localize(_("{gov.governor}"))
    assert english == government.current().terms(english=True).governor
    assert say("{gov.name}") == government.current().name


def test_an_unknown_term_reads_as_itself_instead_of_failing_the_page():
    assert str(_("{gov.no_such_seat}签发")) == "{gov.no_such_seat}签发"


def test_a_government_folder_anywhere_is_read(tmp_path: Path):
    (tmp_path / "government.toml").write_text(
        '[government]\nslug = "x"\nname = "某县人民政府"\nlevel = "county"\n[terms]\ngovernor = "县长"\n',
        encoding="utf-8",
    )
    config = government.read(str(tmp_path))
    assert config.terms().governor == "县长"
    assert config.terms(english=True).governor == "县长"  # untranslated: Chinese, never lost
    assert "executive_vice_governor" in config.missing_terms()
    with override_settings(ZHENGWU_GOVERNMENT=str(tmp_path)):
        assert str(_("{gov.governor}签发")) == "县长签发"


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ("", "找不到政府配置"),
        ('[government]\nslug = "x"\nname = "某县人民政府"\nlevel = "town"\n', "level 应为"),
        ('[government]\nslug = "x"\n', "缺少：name、level"),
        ("[government\n", "不是有效的 TOML"),
    ],
)
def test_a_broken_configuration_says_what_to_fix(tmp_path: Path, text: str, says: str):
    if text:
        (tmp_path / "government.toml").write_text(text, encoding="utf-8")
    with pytest.raises(government.GovernmentConfigError, match=says):
        government.read(str(tmp_path))
