"""The forms of a document page each name their fields' ids, so every label points at its own
field: the 批示 and 转批 forms both have a field called text."""

from __future__ import annotations

import re
from collections import Counter

import pytest

from tests.documents.test_intake_routing import routed

pytestmark = pytest.mark.usefixtures("frozen")


def test_no_two_fields_of_a_document_page_share_an_id(user, client_as) -> None:
    doc = routed(user)
    body = client_as("vice_liu").get(f"/documents/{doc.pk}/").content.decode()
    assert "/act/instruct/" in body  # both forms are on the page
    assert "/act/pass_on/" in body
    ids = Counter(re.findall(r'\bid="([^"]+)"', body))
    assert [i for i, n in ids.items() if n > 1] == []
    for target in re.findall(r'<label[^>]*\bfor="([^"]+)"', body):
        assert ids[target] == 1, f"label for={target} points at no field"
