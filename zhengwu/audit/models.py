"""The audit trail: an append-only, hash-chained record of every action.

Each record carries ``prev_hash`` (the hash of the record before it), its own ``hash`` (SM3 over
the canonical form of its content and ``prev_hash``) and a ``seal`` (HMAC-SM3 of the hash under the
installation's audit key, which lives outside the database).  Anyone can recompute the SM3 chain;
only the installation can seal, so a record rewritten or forged in the database is detected even if
its SM3 hash was recomputed.  :class:`AuditHead` holds the last hash, so records removed from the
end are detected too.  See :mod:`zhengwu.audit.chain`.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

GENESIS_HASH = "0" * 64


class AuditRecord(models.Model):
    seq = models.BigIntegerField(_("序号"), unique=True)
    at = models.DateTimeField(_("时间"), db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("操作人账号"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    actor_name = models.CharField(_("操作人"), max_length=60)
    actor_position = models.CharField(_("职务"), max_length=120, blank=True)
    acting_for = models.CharField(_("代理"), max_length=120, blank=True)
    action = models.CharField(_("操作"), max_length=80, db_index=True)
    summary = models.CharField(_("摘要"), max_length=500)
    object_type = models.CharField(_("对象类型"), max_length=60, blank=True)
    object_id = models.CharField(_("对象编号"), max_length=40, blank=True)
    object_repr = models.CharField(_("对象"), max_length=200, blank=True)
    rulebook = models.CharField(_("规则"), max_length=60, blank=True)
    article = models.PositiveIntegerField(_("条款"), null=True, blank=True)
    citation = models.CharField(_("依据"), max_length=100, blank=True)
    details = models.JSONField(_("详情"), default=dict, blank=True)
    hash_alg = models.CharField(_("哈希算法"), max_length=20, default="SM3")
    seal_alg = models.CharField(_("签章算法"), max_length=20, default="HMAC-SM3")
    prev_hash = models.CharField(_("前一记录哈希"), max_length=64)
    hash = models.CharField(_("哈希"), max_length=64, unique=True)
    seal = models.CharField(_("签章"), max_length=64)

    class Meta:
        ordering = ["seq"]
        verbose_name = _("审计记录")
        verbose_name_plural = _("审计记录")
        indexes = [models.Index(fields=["object_type", "object_id"])]

    def __str__(self) -> str:
        return f"#{self.seq} {self.action} {self.object_repr}"


class AuditHead(models.Model):
    """The end of the chain: the last record's sequence number and hash, sealed.  One row."""

    seq = models.BigIntegerField(default=0)
    hash = models.CharField(max_length=64, default=GENESIS_HASH)
    seal = models.CharField(max_length=64, blank=True)

    class Meta:
        verbose_name = _("审计链头")

    def __str__(self) -> str:
        return f"head #{self.seq}"
