"""The government this installation serves: configuration, never code.

A government is a folder of data (``zhengwu/governments/<slug>/government.toml``, or any folder an
installation names): its name and level, the names of its seats (县长, 市长, 省长 …), where its rulebook,
numbering and calendar come from, its portal's name.  Which one an installation serves is
``ZHENGWU_GOVERNMENT`` (a slug or a path), else the one ``zhengwu demo --government`` or
``zhengwu government use`` recorded in the installation's ``var/government``, else ``kizilsu``.

Messages and pages name the government's people through :data:`TERMS`: a rule writes
``_("须经{gov.governor}签发")`` (:mod:`zhengwu.core.i18n` fills ``gov`` in), a template
``{{ gov.governor }}``.  No sentence in the code names a government or its seats.

Pure: no Django here (the configured slug is read from Django's settings when they are there).
"""

from __future__ import annotations

import os
import threading
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

GOVERNMENTS_DIR = Path(__file__).resolve().parent.parent / "governments"
DEFAULT = "kizilsu"
LEVELS = ("region", "prefecture", "county")

#: The names every government supplies, in Chinese (``[terms]``) and English (``[terms_en]``).
TERMS: Mapping[str, str] = {
    "government": "政府自称（如：县人民政府、市人民政府）",
    "government_short": "政府简称（如：县政府、市政府）",
    "governor": "行政首长（如：县长、市长）",
    "executive_vice_governor": "常务副职（如：常务副县长、常务副市长）",
    "vice_governor": "副职（如：副县长、副市长）",
    "leaders": "政府领导合称（如：县长、副县长）",
    "office": "政府办公室（如：县政府办公室）",
    "office_meeting": "行政首长办公会议（如：县长办公会议）",
    "area": "辖区简称一字（如：县、市）",
    "whole": "全辖区（如：全县、全市）",
    "away": "离开辖区（如：离县、离市）",
    "direct": "直属单位前缀（如：县直、市直）",
    "seat": "政府驻地（如：城关镇）",
    "party_committee": "同级党委（如：县委、市委）",
    "superior_government": "上级人民政府（如：市人民政府、自治区人民政府）",
    "superior_offices": "上级政府部门（如：自治区各委、办、厅、局）",
    "people_congress": "同级人大（如：县人大）",
    "cppcc": "同级政协（如：县政协）",
    "lower_governments": "下级人民政府（如：乡（镇）人民政府）",
}


#: The 发文类别 the code numbers documents in (GB/T 9704-2012 7.2.4); each government names what follows
#: its 机关代字 for each (``[numbering] categories``: fa = "发" …).
NUMBER_KINDS: Mapping[str, str] = {
    "fa": "政府发文（通知、决定、意见……）",
    "han": "政府函件（函、函复的批复）",
    "ban_fa": "办公室发文",
    "ban_han": "办公室函件",
    "dian": "明传电报",
}


class GovernmentConfigError(ValueError):
    """A government's configuration that cannot be read: says which file and what to fix."""


class Terms:
    """``gov.governor`` in a message or a template: the government's name for a seat or a body.

    Also ``gov.name`` (the full name), ``gov.portal`` (the portal's name) and ``gov.seat``.  An unknown
    name reads as itself in braces, so a missing term shows up on the page instead of failing it."""

    def __init__(self, values: Mapping[str, str]):
        self._values = dict(values)

    def __getattr__(self, name: str) -> str:
        if name.startswith("__"):
            raise AttributeError(name)
        return self._values.get(name, "{gov." + name + "}")

    def __getitem__(self, name: str) -> str:  # Django templates try item access first
        return self.__getattr__(name)

    def as_dict(self) -> dict[str, str]:
        return dict(self._values)


@dataclass(frozen=True)
class Government:
    slug: str
    folder: Path
    name: str
    name_en: str
    level: str
    fictional: bool
    demo: str
    rulebook_annotations: Path
    rulebook_code: str
    calendar_layers: tuple[str, ...]
    calendar_local_data: str
    portal_name: str
    portal_name_en: str
    numbering_pattern: str
    numbering_categories: Mapping[str, str]
    terms_zh: Mapping[str, str] = field(default_factory=dict)
    terms_en: Mapping[str, str] = field(default_factory=dict)

    def terms(self, english: bool = False) -> Terms:
        base = {"name": self.name, "portal": self.portal_name}
        base_en = {"name": self.name_en, "portal": self.portal_name_en}
        if english:  # a term not yet translated is shown in Chinese, never lost
            return Terms({**base, **self.terms_zh, **base_en, **self.terms_en})
        return Terms({**base, **self.terms_zh})

    def missing_terms(self) -> list[str]:
        return [k for k in TERMS if not str(self.terms_zh.get(k, "")).strip()]

    def missing_number_kinds(self) -> list[str]:
        return [k for k in NUMBER_KINDS if not str(self.numbering_categories.get(k, "")).strip()]


def folder_of(name: str) -> Path:
    """A government's folder: a slug under ``zhengwu/governments/`` or a path."""
    path = Path(name)
    if path.is_dir():
        return path.resolve()
    if path.suffix == ".toml" and path.is_file():
        return path.resolve().parent
    return GOVERNMENTS_DIR / name


def available() -> list[str]:
    """The governments shipped with zhengwu (slugs)."""
    return sorted(p.parent.name for p in GOVERNMENTS_DIR.glob("*/government.toml"))


def read(name: str) -> Government:
    """Read a government's configuration; :class:`GovernmentConfigError` says what is wrong."""
    folder = folder_of(name)
    path = folder / "government.toml"
    try:
        data: dict[str, Any] = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        choices = "、".join(available())
        raise GovernmentConfigError(
            f"找不到政府配置 {path}。可选：{choices}；或给出一个含 government.toml 的文件夹（见 docs/adopting.md）。"
        ) from None
    except tomllib.TOMLDecodeError as exc:
        raise GovernmentConfigError(f"{path} 不是有效的 TOML：{exc}") from None
    head = data.get("government", {})
    missing = [k for k in ("slug", "name", "level") if not head.get(k)]
    if missing:
        raise GovernmentConfigError(f"{path} 的 [government] 缺少：{'、'.join(missing)}")
    if head["level"] not in LEVELS:
        raise GovernmentConfigError(f"{path}：level 应为 {'、'.join(LEVELS)} 之一，而不是 {head['level']!r}")
    rulebook = data.get("rulebook", {})
    calendar = data.get("calendar", {})
    portal = data.get("portal", {})
    numbering = data.get("numbering", {})
    annotations = rulebook.get("annotations", "rules.toml")
    return Government(
        slug=str(head["slug"]),
        folder=folder,
        name=str(head["name"]),
        name_en=str(head.get("name_en") or head["name"]),
        level=str(head["level"]),
        fictional=bool(head.get("fictional", False)),
        demo=str(head.get("demo", "")),
        rulebook_annotations=(folder / annotations).resolve(),
        rulebook_code=str(rulebook.get("code", "")),
        calendar_layers=tuple(calendar.get("layers", ("national", "local"))),
        calendar_local_data=str(calendar.get("local_data", "")),
        portal_name=str(portal.get("name") or head["name"]),
        portal_name_en=str(portal.get("name_en") or portal.get("name") or head["name"]),
        numbering_pattern=str(numbering.get("pattern", "{prefix}〔{year}〕{serial}号")),
        numbering_categories=dict(numbering.get("categories", {})),
        terms_zh={str(k): str(v) for k, v in data.get("terms", {}).items()},
        terms_en={str(k): str(v) for k, v in data.get("terms_en", {}).items()},
    )


# -- which government this installation serves ------------------------------------------------------


def recorded_choice(var_dir: Path) -> str | None:
    """The government ``zhengwu demo --government`` or ``zhengwu government use`` recorded."""
    path = var_dir / "government"
    try:
        value = path.read_text(encoding="utf-8").strip()
    except OSError:
        return None
    return value or None


def record_choice(var_dir: Path, name: str) -> None:
    var_dir.mkdir(parents=True, exist_ok=True)
    tmp = var_dir / "government.tmp"
    tmp.write_text(name + "\n", encoding="utf-8")
    tmp.replace(var_dir / "government")


def configured_name() -> str:
    """The slug or path this process serves: Django's ``ZHENGWU_GOVERNMENT`` when configured, else
    the environment, else :data:`DEFAULT`."""
    try:
        from django.conf import settings

        if settings.configured:
            return str(getattr(settings, "ZHENGWU_GOVERNMENT", "") or DEFAULT)
    except ImportError:  # pragma: no cover - Django is always installed with zhengwu
        pass
    return os.environ.get("ZHENGWU_GOVERNMENT") or DEFAULT


_LOCK = threading.Lock()
_READ: dict[str, Government] = {}


def current() -> Government:
    """The government this installation serves (read once per process and name)."""
    name = configured_name()
    found = _READ.get(name)
    if found is None:
        with _LOCK:
            found = _READ.get(name) or read(name)
            _READ[name] = found
    return found


def terms(english: bool = False) -> Terms:
    """The current government's names (:class:`Terms`), for messages and templates."""
    return current().terms(english)
