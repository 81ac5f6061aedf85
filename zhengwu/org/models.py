"""The government as data: units, positions, people, appointments, portfolios (分管), absences
(art. 58) and acting arrangements (art. 6).

Who holds an authority on a date is answered by :func:`zhengwu.org.authority.who_holds`, which
loads these rows and asks the pure rule :func:`zhengwu.org.rules.resolve_holder`.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from zhengwu.org import rules
from zhengwu.org.codes import org_code_problem


class UnitKind(models.TextChoices):
    GOVERNMENT = rules.UnitKind.GOVERNMENT, _("人民政府")
    OFFICE = rules.UnitKind.OFFICE, _("政府办公室")
    DEPARTMENT = rules.UnitKind.DEPARTMENT, _("政府部门")
    DIRECT_UNIT = rules.UnitKind.DIRECT_UNIT, _("直属单位")
    COUNTY = rules.UnitKind.COUNTY, _("县（市）人民政府")
    SUPERIOR = rules.UnitKind.SUPERIOR, _("上级及其他机关")


def validate_org_code(value: str) -> None:
    """组织机构代码 (9 characters, GB 11714-1997) or 统一社会信用代码 (18, GB 32100-2015), check
    character included (:mod:`zhengwu.org.codes`)."""
    problem = org_code_problem(value)
    if problem is not None:
        raise ValidationError(problem, code="org_code")


# What a unit may do for the whole government (``Unit.functions``): the areas look units up by these.
UNIT_FUNCTIONS = {
    "legal_review": _("合法性审核（司法局）"),
    "foreign_affairs": _("外事审核（外事办）"),
    "petitions": _("信访（信访局）"),
}


class Unit(models.Model):
    code = models.SlugField(_("代码"), max_length=40, unique=True)
    name = models.CharField(_("名称"), max_length=100)
    short_name = models.CharField(_("简称"), max_length=40, blank=True)
    kind = models.CharField(_("类别"), max_length=20, choices=UnitKind.choices)
    parent = models.ForeignKey(
        "self", verbose_name=_("上级单位"), null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )
    is_component = models.BooleanField(_("政府组成部门"), default=False)
    doc_prefix = models.CharField(_("机关代字"), max_length=20, blank=True)
    org_code = models.CharField(_("组织机构代码"), max_length=18, blank=True, validators=[validate_org_code])
    sort_order = models.PositiveIntegerField(_("排序"), default=0)
    is_demo = models.BooleanField(_("演示数据"), default=False)
    functions = models.JSONField(
        _("承担职能"),
        default=list,
        blank=True,
        help_text=_(
            "本单位为州人民政府整体承担的职能：legal_review（合法性审核，司法局）、"
            "foreign_affairs（外事审核，外事办）、petitions（信访，信访局）……"
        ),
    )

    class Meta:
        ordering = ["sort_order", "code"]
        verbose_name = _("单位")
        verbose_name_plural = _("单位")

    def __str__(self) -> str:
        return self.name


class PositionKind(models.TextChoices):
    GOVERNOR = rules.PositionKind.GOVERNOR, _("州长")
    EXECUTIVE_VICE_GOVERNOR = rules.PositionKind.EXECUTIVE_VICE_GOVERNOR, _("常务副州长")
    VICE_GOVERNOR = rules.PositionKind.VICE_GOVERNOR, _("副州长")
    SECRETARY_GENERAL = rules.PositionKind.SECRETARY_GENERAL, _("秘书长")
    DEPUTY_SECRETARY_GENERAL = rules.PositionKind.DEPUTY_SECRETARY_GENERAL, _("副秘书长")
    OFFICE_DIRECTOR = rules.PositionKind.OFFICE_DIRECTOR, _("办公室主任")
    UNIT_HEAD = rules.PositionKind.UNIT_HEAD, _("单位主要负责人")
    UNIT_DEPUTY = rules.PositionKind.UNIT_DEPUTY, _("单位副职")
    CLERK = rules.PositionKind.CLERK, _("工作人员")
    ADMINISTRATOR = rules.PositionKind.ADMINISTRATOR, _("系统管理员")
    SECURITY_ADMINISTRATOR = rules.PositionKind.SECURITY_ADMINISTRATOR, _("安全管理员")
    AUDIT_ADMINISTRATOR = rules.PositionKind.AUDIT_ADMINISTRATOR, _("安全审计员")


class Position(models.Model):
    unit = models.ForeignKey(Unit, verbose_name=_("单位"), on_delete=models.PROTECT, related_name="positions")
    kind = models.CharField(_("职务类别"), max_length=30, choices=PositionKind.choices)
    title = models.CharField(_("职务名称"), max_length=60)
    duties = models.CharField(_("岗位职责"), max_length=100, blank=True, help_text=_("如：文电、会务、督查、信息公开"))
    sort_order = models.PositiveIntegerField(_("排序"), default=0)

    class Meta:
        ordering = ["unit__sort_order", "sort_order", "id"]
        verbose_name = _("职务")
        verbose_name_plural = _("职务")

    def __str__(self) -> str:
        return f"{self.unit.short_name or self.unit.name}{self.title}"


class Person(models.Model):
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, verbose_name=_("账号"), on_delete=models.PROTECT, related_name="person"
    )
    name = models.CharField(_("姓名"), max_length=60)
    is_demo = models.BooleanField(_("演示数据"), default=False, help_text=_("虚构的演示人员"))

    class Meta:
        ordering = ["id"]
        verbose_name = _("人员")
        verbose_name_plural = _("人员")

    def __str__(self) -> str:
        return self.name


class Appointment(models.Model):
    """A person holds a position from ``start`` to ``end`` (inclusive; open-ended if empty)."""

    person = models.ForeignKey(Person, verbose_name=_("人员"), on_delete=models.PROTECT, related_name="appointments")
    position = models.ForeignKey(
        Position, verbose_name=_("职务"), on_delete=models.PROTECT, related_name="appointments"
    )
    start = models.DateField(_("任职日期"))
    end = models.DateField(_("免职日期"), null=True, blank=True)

    class Meta:
        ordering = ["position__unit__sort_order", "position__sort_order", "start"]
        verbose_name = _("任职")
        verbose_name_plural = _("任职")

    def __str__(self) -> str:
        return f"{self.person}：{self.position}"

    def active_on(self, day: dt.date) -> bool:
        return self.start <= day and (self.end is None or day <= self.end)


class Portfolio(models.Model):
    """分管 (art. 7): a leader's position oversees units and areas of work."""

    leader = models.ForeignKey(
        Position, verbose_name=_("分管领导职务"), on_delete=models.PROTECT, related_name="portfolios"
    )
    areas = models.CharField(_("分管领域"), max_length=300)
    units = models.ManyToManyField(Unit, verbose_name=_("分管单位"), related_name="portfolios")
    start = models.DateField(_("起始日期"))
    end = models.DateField(_("终止日期"), null=True, blank=True)

    class Meta:
        ordering = ["leader__sort_order", "start"]
        verbose_name = _("分管")
        verbose_name_plural = _("分管")

    def __str__(self) -> str:
        return f"{self.leader.title}分管：{self.areas}"


class AbsencePurpose(models.TextChoices):
    VISIT = "visit", _("出访")
    TRIP = "trip", _("出差")
    STUDY = "study", _("学习")
    TRAINING = "training", _("培训")
    LEAVE = "leave", _("休假")
    OTHER = "other", _("其他")


class AbsenceState(models.TextChoices):
    REPORTED = "reported", _("已报告")
    RETURNED = "returned", _("已销假")
    CANCELLED = "cancelled", _("已撤销")


class Absence(models.Model):
    """A leader or unit head away from the prefecture (离州外出, art. 58)."""

    person = models.ForeignKey(Person, verbose_name=_("外出人员"), on_delete=models.PROTECT, related_name="absences")
    position = models.ForeignKey(
        Position, verbose_name=_("报告时职务"), on_delete=models.PROTECT, related_name="absences"
    )
    start = models.DateField(_("离州日期"))
    end = models.DateField(_("预计返回日期"))
    destination = models.CharField(_("前往地点"), max_length=100)
    purpose = models.CharField(_("事由类别"), max_length=20, choices=AbsencePurpose.choices)
    reason = models.CharField(_("事由"), max_length=300, blank=True)
    state = models.CharField(_("状态"), max_length=20, choices=AbsenceState.choices, default=AbsenceState.REPORTED)
    reported_to = models.ForeignKey(
        Person, verbose_name=_("报告对象"), null=True, on_delete=models.PROTECT, related_name="+"
    )
    notified = models.ManyToManyField(
        Person,
        verbose_name=_("已报告、通报的人员"),
        blank=True,
        related_name="absences_notified",
        help_text=_("按《工作规则》离州外出报告的规定报告或通报的人员"),
    )
    reported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("登记人"), on_delete=models.PROTECT, related_name="+"
    )
    reported_at = models.DateTimeField(_("报告时间"))
    returned_on = models.DateField(_("实际返回日期"), null=True, blank=True)
    returned_recorded_at = models.DateTimeField(_("销假登记时间"), null=True, blank=True)

    class Meta:
        ordering = ["-start", "id"]
        verbose_name = _("离州外出报告")
        verbose_name_plural = _("离州外出报告")
        constraints = [
            models.CheckConstraint(condition=models.Q(end__gte=models.F("start")), name="absence_end_after_start"),
        ]

    def __str__(self) -> str:
        return f"{self.person}（{self.start}—{self.end}，{self.destination}）"

    def away_on(self, day: dt.date) -> bool:
        if self.state == AbsenceState.CANCELLED:
            return False
        last = self.returned_on - dt.timedelta(days=1) if self.returned_on else self.end
        return self.start <= day <= last


class ActingArrangement(models.Model):
    """受委托主持工作 (art. 6) or a deputy acting for an absent unit head (art. 49)."""

    principal = models.ForeignKey(
        Position, verbose_name=_("被代理职务"), on_delete=models.PROTECT, related_name="acting_arrangements"
    )
    acting = models.ForeignKey(Position, verbose_name=_("代理职务"), on_delete=models.PROTECT, related_name="+")
    start = models.DateField(_("起始日期"))
    end = models.DateField(_("终止日期"))
    absence = models.ForeignKey(
        Absence, verbose_name=_("对应外出"), null=True, blank=True, on_delete=models.PROTECT, related_name="acting"
    )
    entrusted_by = models.ForeignKey(Person, verbose_name=_("委托人"), on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(_("登记时间"))
    revoked_at = models.DateTimeField(_("撤销时间"), null=True, blank=True, help_text=_("开始前撤销：该安排自始不生效"))
    ended_early_at = models.DateTimeField(
        _("提前终止时间"),
        null=True,
        blank=True,
        help_text=_("开始后撤销：终止日期改为撤销前一日，此前的代理照常有效"),
    )
    article = models.PositiveIntegerField(_("依据条款"))

    class Meta:
        ordering = ["-start"]
        verbose_name = _("代理安排")
        verbose_name_plural = _("代理安排")

    def __str__(self) -> str:
        return f"{self.acting}代{self.principal.title}（{self.start}—{self.end}）"

    @property
    def in_force(self) -> bool:
        """Neither revoked before it began nor ended early (it may still lie in the past)."""
        return self.revoked_at is None and self.ended_early_at is None


class OrgVersion(models.Model):
    """One row whose token changes with every change to the organization (in the changing
    transaction): each process keeps the organization in memory under the token it was read with,
    and a process that reads another token reads the organization again."""

    token = models.CharField(_("版本标记"), max_length=32)

    class Meta:
        verbose_name = _("组织机构版本")
        verbose_name_plural = _("组织机构版本")

    def __str__(self) -> str:
        return self.token
