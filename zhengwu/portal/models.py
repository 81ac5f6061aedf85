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
from zhengwu.portal import rules


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
    SUPERVISION_RESULT = "supervision_result", "社会和舆论监督重大问题处理结果"


class ItemState(models.TextChoices):
    QUEUED = rules.ItemState.QUEUED, "待发布"
    PUBLISHED = rules.ItemState.PUBLISHED, "已发布"
    WITHHELD = rules.ItemState.WITHHELD, "不予公开"


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
    issuing_unit = models.ForeignKey(Unit, null=True, blank=True, on_delete=models.PROTECT, related_name="publications")
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
    queued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    published_at = models.DateTimeField(null=True, blank=True)
    index_number = models.CharField("索引号", max_length=40, null=True, blank=True, unique=True)
    withheld_reason = models.TextField(blank=True)
    withheld_exemption = models.CharField("不予公开依据", max_length=24, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    # 解读 (art. 30): an interpretation names the published item it explains
    interprets = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="interpretations"
    )
    # the words of title and body as jieba segments them, space-separated: what full-text search indexes
    search_text = models.TextField(blank=True, default="")

    class Meta:
        ordering = ["due_on", "pk"]
        indexes = [
            models.Index(fields=["state", "due_on"]),
            models.Index(fields=["source_type", "source_id"]),
            models.Index(fields=["state", "published_at"], name="portal_item_published"),
            models.Index(fields=["category", "published_at"], name="portal_item_category"),
            models.Index(fields=["issuer_name", "published_at"], name="portal_item_issuer"),
            models.Index(fields=["kind", "state", "published_at"], name="portal_item_kind"),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def year(self) -> int | None:
        return self.published_at.year if self.published_at else None


class IndexCounter(models.Model):
    """The last 索引号 serial used by one issuing body (organization code) in one year."""

    org_code = models.CharField(max_length=18)
    year = models.PositiveIntegerField()
    last = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["org_code", "year"], name="portal_index_counter_unique")]

    def __str__(self) -> str:
        return f"{self.org_code}/{self.year}: {self.last}"


class ValidityEvent(models.Model):
    """A change of a published item's validity (有效、已修改、失效、废止、撤销) and what caused it."""

    item = models.ForeignKey(PublicationItem, on_delete=models.CASCADE, related_name="validity_events")
    validity = models.CharField(max_length=12, choices=Validity.choices)
    effective_on = models.DateField()
    note = models.CharField(max_length=300, blank=True)
    related = models.ForeignKey(
        PublicationItem,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text="the item that amends, replaces or repeals this one",
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["effective_on", "pk"]

    def __str__(self) -> str:
        return f"{self.item}：{self.get_validity_display()}（{self.effective_on:%Y-%m-%d}）"


class ApplicationState(models.TextChoices):
    RECEIVED = rules.ApplicationState.RECEIVED, "办理中"
    CONSULTING = rules.ApplicationState.CONSULTING, "征求第三方意见中"
    ANSWERED = rules.ApplicationState.ANSWERED, "已答复"


class ReplyType(models.TextChoices):
    """《政府信息公开条例》第三十六条 and following: how an application is answered."""

    DISCLOSED = rules.ReplyType.DISCLOSED, "予以公开"
    PARTLY = rules.ReplyType.PARTLY, "部分公开"
    REFUSED = rules.ReplyType.REFUSED, "不予公开"
    UNAVAILABLE = rules.ReplyType.UNAVAILABLE, "无法提供"
    NOT_PROCESSED = rules.ReplyType.NOT_PROCESSED, "不予处理"
    OTHER_CHANNEL = rules.ReplyType.OTHER_CHANNEL, "告知通过其他途径办理"
    ALREADY_PUBLIC = rules.ReplyType.ALREADY_PUBLIC, "告知已主动公开的获取方式"


class Application(models.Model):
    """依申请公开: a member of the public asks for government information (条例第二十七条起)."""

    number = models.CharField("申请编号", max_length=30, unique=True)
    applicant_name = models.CharField("申请人姓名或名称", max_length=100)
    contact = models.CharField("联系方式", max_length=200)
    description = models.TextField("所需政府信息的名称、文号或者便于查询的其他特征性描述")
    received_on = models.DateField("收到申请之日")
    received_at = models.DateTimeField()
    due_on = models.DateField("答复期限")
    state = models.CharField(max_length=12, choices=ApplicationState.choices, default=ApplicationState.RECEIVED)
    extended = models.BooleanField("已延长答复期限", default=False)
    extension_reason = models.CharField("延期理由", max_length=300, blank=True)
    extension_approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    consultation_started_on = models.DateField("征求第三方意见开始日", null=True, blank=True)
    consultation_third_party = models.CharField("第三方", max_length=200, blank=True)
    paused_days = models.PositiveIntegerField("不计入答复期限的工作日", default=0)
    reply_type = models.CharField("答复类型", max_length=16, choices=ReplyType.choices, blank=True)
    reply_text = models.TextField("答复内容", blank=True)
    exemption = models.CharField("不予公开依据", max_length=24, blank=True)
    answered_at = models.DateTimeField(null=True, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    answered_late = models.BooleanField(default=False)

    class Meta:
        ordering = ["-received_at", "-pk"]
        indexes = [models.Index(fields=["state", "due_on"])]

    def __str__(self) -> str:
        return self.number


class ApplicationCounter(models.Model):
    year = models.PositiveIntegerField(unique=True)
    last = models.PositiveIntegerField(default=0)

    def __str__(self) -> str:
        return f"{self.year}: {self.last}"
