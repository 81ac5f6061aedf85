"""复议、诉讼、审计 (arts. 32, 33): administrative reconsideration cases, administrative suits, and
audit or inspection findings, with their statutory or set deadlines.  A finding's rectification
is followed as a supervision item (``followup_id``)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from zhengwu.org.models import Unit
from zhengwu.rulebook.models import RulebookVersion


class CaseKind(models.TextChoices):
    RECONSIDERATION = "reconsideration", _("行政复议")
    SUIT = "suit", _("行政诉讼")
    FINDING = "finding", _("审计（检查）发现问题")


class CaseState(models.TextChoices):
    OPEN = "open", _("办理中")
    ANSWERED = "answered", _("已答复（答辩）")
    RECTIFYING = "rectifying", _("整改中")
    CLOSED = "closed", _("已结案")


class Case(models.Model):
    kind = models.CharField(_("类别"), max_length=20, choices=CaseKind.choices)
    case_number = models.CharField(_("案号（文号）"), max_length=60)
    title = models.CharField(_("案由（事项）"), max_length=200)
    organ = models.CharField(_("复议机关、法院或审计（检查）机关"), max_length=100)
    counterparty = models.CharField(_("申请人（原告）"), max_length=100, blank=True)
    unit_concerned = models.ForeignKey(
        Unit, verbose_name=_("被申请人、被告或被审计单位"), on_delete=models.PROTECT, related_name="oversight_cases"
    )
    received_on = models.DateField(_("收到（送达、印发）日期"))
    accepted_on = models.DateField(_("复议机关受理日期"), null=True, blank=True)
    answer_due = models.DateField(_("答复（答辩）期限"), null=True, blank=True)
    decision_due = models.DateField(_("复议决定期限"), null=True, blank=True)
    rectify_due = models.DateField(_("整改期限"), null=True, blank=True)
    requirement = models.TextField(_("整改要求"), blank=True)
    state = models.CharField(_("状态"), max_length=20, choices=CaseState.choices, default=CaseState.OPEN)
    answered_on = models.DateField(_("答复（答辩）日期"), null=True, blank=True)
    decided_on = models.DateField(_("决定（判决）日期"), null=True, blank=True)
    outcome = models.TextField(_("结果"), blank=True)
    followup_id = models.PositiveIntegerField(_("督办事项"), null=True, blank=True)
    overdue_limits = models.JSONField(_("已逾期的期限"), default=list, blank=True)
    rulebook_version = models.ForeignKey(RulebookVersion, on_delete=models.PROTECT, related_name="+")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(_("登记时间"))
    is_demo = models.BooleanField(_("演示数据"), default=False)

    class Meta:
        ordering = ["-received_on", "-id"]
        verbose_name = _("复议诉讼审计事项")
        verbose_name_plural = _("复议诉讼审计事项")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.case_number}"
