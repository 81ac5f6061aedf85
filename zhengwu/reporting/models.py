"""请示报告 (arts. 16, 46, 55).

- :class:`Incident` (art. 55): an emergency (突发事件) or a safety accident (安全生产事故) that a
  county or department reports to the 州人民政府, with its time limits in clock time (minutes and
  hours from the moment the unit learned of it) and its timeline of reports (:class:`IncidentEntry`:
  first report by phone and in writing, follow-up reports, the final report).
- :class:`UpwardReport` (art. 16): a major decision, matter or situation reported (请示 or 报告) to
  the 自治区人民政府 or the 州党委, linked to the documents that carried it.
- :class:`NpcAttendance` (art. 46): who attends a session of the 州人大常委会 for the government.
- :class:`PublicConcern` (art. 34): a matter raised by the public or the media; a major problem's
  result is published.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from zhengwu.documents.models import Document
from zhengwu.org.models import Person, Unit
from zhengwu.portal.models import PublicationItem
from zhengwu.rulebook.models import RulebookVersion


class IncidentKind(models.TextChoices):
    EMERGENCY = "emergency", _("突发事件")
    ACCIDENT = "accident", _("安全生产事故")


class Severity(models.TextChoices):
    MAJOR = "major", _("特别重大、重大（Ⅰ、Ⅱ级）")
    LARGER = "larger", _("较大（Ⅲ级）")
    GENERAL = "general", _("一般（Ⅳ级）")


class IncidentState(models.TextChoices):
    AWAITING = "awaiting", _("待初报")
    REPORTED = "reported", _("已初报")
    CLOSED = "closed", _("已终报")


class Stage(models.TextChoices):
    PHONE = "phone", _("电话初报")
    WRITTEN = "written", _("书面初报")
    FOLLOW_UP = "follow_up", _("续报")
    FINAL = "final", _("终报")


class Incident(models.Model):
    kind = models.CharField(_("类别"), max_length=20, choices=IncidentKind.choices)
    severity = models.CharField(_("级别"), max_length=20, choices=Severity.choices)
    title = models.CharField(_("事件名称"), max_length=200)
    place = models.CharField(_("地点"), max_length=200, blank=True)
    unit = models.ForeignKey(Unit, verbose_name=_("报告单位"), on_delete=models.PROTECT, related_name="incidents")
    occurred_at = models.DateTimeField(_("发生时间"))
    known_at = models.DateTimeField(_("接报时间"))
    summary = models.TextField(_("基本情况"), blank=True)
    phone_due = models.DateTimeField(_("电话初报时限"), null=True, blank=True)
    written_due = models.DateTimeField(_("书面初报时限"), null=True, blank=True)
    state = models.CharField(_("状态"), max_length=20, choices=IncidentState.choices, default=IncidentState.AWAITING)
    overdue_limits = models.JSONField(_("已超时的时限"), default=list, blank=True)
    rulebook_version = models.ForeignKey(RulebookVersion, on_delete=models.PROTECT, related_name="+")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(_("登记时间"))
    is_demo = models.BooleanField(_("演示数据"), default=False)

    class Meta:
        ordering = ["-known_at", "-id"]
        verbose_name = _("突发事件（事故）信息报告")
        verbose_name_plural = _("突发事件（事故）信息报告")

    def __str__(self) -> str:
        return f"{self.get_kind_display()}：{self.title}"


class IncidentEntry(models.Model):
    incident = models.ForeignKey(Incident, on_delete=models.CASCADE, related_name="entries")
    stage = models.CharField(_("报告阶段"), max_length=20, choices=Stage.choices)
    reported_at = models.DateTimeField(_("报告时间"))
    content = models.TextField(_("报告内容"))
    late = models.BooleanField(_("超过时限"), default=False)
    document = models.ForeignKey(
        Document, verbose_name=_("书面报告公文"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(_("登记时间"))

    class Meta:
        ordering = ["reported_at", "id"]
        verbose_name = _("报告记录")
        verbose_name_plural = _("报告记录")

    def __str__(self) -> str:
        return f"{self.get_stage_display()} {self.reported_at:%Y-%m-%d %H:%M}"


class UpwardCategory(models.TextChoices):
    DECISION = "decision", _("重大决策")
    MATTER = "matter", _("重大事项")
    SITUATION = "situation", _("重要情况")


class UpwardForm(models.TextChoices):
    REQUEST = "request", _("请示")
    REPORT = "report", _("报告")


class UpwardState(models.TextChoices):
    REGISTERED = "registered", _("待报送")
    REPORTED = "reported", _("已报送")
    ANSWERED = "answered", _("已批复")


class UpwardReport(models.Model):
    recipient = models.ForeignKey(Unit, verbose_name=_("报送机关"), on_delete=models.PROTECT, related_name="+")
    category = models.CharField(_("类别"), max_length=20, choices=UpwardCategory.choices)
    form = models.CharField(_("请示或报告"), max_length=20, choices=UpwardForm.choices)
    title = models.CharField(_("事项"), max_length=200)
    summary = models.TextField(_("内容摘要"), blank=True)
    documents = models.ManyToManyField(Document, verbose_name=_("报送公文"), blank=True, related_name="+")
    state = models.CharField(_("状态"), max_length=20, choices=UpwardState.choices, default=UpwardState.REGISTERED)
    reported_on = models.DateField(_("报送日期"), null=True, blank=True)
    reply = models.TextField(_("批复意见"), blank=True)
    replied_on = models.DateField(_("批复日期"), null=True, blank=True)
    rulebook_version = models.ForeignKey(RulebookVersion, on_delete=models.PROTECT, related_name="+")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(_("登记时间"))
    is_demo = models.BooleanField(_("演示数据"), default=False)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("向上请示报告事项")
        verbose_name_plural = _("向上请示报告事项")

    def __str__(self) -> str:
        return f"{self.get_form_display()}：{self.title}"


class AttendanceState(models.TextChoices):
    ASSIGNED = "assigned", _("已指派")
    ATTENDED = "attended", _("已参加")


class NpcAttendance(models.Model):
    session = models.CharField(_("会议"), max_length=200)
    session_date = models.DateField(_("会议日期"))
    attendee = models.ForeignKey(Person, verbose_name=_("参加人员"), on_delete=models.PROTECT, related_name="+")
    attendee_position = models.CharField(_("职务"), max_length=120)
    entrusted = models.BooleanField(_("受州长委托"), default=False)
    reason = models.CharField(_("特殊情况"), max_length=300, blank=True)
    state = models.CharField(
        _("状态"), max_length=20, choices=AttendanceState.choices, default=AttendanceState.ASSIGNED
    )
    rulebook_version = models.ForeignKey(RulebookVersion, on_delete=models.PROTECT, related_name="+")
    assigned_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    assigned_at = models.DateTimeField(_("指派时间"))
    is_demo = models.BooleanField(_("演示数据"), default=False)

    class Meta:
        ordering = ["-session_date", "-id"]
        verbose_name = _("州人大常委会会议参加人员")
        verbose_name_plural = _("州人大常委会会议参加人员")

    def __str__(self) -> str:
        return f"{self.session}（{self.session_date:%Y-%m-%d}）"


class ConcernSource(models.TextChoices):
    PUBLIC = "public", _("社会公众反映")
    MEDIA = "media", _("新闻舆论监督")


class ConcernState(models.TextChoices):
    OPEN = "open", _("调查处理中")
    HANDLED = "handled", _("已处理")


class PublicConcern(models.Model):
    """A matter raised by the public or the media (art. 34): investigated, handled, and, when it is
    a major problem, its result published (through the publication queue of the portal)."""

    source = models.CharField(_("来源"), max_length=20, choices=ConcernSource.choices)
    title = models.CharField(_("反映的问题"), max_length=200)
    description = models.TextField(_("情况"), blank=True)
    unit = models.ForeignKey(Unit, verbose_name=_("调查处理单位"), on_delete=models.PROTECT, related_name="+")
    received_on = models.DateField(_("受理日期"))
    major = models.BooleanField(_("重大问题"), default=False)
    state = models.CharField(_("状态"), max_length=20, choices=ConcernState.choices, default=ConcernState.OPEN)
    result = models.TextField(_("处理结果"), blank=True)
    handled_on = models.DateField(_("处理日期"), null=True, blank=True)
    publication = models.ForeignKey(
        PublicationItem,
        verbose_name=_("处理结果公开"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    rulebook_version = models.ForeignKey(RulebookVersion, on_delete=models.PROTECT, related_name="+")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(_("登记时间"))
    is_demo = models.BooleanField(_("演示数据"), default=False)

    class Meta:
        ordering = ["-received_on", "-id"]
        verbose_name = _("社会和舆论监督事项")
        verbose_name_plural = _("社会和舆论监督事项")

    def __str__(self) -> str:
        return f"{self.get_source_display()}：{self.title}"
