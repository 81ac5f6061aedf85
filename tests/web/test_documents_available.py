"""The document page offers what the actions will do (issue 14): the 州长's 签发 is not offered
while the 分管 leader's review art. 49 requires is outstanding, and is offered once it is recorded;
the page and the API list the same acts."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
import time_machine

from tests.documents.conftest import NOW
from tests.documents.test_outgoing_draft import draft, to_signature
from zhengwu.documents.actions.outgoing import record_signing_step
from zhengwu.documents.models import Document

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen")]


@pytest.fixture
def frozen() -> Iterator[time_machine.Traveller]:
    with time_machine.travel(NOW) as traveller:
        yield traveller


def offers(client, doc: Document, name: str) -> bool:
    page = client.get(f"/documents/{doc.pk}/")
    assert page.status_code == 200
    return f'action="/documents/{doc.pk}/act/{name}/"' in page.content.decode()


@pytest.mark.article(49)
def test_the_governors_sign_waits_for_the_portfolio_leaders_review(user, client_as) -> None:
    notice = to_signature(user, draft(user, signing_facts={"important": True, "concerned_units": ["fgw"]}))
    governor, vice_liu = client_as("governor"), client_as("vice_liu")
    assert not offers(governor, notice, "sign")
    assert offers(vice_liu, notice, "signing_step")
    assert not offers(vice_liu, notice, "sign")

    record_signing_step(user("vice_liu"), notice, "同意。")
    assert offers(governor, notice, "sign")
    assert not offers(vice_liu, notice, "signing_step")
    assert not offers(client_as("vice_ayigul"), notice, "sign")  # not the signer art. 49 names
