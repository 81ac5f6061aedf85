"""政务公开: what the government publishes, and the queue it waits in until it is published.

A :class:`PublicationItem` is one thing to be disclosed proactively (主动公开): an issued document
marked public, a decision of a plenary or executive meeting (art. 28), an answer to a deputy's
suggestion (art. 31), a normative document or its draft for comment (arts. 21, 22), a policy
interpretation (art. 30), or an item imported from where it was published before.  Other areas
queue items through :func:`zhengwu.portal.services.queue_for_publication`; the portal publishes
them, with their 索引号, on the public site.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models

from zhengwu.org.models import Unit


class ItemKind(models.TextChoices):
    DOCUMENT = "document", "公文"
    MEETING_DECISION = "meeting_decision", "会议决定事项"
    SUGGESTION_ANSWER = "suggestion_answer", "建议提案办理结果"
    NORMATIVE = "normative", "规章和规范性文件"
    DRAFT_FOR_COMMENT = "draft_for_comment", "征求意见稿"
    COMMENT_ANSWERS = "comment_answers", "意见采纳情况"
    INTERPRETATION = "interpretation", "政策解读"
    CATALOGUE = "catalogue", "规范性文件目录"
    IMPORTED = "imported", "已发布信息（导入）"


class ItemState(models.TextChoices):
    QUEUED = "queued", "待发布"
    PUBLISHED = "published", "已发布"
    WITHHELD = "withheld", "不予公开"


class Validity(models.TextChoices):
    IN_FORCE = "in_force", "有效"
    AMENDED = "amended", "已修改"
    EXPIRED = "expired", "失效"
    REPEALED = "repealed", "废止"
    REVOKED = "revoked", "撤销"
    NOT_APPLICABLE = "", "—"


class PublicationItem(models.Model):
    kind = models.CharField(max_length=24, choices=ItemKind.choices)
    state = models.CharField(max_length=12, choices=ItemState.choices, default=ItemState.QUEUED)
    # what it was queued from (a Document, a meeting decision, an answered suggestion…)
    source_type = models.ForeignKey(ContentType, null=True, blank=True, on_delete=models.PROTECT)
    source_id = models.PositiveBigIntegerField(null=True, blank=True)
    source = GenericForeignKey("source_type", "source_id")

    title = models.CharField(max_length=300)
    body = models.TextField(blank=True)
    issuing_unit = models.ForeignKey(Unit, null=True, blank=True, on_delete=models.PROTECT,
                                     related_name="publications")
    issuer_name = models.CharField("发文机关", max_length=200, blank=True)
    doc_number = models.CharField("文号", max_length=80, blank=True)
    written_on = models.DateField("成文日期", null=True, blank=True)
    category = models.CharField("主题分类", max_length=60, blank=True)
    genre = models.CharField("体裁", max_length=30, blank=True)
    validity = models.CharField("有效性", max_length=12, choices=Validity.choices, blank=True, default="")

    counted_from = models.DateField("起算日期", help_text="信息形成或变更之日，公开期限自此起算")
    due_on = models.DateField("应公开日期")
    provision = models.CharField(max_length=60, help_text="the rulebook provision that requires publication")
    queued_at = models.DateTimeField(auto_now_add=True)
    queued_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                  related_name="+")
    published_at = models.DateTimeField(null=True, blank=True)
    index_number = models.CharField("索引号", max_length=40, null=True, blank=True, unique=True)
    withheld_reason = models.TextField(blank=True)

    class Meta:
        ordering = ["due_on", "pk"]
        indexes = [models.Index(fields=["state", "due_on"]),
                   models.Index(fields=["source_type", "source_id"])]

    def __str__(self) -> str:
        return self.title


class ValidityEvent(models.Model):
    """A change of a published item's validity (有效、已修改、失效、废止、撤销) and what caused it."""

    item = models.ForeignKey(PublicationItem, on_delete=models.CASCADE, related_name="validity_events")
    validity = models.CharField(max_length=12, choices=Validity.choices)
    effective_on = models.DateField()
    note = models.CharField(max_length=300, blank=True)
    related = models.ForeignKey(PublicationItem, null=True, blank=True, on_delete=models.PROTECT,
                                related_name="+", help_text="the item that amends, replaces or repeals this one")
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["effective_on", "pk"]

    def __str__(self) -> str:
        return f"{self.item}：{self.get_validity_display()}（{self.effective_on:%Y-%m-%d}）"
