"""信访 (art. 35; 《信访工作条例》): letters and visits, acceptance, handling, review and re-review.

The petitioner's personal data lives apart (:class:`Petitioner`) and is read only through
:func:`zhengwu.petitions.actions.view_petitioner`, which checks who may see it and records the
view; its name, ID number, phone and address are encrypted at rest with SM4.  An important letter
(重要来信) is routed to a government leader, who reads it and writes an instruction (批示); it is
then followed as a supervision item.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from zhengwu.core.crypto_fields import SM4TextField
from zhengwu.org.models import Person, Unit
from zhengwu.rulebook.models import RulebookVersion


class Channel(models.TextChoices):
    LETTER = "letter", _("来信")
    VISIT = "visit", _("来访")
    ONLINE = "online", _("网上信访")
    PHONE = "phone", _("电话")


class State(models.TextChoices):
    REGISTERED = "registered", _("已登记，待决定是否受理")
    NOT_ACCEPTED = "not_accepted", _("不予受理")
    HANDLING = "handling", _("已受理，办理中")
    CONCLUDED = "concluded", _("已办结")
    REVIEWING = "reviewing", _("复查中")
    REVIEWED = "reviewed", _("已出具复查意见")
    REREVIEWING = "rereviewing", _("复核中")
    FINAL = "final", _("已终结")


class Petition(models.Model):
    number = models.CharField(_("编号"), max_length=40, unique=True)
    channel = models.CharField(_("信访形式"), max_length=20, choices=Channel.choices)
    received_on = models.DateField(_("收到日期"))
    summary = models.TextField(_("反映的主要问题"))
    unit_concerned = models.ForeignKey(
        Unit, verbose_name=_("涉及单位"), on_delete=models.PROTECT, related_name="petitions_concerning"
    )
    accused_unit = models.ForeignKey(
        Unit,
        verbose_name=_("被反映（检举、控告）的单位"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="petitions_accusing",
        help_text=_("信访事项反映、检举或控告的单位：本件不得转交、展示给该单位及其分管领导（《信访工作条例》）。"),
    )
    accused_person = models.CharField(_("被反映（检举、控告）的人员"), max_length=60, blank=True)
    handling_unit = models.ForeignKey(
        Unit,
        verbose_name=_("承办单位"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="petitions_handled",
    )
    state = models.CharField(_("状态"), max_length=20, choices=State.choices, default=State.REGISTERED)
    accept_due = models.DateField(_("受理告知期限"))
    accepted_on = models.DateField(_("受理决定日期"), null=True, blank=True)
    not_accepted_reason = models.TextField(_("不予受理的理由"), blank=True)
    accept_told_how = models.CharField(_("告知方式"), max_length=100, blank=True)
    handle_due = models.DateField(_("办结期限"), null=True, blank=True)
    extended_days = models.PositiveSmallIntegerField(_("延长天数"), default=0)
    extension_reason = models.TextField(_("延期理由"), blank=True)
    extension_approved_by = models.ForeignKey(
        Person, verbose_name=_("批准延期的领导"), on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    extension_told_how = models.CharField(_("延期告知方式"), max_length=100, blank=True)
    concluded_on = models.DateField(_("办结日期"), null=True, blank=True)
    result = models.TextField(_("处理意见"), blank=True)
    result_told_how = models.CharField(_("答复方式"), max_length=100, blank=True)
    important = models.BooleanField(_("重要来信"), default=False)
    leader = models.ForeignKey(
        Person,
        verbose_name=_("呈阅领导"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="petitions_routed",
    )
    routed_at = models.DateTimeField(_("呈阅时间"), null=True, blank=True)
    leader_read_at = models.DateTimeField(_("领导阅件时间"), null=True, blank=True)
    instruction = models.TextField(_("领导批示"), blank=True)
    instructed_at = models.DateTimeField(_("批示时间"), null=True, blank=True)
    followup_id = models.PositiveIntegerField(_("督办事项"), null=True, blank=True)
    overdue_limits = models.JSONField(_("已逾期的期限"), default=list, blank=True)
    rulebook_version = models.ForeignKey(RulebookVersion, on_delete=models.PROTECT, related_name="+")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(_("登记时间"))
    is_demo = models.BooleanField(_("演示数据"), default=False)

    class Meta:
        ordering = ["-received_on", "-id"]
        verbose_name = _("信访事项")
        verbose_name_plural = _("信访事项")

    def __str__(self) -> str:
        return self.number

    @property
    def awaiting_instruction(self) -> bool:
        return self.important and self.leader_id is not None and self.instructed_at is None


class Petitioner(models.Model):
    """The petitioner's personal data: seen only by those handling the case, every view recorded."""

    petition = models.OneToOneField(Petition, on_delete=models.CASCADE, related_name="petitioner")
    # Encrypted at rest (SM4, zhengwu.core.datakeys): the columns hold ciphertext only.
    name = SM4TextField(_("姓名"), max_length=60)
    id_number = SM4TextField(_("身份证号码"), max_length=18, blank=True)
    phone = SM4TextField(_("联系电话"), max_length=30, blank=True)
    address = SM4TextField(_("住址"), max_length=200, blank=True)
    is_demo = models.BooleanField(_("演示数据（虚构）"), default=False)

    def __str__(self) -> str:
        return f"信访人（{self.petition_id}）"


class Stage(models.TextChoices):
    REVIEW = "review", _("复查")
    REREVIEW = "rereview", _("复核")


class Review(models.Model):
    """复查 and 复核 requests: 30 days each (《信访工作条例》arts. 35–36)."""

    petition = models.ForeignKey(Petition, on_delete=models.CASCADE, related_name="reviews")
    stage = models.CharField(_("类别"), max_length=20, choices=Stage.choices)
    organ = models.CharField(_("复查（复核）机关"), max_length=100)
    requested_on = models.DateField(_("收到请求日期"))
    due = models.DateField(_("期限"))
    decided_on = models.DateField(_("出具意见日期"), null=True, blank=True)
    outcome = models.TextField(_("复查（复核）意见"), blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(_("登记时间"))

    class Meta:
        ordering = ["petition", "requested_on", "id"]
        constraints = [models.UniqueConstraint(fields=["petition", "stage"], name="petition_review_once")]

    def __str__(self) -> str:
        return f"{self.get_stage_display()}（{self.petition_id}）"
