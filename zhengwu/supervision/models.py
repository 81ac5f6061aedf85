"""督查督办 (arts. 26, 36, 54, 63): what is supervised, who reports, what the office found.

A :class:`SupervisionItem` has a lead unit (牵头单位), co-units (协办单位), a final deadline and,
where set, periodic progress reports (限期报告): one :class:`ProgressReport` row per unit and
period.  Its states change only through :mod:`zhengwu.supervision.actions`; every change is kept
as an :class:`ItemEvent` (who, when, why, under which article).  Where an item came from (a
meeting decision, a leader's 批示, a petition…) is kept as :class:`ItemSource` rows, a generic
relation: a matter supervised again is linked to the item instead of opening a second one
(art. 26: no duplicate supervision).
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _

from zhengwu.org.models import Unit
from zhengwu.supervision import rules


class Origin(models.TextChoices):
    MEETING_DECISION = rules.Origin.MEETING_DECISION, _("会议议定事项")
    INSTRUCTION = rules.Origin.INSTRUCTION, _("领导批示")
    SUPERIOR = rules.Origin.SUPERIOR, _("上级交办")
    MANUAL = rules.Origin.MANUAL, _("督查室立项")
    PETITION = rules.Origin.PETITION, _("信访事项")
    FINDING = rules.Origin.FINDING, _("审计、督查发现问题整改")
    SUGGESTION = rules.Origin.SUGGESTION, _("建议提案")


class ReportEvery(models.TextChoices):
    NONE = rules.ReportEvery.NONE, _("不定期报告")
    WEEKLY = rules.ReportEvery.WEEKLY, _("每周报告")
    MONTHLY = rules.ReportEvery.MONTHLY, _("每月报告")


class ItemState(models.TextChoices):
    OPEN = rules.ItemState.OPEN, _("督办中")
    REPORTED = rules.ItemState.REPORTED, _("已报办结，待核查")
    CLOSED = rules.ItemState.CLOSED, _("已核查办结")


class SupervisionItem(models.Model):
    title = models.CharField(_("督办事项"), max_length=300)
    description = models.TextField(_("督办要求"), blank=True)
    origin = models.CharField(_("来源"), max_length=30, choices=Origin.choices)
    lead_unit = models.ForeignKey(
        Unit, verbose_name=_("牵头单位"), on_delete=models.PROTECT, related_name="supervision_led"
    )
    co_units = models.ManyToManyField(Unit, verbose_name=_("协办单位"), blank=True, related_name="supervision_assisted")
    due = models.DateField(_("办结期限"))
    report_every = models.CharField(
        _("限期报告"), max_length=20, choices=ReportEvery.choices, default=ReportEvery.NONE, blank=True
    )
    state = models.CharField(_("状态"), max_length=20, choices=ItemState.choices, default=ItemState.OPEN)
    opened_on = models.DateField(_("立项日期"))
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("立项人"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    new_despite = models.CharField(
        _("另行立项理由"),
        max_length=300,
        blank=True,
        help_text=_("存在相似的在办督办事项时，仍另行立项的理由（不重复督查）"),
    )
    reported_at = models.DateTimeField(_("报办结时间"), null=True, blank=True)
    report_text = models.TextField(_("办结情况"), blank=True)
    done_on = models.DateField(
        _("办结日期"), null=True, blank=True, help_text=_("经核查认可的办结报告的日期；据此判断是否按期办结")
    )
    closed_at = models.DateTimeField(_("核查办结时间"), null=True, blank=True)
    reopen_count = models.PositiveIntegerField(_("退回重办次数"), default=0)
    overdue_at = models.DateTimeField(_("逾期记录时间"), null=True, blank=True)
    escalation = models.PositiveSmallIntegerField(
        _("逾期提级"), default=0, help_text=_("0 未提级；1 已告知单位主要负责人；2 已报分管领导")
    )
    rulebook_version = models.ForeignKey(
        "rulebook.RulebookVersion", verbose_name=_("适用规则版本"), on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("创建时间"))

    class Meta:
        ordering = ["-opened_on", "-id"]
        verbose_name = _("督办事项")
        verbose_name_plural = _("督办事项")
        indexes = [models.Index(fields=["state", "due"])]

    def __str__(self) -> str:
        return f"督〔{self.opened_on:%Y}〕{self.pk}号 {self.title}"

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("web:supervision_item", args=[self.pk])


class ItemSource(models.Model):
    """Where an item came from; a matter supervised again is linked here (art. 26)."""

    item = models.ForeignKey(SupervisionItem, on_delete=models.CASCADE, related_name="sources")
    origin = models.CharField(_("来源"), max_length=30, choices=Origin.choices)
    content_type = models.ForeignKey(ContentType, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    object_id = models.CharField(_("来源对象"), max_length=64, blank=True)
    label = models.CharField(_("来源"), max_length=300, blank=True)
    url = models.CharField(_("链接"), max_length=300, blank=True)
    linked = models.BooleanField(_("关联并入"), default=False, help_text=_("已督办事项再次交办时关联并入，不另行立项"))
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    added_at = models.DateTimeField(_("时间"))

    class Meta:
        ordering = ["item", "added_at", "id"]
        verbose_name = _("督办来源")
        verbose_name_plural = _("督办来源")
        indexes = [models.Index(fields=["content_type", "object_id"])]

    def __str__(self) -> str:
        return self.label or self.get_origin_display()


class ProgressReport(models.Model):
    """限期报告: one unit's report for one period, due on ``due``."""

    item = models.ForeignKey(SupervisionItem, on_delete=models.CASCADE, related_name="reports")
    unit = models.ForeignKey(Unit, verbose_name=_("报告单位"), on_delete=models.PROTECT, related_name="+")
    period = models.PositiveIntegerField(_("期次"))
    due = models.DateField(_("报告期限"))
    text = models.TextField(_("进展情况"), blank=True)
    submitted_at = models.DateTimeField(_("报告时间"), null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    late = models.BooleanField(_("逾期报告"), default=False)
    reminded_at = models.DateTimeField(_("提醒时间"), null=True, blank=True)
    overdue_at = models.DateTimeField(_("逾期记录时间"), null=True, blank=True)
    escalation = models.PositiveSmallIntegerField(_("逾期提级"), default=0)

    class Meta:
        ordering = ["item", "period", "unit__sort_order"]
        verbose_name = _("限期报告")
        verbose_name_plural = _("限期报告")
        constraints = [models.UniqueConstraint(fields=["item", "unit", "period"], name="progress_report_unique")]
        indexes = [
            models.Index(
                fields=["due"], condition=models.Q(submitted_at__isnull=True), name="progress_report_pending_due"
            )
        ]

    def __str__(self) -> str:
        return f"{self.item.title} 第{self.period}期 · {self.unit}"


class Rectification(models.Model):
    """督促整改: the office orders the lead unit to put something right by a date."""

    item = models.ForeignKey(SupervisionItem, on_delete=models.CASCADE, related_name="rectifications")
    requirement = models.TextField(_("整改要求"))
    due = models.DateField(_("整改期限"))
    ordered_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    ordered_at = models.DateTimeField(_("下达时间"))
    done_at = models.DateTimeField(_("整改完成时间"), null=True, blank=True)
    done_text = models.TextField(_("整改情况"), blank=True)
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    late = models.BooleanField(_("逾期整改"), default=False)
    overdue_at = models.DateTimeField(_("逾期记录时间"), null=True, blank=True)
    escalation = models.PositiveSmallIntegerField(_("逾期提级"), default=0)

    class Meta:
        ordering = ["item", "ordered_at", "id"]
        verbose_name = _("督促整改")
        verbose_name_plural = _("督促整改")

    def __str__(self) -> str:
        return f"{self.item.title} 整改（{self.due:%Y-%m-%d}前）"


class ItemEvaluation(models.Model):
    """第三方评估: what an outside evaluator found about an item's implementation."""

    class Rating(models.TextChoices):
        GOOD = "good", _("好")
        FAIR = "fair", _("较好")
        POOR = "poor", _("一般")
        FAIL = "fail", _("差")

    item = models.ForeignKey(SupervisionItem, on_delete=models.CASCADE, related_name="evaluations")
    evaluator = models.CharField(_("评估机构"), max_length=120)
    rating = models.CharField(_("评估等次"), max_length=10, choices=Rating.choices)
    findings = models.TextField(_("评估意见"))
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(_("记录时间"))

    class Meta:
        ordering = ["item", "recorded_at", "id"]
        verbose_name = _("第三方评估")
        verbose_name_plural = _("第三方评估")

    def __str__(self) -> str:
        return f"{self.evaluator}：{self.get_rating_display()}"


class ItemEvent(models.Model):
    """Every transition of an item: who, when, why, under which article."""

    item = models.ForeignKey(SupervisionItem, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(_("事件"), max_length=40)
    label = models.CharField(_("事件"), max_length=60)
    from_state = models.CharField(_("原状态"), max_length=20, blank=True)
    to_state = models.CharField(_("新状态"), max_length=20, blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    actor_name = models.CharField(_("办理人"), max_length=60)
    reason = models.TextField(_("说明"), blank=True)
    citation = models.CharField(_("依据"), max_length=80, blank=True)
    at = models.DateTimeField(_("时间"))

    class Meta:
        ordering = ["item", "at", "id"]
        verbose_name = _("督办记录")
        verbose_name_plural = _("督办记录")

    def __str__(self) -> str:
        return f"{self.item_id} {self.label}"


class Circular(models.Model):
    """情况通报: the table generated from the items, and the 通报 document drafted from it."""

    document = models.OneToOneField(
        "documents.Document", verbose_name=_("通报公文"), on_delete=models.PROTECT, related_name="supervision_circular"
    )
    as_of = models.DateField(_("统计截至"))
    since = models.DateField(_("统计起始"), null=True, blank=True)
    rows = models.JSONField(_("统计表"), default=list)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(_("生成时间"))

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("情况通报")
        verbose_name_plural = _("情况通报")

    def __str__(self) -> str:
        return f"督查情况通报（截至{self.as_of:%Y-%m-%d}）"
