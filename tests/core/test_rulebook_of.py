"""``rulebook_of``: a record runs under the rulebook version it was opened under (art. 68), not
under whichever version is in force today."""

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


def _a_later_version(of: RulebookVersion) -> RulebookVersion:
    """A version of the same rules in force from yesterday (a copy of ``of`` with nothing in it)."""
    later = RulebookVersion.objects.get(pk=of.pk)
    later.pk = None
    later.effective_from = timezone.localdate() - dt.timedelta(days=1)
    later.version_label = "测试修订"
    later.save()
    return later


@pytest.mark.django_db
@pytest.mark.parametrize("model", [Document, NormativeDraft, Petition, Suggestion, Case, SupervisionItem])
def test_a_record_keeps_the_version_it_was_opened_under(model: type[models.Model]) -> None:
    record = _a_record(model)
    opened_under = record.rulebook_version
    later = _a_later_version(opened_under)
    assert version_in_force().pk == later.pk
    assert rulebook_view().version_id == later.pk

    view = rulebook_of(record)

    assert view.version_id == opened_under.pk
    assert view.cite("rulebook.versions").article  # its articles, not the empty later version's
    with pytest.raises(LookupError):
        rulebook_view().cite("rulebook.versions")
