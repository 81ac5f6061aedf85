"""Durable timers: rows that the worker fires exactly once at their time, after restarts too.

A timer's handler runs in the same transaction that marks the timer fired, so its effects and the
mark commit together or not at all: a crash mid-way leaves the timer pending, claimed until its
lease expires, and a later sweep fires it.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class TimerState(models.TextChoices):
    PENDING = "pending", _("待触发")
    FIRED = "fired", _("已触发")
    CANCELLED = "cancelled", _("已取消")
    FAILED = "failed", _("失败")


class Timer(models.Model):
    kind = models.CharField(_("类型"), max_length=80)
    fire_at = models.DateTimeField(_("触发时间"))
    key = models.CharField(_("去重键"), max_length=200, unique=True)
    payload = models.JSONField(_("参数"), default=dict)
    state = models.CharField(_("状态"), max_length=20, choices=TimerState.choices, default=TimerState.PENDING)
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)
    fired_at = models.DateTimeField(_("触发于"), null=True, blank=True)
    attempts = models.PositiveIntegerField(_("尝试次数"), default=0)
    last_error = models.TextField(_("最近错误"), blank=True)
    # A sweep claims a batch of due timers (one UPDATE … RETURNING) with a token and a lease; a timer
    # claimed by a worker that died (kill -9) is claimed again once its lease has expired.
    claimed_by = models.CharField(_("认领标记"), max_length=32, blank=True, default="")
    lease_until = models.DateTimeField(_("认领至"), null=True, blank=True)

    class Meta:
        ordering = ["fire_at", "id"]
        verbose_name = _("定时任务")
        verbose_name_plural = _("定时任务")
        indexes = [
            models.Index(fields=["fire_at"], condition=models.Q(state="pending"), name="timer_pending_due"),
        ]

    def __str__(self) -> str:
        return f"{self.kind} @ {self.fire_at:%Y-%m-%d %H:%M}"
