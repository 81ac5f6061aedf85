"""``rulebook_of`` (art. 68): an action on a record applies the rulebook version in force on the day
it is taken, unless that version's transition rule keeps records opened before it under the
version they were opened under.  The record itself keeps naming the version it was opened under."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.auth import get_user_model
from django.db import models
from django.utils import timezone

from zhengwu.documents.models import Direction, DocState, DocType, Document, Flow
from zhengwu.legislation.models import NormativeDraft
from zhengwu.org.models import Unit
from zhengwu.oversight.models import Case
from zhengwu.petitions.models import Petition
from zhengwu.rulebook.models import RulebookVersion
from zhengwu.rulebook.services import rulebook_of, rulebook_view, version_in_force
from zhengwu.suggestions.models import Suggestion
from zhengwu.supervision.models import SupervisionItem


def _a_record(model: type[models.Model]) -> models.Model:
    """One the demo has, or (documents: the demo has none) a draft request made now."""
    record = model._default_manager.order_by("pk").first()
    if record is None and model is Document:
        record = Document.objects.create(
            flow=Flow.SUBMISSION,
            doc_type=DocType.REQUEST,
            direction=Direction.UPWARD,
            title="关于测试事项的请示",
            issuer=Unit.objects.get(code="fgw"),
            state=DocState.DRAFT,
            rulebook_version=version_in_force(),
            created_by=get_user_model().objects.get(username="admin"),
            created_at=timezone.now(),
        )
    assert record is not None, f"the demo has a {model.__name__}"
    return record


def _a_later_version(of: RulebookVersion, transition: str = "") -> RulebookVersion:
    """A version of the same rules in force from yesterday (a copy of ``of`` with nothing in it),
    with ``transition = "keep"`` in its annotations when asked."""
    later = RulebookVersion.objects.get(pk=of.pk)
    later.pk = None
    later.effective_from = timezone.localdate() - dt.timedelta(days=1)
    later.version_label = "测试修订"
    later.metadata = {**(of.metadata or {}), "transition": transition} if transition else {}
    later.save()
    return later


MODELS = [Document, NormativeDraft, Petition, Suggestion, Case, SupervisionItem]


@pytest.mark.django_db
@pytest.mark.article(68)
@pytest.mark.parametrize("model", MODELS)
def test_an_action_applies_the_version_in_force_on_its_day(model: type[models.Model]) -> None:
    record = _a_record(model)
    opened_under = record.rulebook_version
    later = _a_later_version(opened_under)
    assert version_in_force().pk == later.pk

    assert rulebook_of(record).version_id == later.pk
    record.refresh_from_db()
    assert record.rulebook_version_id == opened_under.pk  # the record still says what it was opened under


@pytest.mark.django_db
@pytest.mark.article(68)
@pytest.mark.parametrize("model", MODELS)
def test_a_transition_rule_keeps_a_record_under_the_version_it_was_opened_under(model: type[models.Model]) -> None:
    record = _a_record(model)
    opened_under = record.rulebook_version
    later = _a_later_version(opened_under, transition="keep")
    assert version_in_force().pk == later.pk
    assert rulebook_view().version_id == later.pk

    view = rulebook_of(record)

    assert view.version_id == opened_under.pk
    assert view.cite("rulebook.versions").article  # its articles, not the empty later version's
    with pytest.raises(LookupError):
        rulebook_view().cite("rulebook.versions")
