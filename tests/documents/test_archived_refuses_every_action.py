"""An archived document does not change (art. 53): every action on documents refuses it, citing
the article.  The test enumerates the public actions of ``zhengwu.documents.actions`` (each is a
transaction, ``@transaction.atomic``) and fails when one is neither tried here on an archived
document nor listed, with the reason, as not acting on an existing document."""

from __future__ import annotations

import importlib
import inspect
import pkgutil
from collections.abc import Callable

import pytest
from django.core.files.base import ContentFile
from django.utils import timezone

import zhengwu.documents.actions as documents_actions
from tests.documents.conftest import D, unit
from tests.documents.test_archive import REPLY_BODY, answered_request
from zhengwu.core.decisions import Refused
from zhengwu.documents.actions import archive as archiving
from zhengwu.documents.actions import attachments, countersign, filing, intake, outgoing, records
from zhengwu.documents.models import (
    Attachment,
    CountersignState,
    Delivery,
    Document,
    FilingObligation,
    IssuedNumber,
    Retention,
)
from zhengwu.org.models import Person

pytestmark = [pytest.mark.article(53), pytest.mark.usefixtures("frozen", "archive_storage")]

#: Actions that do not act on an existing document, and why.
NOT_ON_A_DOCUMENT = {
    "intake.create_submission": "creates a new submission",
    "filing.on_issued": "a step of outgoing.issue, which locks the document first",
    "archive.download_package": "reads the archive, changes nothing (tests/documents/test_archive_transfer.py)",
}


def public_actions() -> set[str]:
    found: set[str] = set()
    for info in pkgutil.iter_modules(documents_actions.__path__):
        module = importlib.import_module(f"{documents_actions.__name__}.{info.name}")
        for name, function in inspect.getmembers(module, inspect.isfunction):
            if not name.startswith("_") and function.__module__ == module.__name__ and hasattr(function, "__wrapped__"):
                found.add(f"{info.name}.{name}")
    return found


@pytest.fixture
def archive_storage(settings, tmp_path):
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage", "OPTIONS": {"location": tmp_path}},
    }
    return tmp_path


def test_every_documents_action_refuses_an_archived_document(user, countersigning) -> None:
    request, answer = answered_request(user, countersigning)
    tasks = countersigning[1]
    archiving.archive(user("clerk_wendian"), answer, Retention.TEN_YEARS)
    archiving.archive(user("clerk_wendian"), request, Retention.TEN_YEARS)
    # rows an archived document may carry, made directly (the actions would refuse to make them now)
    copy = Delivery.objects.get(document=answer, unit__code="czj")  # never signed for
    attachment = Attachment.objects.create(
        document=answer,
        position=1,
        name="附件.pdf",
        file=ContentFile(b"%PDF-1.4", name="a.pdf"),
        size=8,
        sm3="0" * 64,
        uploaded_by=user("clerk_wendian"),
        uploaded_at=timezone.now(),
    )
    obligation = FilingObligation.objects.create(
        document=answer, unit=unit("fgw"), issued_on=D(2026, 12, 1), due=D(2026, 12, 31), created_at=timezone.now()
    )
    number = IssuedNumber.objects.get(document=answer)
    governor = Person.objects.get(user__username="governor")
    attempts: dict[str, Callable[[], object]] = {
        "archive.archive": lambda: archiving.archive(user("clerk_wendian"), answer, Retention.TEN_YEARS),
        "attachments.add_attachment": lambda: attachments.add_attachment(
            user("clerk_wendian"), answer, "补充.pdf", ContentFile(b"%PDF-1.4", name="b.pdf")
        ),
        "attachments.remove_attachment": lambda: attachments.remove_attachment(user("clerk_wendian"), attachment),
        "countersign.request_countersign": lambda: countersign.request_countersign(
            user("fgw_clerk"), request, [unit("jyj")]
        ),
        "countersign.reply": lambda: countersign.reply(user("czj_head"), tasks["czj"], CountersignState.AGREED),
        "countersign.request_extension": lambda: countersign.request_extension(
            user("czj_head"), tasks["czj"], D(2026, 12, 20), "需要调研。"
        ),
        "countersign.decide_extension": lambda: countersign.decide_extension(user("fgw_head"), tasks["czj"], True),
        "countersign.write_disagreement_statement": lambda: countersign.write_disagreement_statement(
            user("fgw_head"), request, "理由。", "方案。"
        ),
        "countersign.sign_statement": lambda: countersign.sign_statement(user("czj_head"), tasks["czj"]),
        "filing.file_with_office": lambda: filing.file_with_office(user("fgw_clerk"), obligation),
        "filing.open_filing_obligation": lambda: filing.open_filing_obligation(None, request),
        "intake.revise": lambda: intake.revise(user("fgw_clerk"), request, "改。"),
        "intake.sign_and_submit": lambda: intake.sign_and_submit(user("fgw_head"), request),
        "intake.receive": lambda: intake.receive(user("clerk_wendian"), request),
        "intake.check": lambda: intake.check(user("clerk_wendian"), request),
        "intake.office_return": lambda: intake.office_return(user("clerk_wendian"), request, [], "退回。"),
        "intake.write_office_opinion": lambda: intake.write_office_opinion(user("office_director"), request, "拟办。"),
        "intake.pass_on": lambda: intake.pass_on(user("vice_liu"), request, governor, "请阅。"),
        "intake.instruct": lambda: intake.instruct(user("governor"), request, "再阅。"),
        "outgoing.draft_outgoing": lambda: outgoing.draft_outgoing(
            user("clerk_wendian"), unit("gov"), "pifu", "补充批复", REPLY_BODY, [unit("fgw")], replies_to=request
        ),
        "outgoing.revise_outgoing": lambda: outgoing.revise_outgoing(
            user("clerk_wendian"), answer, REPLY_BODY + "补充。"
        ),
        "outgoing.submit_for_review": lambda: outgoing.submit_for_review(user("clerk_wendian"), answer),
        "outgoing.review": lambda: outgoing.review(user("office_director"), answer, True, ""),
        "outgoing.record_signing_step": lambda: outgoing.record_signing_step(user("vice_liu"), answer, "同意。"),
        "outgoing.sign": lambda: outgoing.sign(user("governor"), answer),
        "outgoing.record_legal_review": lambda: outgoing.record_legal_review(user("sfj_clerk"), answer, True, "合法。"),
        "outgoing.countersign_joint": lambda: outgoing.countersign_joint(user("czj_head"), answer),
        "outgoing.issue": lambda: outgoing.issue(user("clerk_wendian"), answer),
        "outgoing.receive_delivery": lambda: outgoing.receive_delivery(user("czj_head"), copy),
        "records.cancel_issued_number": lambda: records.cancel_issued_number(user("clerk_wendian"), number, "错号。"),
    }
    assert public_actions() - set(NOT_ON_A_DOCUMENT) == set(attempts), "an action lacks its archived-document test"
    answer_before = Document.objects.get(pk=answer.pk)
    for name, attempt in attempts.items():
        with pytest.raises(Refused) as refused:
            attempt()
        assert any("归档" in e and "第五十三条" in e for e in refused.value.explanations), (name, refused.value)
    copy.refresh_from_db()
    assert copy.received_at is None  # the live record still agrees with the archived deliveries.json
    after = Document.objects.get(pk=answer.pk)
    assert (after.state, after.number) == (answer_before.state, answer_before.number)
