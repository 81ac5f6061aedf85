"""建议提案 (art. 31): suggestions of 州人大 deputies and proposals of 州政协 members.

A suggestion is registered, assigned to a lead unit (and co-units), answered by an official
document (a 函 the lead unit issues), its proposer's satisfaction recorded, and the answer
queued for publication.  Whether it has been answered is read from the answer document's state
(:attr:`Suggestion.answered`), never stored twice.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from zhengwu.documents.models import DocState, Document
from zhengwu.org.models import Unit
from zhengwu.rulebook.models import RulebookVersion


class Kind(models.TextChoices):
    SUGGESTION = "suggestion", _("人大代表建议")
    PROPOSAL = "proposal", _("政协委员提案")


class State(models.TextChoices):
    REGISTERED = "registered", _("已登记，待交办")
    HANDLING = "handling", _("办理中")
    CLOSED = "closed", _("已办结")


class Satisfaction(models.TextChoices):
    SATISFIED = "satisfied", _("满意")
    BASICALLY = "basically", _("基本满意")
    UNSATISFIED = "unsatisfied", _("不满意")


class Suggestion(models.Model):
    kind = models.CharField(_("类别"), max_length=20, choices=Kind.choices)
    number = models.CharField(_("编号"), max_length=40)
    title = models.CharField(_("标题"), max_length=200)
    text = models.TextField(_("内容"))
    proposers = models.CharField(_("领衔及联名代表（委员）"), max_length=200)
    session = models.CharField(_("届次会议"), max_length=100)
    received_on = models.DateField(_("收到日期"))
    state = models.CharField(_("状态"), max_length=20, choices=State.choices, default=State.REGISTERED)
    lead_unit = models.ForeignKey(
        Unit,
        verbose_name=_("主办单位"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="suggestions_led",
    )
    assigned_on = models.DateField(_("交办日期"), null=True, blank=True)
    due = models.DateField(_("办复期限"), null=True, blank=True)
    co_due = models.DateField(_("协办意见期限"), null=True, blank=True)
    extension_reason = models.TextField(_("延期理由"), blank=True)
    round = models.PositiveSmallIntegerField(_("办理轮次"), default=1)
    answer_document = models.ForeignKey(
        Document, verbose_name=_("答复函"), on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    withhold_reason = models.TextField(_("不予公开的理由"), blank=True)
    publication_decided = models.BooleanField(_("已作公开决定"), default=False)
    rulebook_version = models.ForeignKey(RulebookVersion, on_delete=models.PROTECT, related_name="+")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(_("登记时间"))
    is_demo = models.BooleanField(_("演示数据"), default=False)

    class Meta:
        ordering = ["-received_on", "-id"]
        constraints = [models.UniqueConstraint(fields=["kind", "session", "number"], name="suggestion_unique_number")]
        verbose_name = _("建议提案")
        verbose_name_plural = _("建议提案")

    def __str__(self) -> str:
        return f"{self.number} {self.title}"

    @property
    def answered(self) -> bool:
        """Answered when the current round's answer document has been issued (art. 31)."""
        doc = self.answer_document
        return doc is not None and doc.state in {DocState.ISSUED, DocState.ANSWERED, DocState.CLOSED}

    @property
    def answered_on(self) -> dt.date | None:
        doc = self.answer_document
        if not self.answered or doc is None or doc.issued_at is None:
            return None
        from django.utils import timezone

        return timezone.localdate(doc.issued_at)

    @property
    def status_label(self) -> str:
        if self.state == State.HANDLING:
            if self.answered:
                return "已答复，待反馈意见"
            if self.answer_document_id:
                return "答复函办理中"
        return str(State(self.state).label)


class CoUnitOpinion(models.Model):
    """A co-unit's opinion, sent to the lead unit in time for its answer (art. 31)."""

    suggestion = models.ForeignKey(Suggestion, on_delete=models.CASCADE, related_name="co_opinions")
    unit = models.ForeignKey(Unit, verbose_name=_("协办单位"), on_delete=models.PROTECT, related_name="+")
    round = models.PositiveSmallIntegerField(_("办理轮次"), default=1)
    due = models.DateField(_("期限"))
    text = models.TextField(_("协办意见"), blank=True)
    sent_at = models.DateTimeField(_("送达时间"), null=True, blank=True)
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["suggestion", "round", "id"]
        constraints = [models.UniqueConstraint(fields=["suggestion", "unit", "round"], name="co_opinion_once")]

    def __str__(self) -> str:
        return f"协办意见（{self.suggestion_id}，{self.unit_id}）"


class Feedback(models.Model):
    """The deputy's or member's satisfaction with one round's answer."""

    suggestion = models.ForeignKey(Suggestion, on_delete=models.CASCADE, related_name="feedback")
    round = models.PositiveSmallIntegerField(_("办理轮次"))
    answer_document = models.ForeignKey(Document, on_delete=models.PROTECT, related_name="+")
    satisfaction = models.CharField(_("满意度"), max_length=20, choices=Satisfaction.choices)
    note = models.TextField(_("意见"), blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(_("记录时间"))

    class Meta:
        ordering = ["suggestion", "round"]
        constraints = [models.UniqueConstraint(fields=["suggestion", "round"], name="feedback_once_per_round")]

    def __str__(self) -> str:
        return f"{self.get_satisfaction_display()}（{self.suggestion_id}，第{self.round}轮）"
