"""The official calendar in the database: one row per day of every covered year.

``work_index`` is the number of working days from the first covered day up to and including
the day, so deadlines for any number of items are computed in SQL with one join
(:func:`zhengwu.workdays.services.working_day_deadline`).  Covered years are contiguous (the
actions refuse a gap), so the index is one run.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from zhengwu.workdays.arith import DayKind


class CalendarSource(models.TextChoices):
    OFFICIAL = "official", _("国务院办公厅通知（chinesecalendar）")
    ADMIN = "admin", _("管理员录入")


class CalendarYear(models.Model):
    year = models.PositiveIntegerField(_("年份"), primary_key=True)
    source = models.CharField(_("来源"), max_length=20, choices=CalendarSource.choices)
    note = models.CharField(_("依据"), max_length=300, blank=True)
    updated_at = models.DateTimeField(_("更新时间"))
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("更新人"), null=True, blank=True, on_delete=models.PROTECT,
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
