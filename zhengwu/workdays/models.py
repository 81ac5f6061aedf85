"""The official calendar in the database: one row per day of every covered year.

``work_index`` is the number of working days from the first covered day up to and including
the day, so deadlines for any number of items are computed in SQL with one join
(:func:`zhengwu.workdays.services.working_day_deadline`).  Covered years are contiguous (the
actions refuse a gap), so the index is one run.

``CalendarDay`` is composed from the layers (:class:`LayerYear`, :class:`LayerEntry`): the nation,
then the region, then local days, in the order ``ZHENGWU_CALENDAR_LAYERS`` gives.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from zhengwu.workdays.arith import DayKind


class CalendarSource(models.TextChoices):
    OFFICIAL = "official", _("官方通知（随版本发布）")
    ADMIN = "admin", _("管理员录入")
    PROVISIONAL = "provisional", _("暂按法定节假日推算")


class LayerYear(models.Model):
    """What one calendar layer (全国, 自治区, 本地) says of one year: official once its notice is
    entered, provisional while it is estimated from the law (:mod:`zhengwu.workdays.layers`)."""

    layer = models.CharField(_("层级"), max_length=40)
    year = models.PositiveIntegerField(_("年份"))
    source = models.CharField(_("来源"), max_length=20, choices=CalendarSource.choices)
    note = models.CharField(_("依据"), max_length=500, blank=True)
    updated_at = models.DateTimeField(_("更新时间"))
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("更新人"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        ordering = ["year", "layer"]
        verbose_name = _("日历层年度")
        verbose_name_plural = _("日历层年度")
        constraints = [models.UniqueConstraint(fields=["layer", "year"], name="layer_year_unique")]

    def __str__(self) -> str:
        return f"{self.layer} {self.year}"

    @property
    def provisional(self) -> bool:
        return self.source == CalendarSource.PROVISIONAL


class LayerEntry(models.Model):
    """One day a layer changes: a day off, a weekend day worked, or a day back to ordinary."""

    layer = models.CharField(_("层级"), max_length=40)
    date = models.DateField(_("日期"))
    kind = models.CharField(_("类别"), max_length=10)
    name = models.CharField(_("名称"), max_length=60, blank=True)
    note = models.CharField(_("依据"), max_length=500, blank=True)

    class Meta:
        ordering = ["date", "layer"]
        verbose_name = _("日历层日期")
        verbose_name_plural = _("日历层日期")
        constraints = [models.UniqueConstraint(fields=["layer", "date"], name="layer_entry_unique")]

    def __str__(self) -> str:
        return f"{self.layer} {self.date} {self.kind}"


class CalendarYear(models.Model):
    year = models.PositiveIntegerField(_("年份"), primary_key=True)
    source = models.CharField(_("来源"), max_length=20, choices=CalendarSource.choices)
    note = models.CharField(_("依据"), max_length=300, blank=True)
    provisional = models.BooleanField(
        _("暂定"),
        default=False,
        help_text=_("有一层尚未录入官方放假安排：期限暂按法定节假日推算，公布后自动重算"),
    )
    updated_at = models.DateTimeField(_("更新时间"))
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("更新人"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        ordering = ["year"]
        verbose_name = _("日历年度")
        verbose_name_plural = _("日历年度")

    def __str__(self) -> str:
        return f"{self.year}年"


class CalendarDay(models.Model):
    date = models.DateField(_("日期"), primary_key=True)
    kind = models.CharField(_("类别"), max_length=10, choices=[(k.value, k.value) for k in DayKind])
    name = models.CharField(_("名称"), max_length=60, blank=True)
    is_working = models.BooleanField(_("工作日"))
    work_index = models.PositiveIntegerField(_("工作日序号"), db_index=True)
    source = models.CharField(_("来源"), max_length=20, choices=CalendarSource.choices)
    layer = models.CharField(_("层级"), max_length=40, blank=True, help_text=_("决定这一天的日历层；普通日为空"))

    class Meta:
        ordering = ["date"]
        verbose_name = _("日历日")
        verbose_name_plural = _("日历日")
        indexes = [models.Index(fields=["work_index"], condition=models.Q(is_working=True), name="workday_index")]

    def __str__(self) -> str:
        return f"{self.date} {self.kind}"


KIND_LABELS = {
    DayKind.WORKDAY: _("工作日"),
    DayKind.WEEKEND: _("周末"),
    DayKind.HOLIDAY: _("节假日"),
    DayKind.MAKEUP: _("调休上班"),
}
