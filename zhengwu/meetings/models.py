"""会议: meetings, their invitations, agenda topics with papers and major-decision steps, minutes,
decisions and their follow-ups, and departments' prefecture-wide meeting requests (arts. 24-25, 28, 37-47)."""

from __future__ import annotations

import datetime as dt
import secrets

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from zhengwu.org.models import Person, Unit


class MeetingKind(models.TextChoices):
    PLENARY = "plenary", _("全体会议")
    EXECUTIVE = "executive", _("常务会议")
    OFFICE = "office", _("州长办公会议")
    TOPIC = "topic", _("专题会议")
    STUDY = "study", _("专题学习")


class MeetingState(models.TextChoices):
    PROPOSED = "proposed", _("待州长同意")
    PLANNED = "planned", _("筹备中")
    AGENDA_CONFIRMED = "agenda_confirmed", _("议题已确定")
    HELD = "held", _("已召开")
    MINUTES_SIGNED = "minutes_signed", _("纪要已签发")
    CANCELLED = "cancelled", _("已取消")


class Meeting(models.Model):
    kind = models.CharField(_("会议类型"), max_length=20, choices=MeetingKind.choices)
    title = models.CharField(_("会议名称"), max_length=200)
    date = models.DateField(_("会议日期"))
    start_time = models.TimeField(_("开始时间"), default=dt.time(10, 0))
    hours = models.PositiveSmallIntegerField(_("时长（小时）"), default=2)
    place = models.CharField(_("地点"), max_length=200, blank=True)
    on_site = models.BooleanField(_("现场办公会"), default=False)
    decision_making = models.BooleanField(_("决策性专题会议"), default=False)
    study_topic = models.CharField(_("学习主题"), max_length=200, blank=True)
    unit = models.ForeignKey(
        Unit, verbose_name=_("所涉单位"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    chair = models.ForeignKey(Person, verbose_name=_("主持人"), on_delete=models.PROTECT, related_name="+")
    consent_by = models.ForeignKey(
        Person, verbose_name=_("州长同意人"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    consent_at = models.DateTimeField(_("州长同意时间"), null=True, blank=True)
    state = models.CharField(_("状态"), max_length=20, choices=MeetingState.choices, default=MeetingState.PLANNED)
    sequence = models.PositiveIntegerField(_("日历版本"), default=0)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(_("创建时间"))
    updated_at = models.DateTimeField(_("更新时间"))
    minutes_text = models.TextField(_("会议纪要"), blank=True)
    minutes_drafted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    minutes_signed_by = models.ForeignKey(
        Person, verbose_name=_("纪要签发人"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    minutes_signed_at = models.DateTimeField(_("纪要签发时间"), null=True, blank=True)
    major_matters = models.BooleanField(_("涉及重大事项"), default=False)
    major_reviewed_by = models.ForeignKey(Person, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    major_reviewed_at = models.DateTimeField(null=True, blank=True)
    press_text = models.TextField(_("新闻稿"), blank=True)
    press_escalated = models.BooleanField(_("报州长或常务副州长审核"), default=False)
    press_approved_by = models.ForeignKey(Person, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    press_approved_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["date", "start_time", "id"]
        verbose_name = _("会议")
        verbose_name_plural = _("会议")

    def __str__(self) -> str:
        return self.title


class Transition(models.Model):
    """Who moved a meeting (or a topic) from one state to another, when, why, under which article."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="transitions")
    from_state = models.CharField(max_length=20)
    to_state = models.CharField(max_length=20)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField()
    reason = models.CharField(max_length=300, blank=True)
    article = models.PositiveSmallIntegerField(null=True, blank=True)

    class Meta:
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.from_state}→{self.to_state}"


class Role(models.TextChoices):
    MEMBER = "member", _("出席")
    SITTING_IN = "sitting_in", _("列席")
    REPORTER = "reporter", _("汇报")
    STAFF = "staff", _("随行工作人员")


class LeaveState(models.TextChoices):
    NONE = "", _("—")
    REQUESTED = "requested", _("已请假待批")
    APPROVED = "approved", _("请假已批准")
    REFUSED = "refused", _("请假未批准")


class Invitation(models.Model):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="invitations")
    person = models.ForeignKey(Person, verbose_name=_("参会人员"), on_delete=models.PROTECT, related_name="+")
    unit = models.ForeignKey(Unit, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    role = models.CharField(_("身份"), max_length=20, choices=Role.choices)
    leave_state = models.CharField(_("请假"), max_length=20, choices=LeaveState.choices, blank=True, default="")
    leave_reason = models.CharField(_("请假事由"), max_length=300, blank=True)
    leave_decider = models.ForeignKey(Person, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    leave_decided_at = models.DateTimeField(null=True, blank=True)
    deputy = models.ForeignKey(
        Person, verbose_name=_("代为出席"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    present = models.BooleanField(_("到会"), null=True, blank=True)

    class Meta:
        ordering = ["meeting", "role", "id"]
        constraints = [models.UniqueConstraint(fields=["meeting", "person"], name="meeting_invitation_unique")]

    def __str__(self) -> str:
        return f"{self.meeting_id}:{self.person_id}"


class TopicState(models.TextChoices):
    REQUESTED = "requested", _("已申请")
    REVIEWED = "reviewed", _("分管领导已审核")
    COLLECTED = "collected", _("已汇总")
    CONFIRMED = "confirmed", _("州长已确定")
    DISCUSSED = "discussed", _("已上会")
    WITHDRAWN = "withdrawn", _("已撤回")


class Topic(models.Model):
    """A county's or department's written request for an agenda topic (art. 40)."""

    unit = models.ForeignKey(Unit, verbose_name=_("申请单位"), on_delete=models.PROTECT, related_name="+")
    title = models.CharField(_("议题"), max_length=200)
    summary = models.TextField(_("请示内容"), blank=True)
    kind = models.CharField(_("拟提交会议"), max_length=20, choices=MeetingKind.choices, default=MeetingKind.EXECUTIVE)
    touches_projects = models.BooleanField(_("涉及项目"), default=False)
    touches_funds = models.BooleanField(_("涉及资金"), default=False)
    touches_staffing = models.BooleanField(_("涉及编制"), default=False)
    touches_rewards = models.BooleanField(_("涉及奖惩"), default=False)
    major_decision = models.BooleanField(_("重大行政决策"), default=False)
    public_interest = models.BooleanField(_("涉及群众切身利益"), default=False)
    market_activity = models.BooleanField(_("涉及市场主体经济活动"), default=False)
    coordination_done = models.BooleanField(_("协调已完成"), default=False)
    consensus = models.TextField(_("协调意见"), blank=True)
    reviewed_by = models.ForeignKey(Person, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    reviewed_at = models.DateTimeField(null=True, blank=True)
    meeting = models.ForeignKey(Meeting, null=True, blank=True, on_delete=models.SET_NULL, related_name="topics")
    position = models.PositiveSmallIntegerField(default=0)
    state = models.CharField(_("状态"), max_length=20, choices=TopicState.choices, default=TopicState.REQUESTED)
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    requested_at = models.DateTimeField()
    subject_type = models.ForeignKey(ContentType, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    subject_id = models.PositiveBigIntegerField(null=True, blank=True)
    subject = GenericForeignKey("subject_type", "subject_id")

    class Meta:
        ordering = ["position", "id"]
        verbose_name = _("议题")
        verbose_name_plural = _("议题")

    def __str__(self) -> str:
        return self.title


class TopicStep(models.Model):
    """A step of the major-decision procedure done for a topic, with its evidence (arts. 24, 25)."""

    topic = models.ForeignKey(Topic, on_delete=models.CASCADE, related_name="steps")
    step = models.CharField(max_length=30)
    evidence = models.TextField()
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField()

    class Meta:
        ordering = ["id"]
        constraints = [models.UniqueConstraint(fields=["topic", "step"], name="meeting_topic_step_unique")]

    def __str__(self) -> str:
        return self.step


class Paper(models.Model):
    """会议材料: drafted by the reporting unit, checked by the office, 批印 by the 州长, distributed (art. 40)."""

    topic = models.ForeignKey(Topic, on_delete=models.CASCADE, related_name="papers")
    name = models.CharField(max_length=200)
    file = models.FileField(upload_to="meetings/papers/%Y/")
    size = models.PositiveBigIntegerField(default=0)
    sm3 = models.CharField(max_length=64)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    uploaded_at = models.DateTimeField()
    checked_by = models.ForeignKey(Person, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    checked_at = models.DateTimeField(null=True, blank=True)
    print_approved_by = models.ForeignKey(Person, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    print_approved_at = models.DateTimeField(null=True, blank=True)
    distributed_at = models.DateTimeField(null=True, blank=True)
    late = models.BooleanField(_("逾期送达"), default=False)

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return self.name


class AgreedItem(models.Model):
    """议定事项: a matter the meeting agreed on, recorded in the minutes.  (Not a
    :class:`zhengwu.core.decisions.Decision`, which is a rule's answer.)"""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="decisions")
    position = models.PositiveSmallIntegerField(default=0)
    text = models.TextField(_("议定事项"))
    secret = models.BooleanField(_("涉密不公开"), default=False)
    topic = models.ForeignKey(Topic, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        ordering = ["position", "id"]

    def __str__(self) -> str:
        return self.text[:60]

    def get_absolute_url(self) -> str:
        return f"{reverse('web:meeting', args=[self.meeting_id])}#decision-{self.pk}"


class FollowUpKind(models.TextChoices):
    DOCUMENT = "document", _("印发文件")
    PUBLICATION = "publication", _("公开")
    TASK = "task", _("落实任务")


class FollowUp(models.Model):
    decision = models.ForeignKey(AgreedItem, on_delete=models.CASCADE, related_name="follow_ups")
    kind = models.CharField(max_length=20, choices=FollowUpKind.choices)
    title = models.CharField(max_length=200, blank=True)
    due = models.DateField(null=True, blank=True)
    document = models.ForeignKey(
        "documents.Document", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    owner_unit = models.ForeignKey(Unit, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    owner_person = models.ForeignKey(Person, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    publication = models.ForeignKey(
        "portal.PublicationItem", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    supervision_ref = models.CharField(max_length=40, blank=True)
    done_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return self.title or self.kind


class RequestState(models.TextChoices):
    DRAFT = "draft", _("起草")
    CONSENTED = "consented", _("分管领导已同意")
    SUBMITTED = "submitted", _("已正式报请")
    APPROVED = "approved", _("已批准")
    REFUSED = "refused", _("未批准")


class PrefectureMeetingRequest(models.Model):
    """A department's request to hold a prefecture-wide meeting (全州性会议, art. 44)."""

    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+")
    title = models.CharField(max_length=200)
    date = models.DateField()
    city = models.CharField(_("举办地"), max_length=60, default="阿图什市")
    venue = models.CharField(_("会场"), max_length=200)
    outside_reason = models.CharField(_("在阿图什市以外举办的理由"), max_length=300, blank=True)
    high_end_hotel = models.BooleanField(default=False)
    scenic_area = models.BooleanField(default=False)
    invites_county_heads = models.BooleanField(default=False)
    county_heads_approved = models.BooleanField(default=False)
    video_conference = models.BooleanField(default=True)
    budget = models.DecimalField(max_digits=12, decimal_places=2, default=0)
    exception_reason = models.CharField(_("超过次数的例外理由"), max_length=300, blank=True)
    exception_approved = models.BooleanField(default=False)
    state = models.CharField(max_length=20, choices=RequestState.choices, default=RequestState.DRAFT)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField()
    consent_by = models.ForeignKey(Person, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    decided_by = models.ForeignKey(Person, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-date", "id"]

    def __str__(self) -> str:
        return self.title

    @property
    def outside_atushi(self) -> bool:
        return "阿图什" not in self.city


class FeedKey(models.Model):
    """The secret key in a person's iCalendar feed address (calendar clients cannot log in)."""

    person = models.OneToOneField(Person, on_delete=models.CASCADE, related_name="+")
    key = models.CharField(max_length=64, unique=True, default=secrets.token_urlsafe)

    def __str__(self) -> str:
        return f"feed:{self.person_id}"
