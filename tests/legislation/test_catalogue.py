"""The 司法局 publishes the catalogue of documents in force (art. 22), queued on the portal."""

from __future__ import annotations

import datetime as dt

import pytest

from zhengwu.core import compliance
from zhengwu.core.decisions import Refused
from zhengwu.legislation.actions.after import publish_catalogue
from zhengwu.portal.models import ItemKind
from zhengwu.portal.services import queued_for

pytestmark = pytest.mark.article(22)


def test_the_catalogue_is_published(user, published) -> None:
    assert any(line.area == "规范性文件目录" for line in compliance.lines(dt.date(2026, 10, 14)))
    with pytest.raises(Refused):
        publish_catalogue(user("fgw_head"))
    release = publish_catalogue(user("sfj_clerk"))
    assert published.title in [e["title"] for e in release.entries]
    item = queued_for(release, ItemKind.CATALOGUE)
    assert item is not None
    assert "克政发〔2026〕1号" in item.body
    assert not any(line.area == "规范性文件目录" for line in compliance.lines(dt.date(2026, 10, 14)))
