"""规章和规范性文件 (arts. 20-22, 24-25): drafts, their versions and comments, legality review,
filing (备案), validity, clean-up (清理), catalogue and post-implementation evaluation (后评估).

States change only through :mod:`zhengwu.legislation.actions`; see docs/glossary.md.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

from zhengwu.legislation import rules
from zhengwu.org.models import Unit
from zhengwu.portal.models import Validity  # one list of validities for the catalogue and the drafts


class NormativeKind(models.TextChoices):
    REGULATION = rules.NormativeKind.REGULATION, "政府规章"
    NORMATIVE = rules.NormativeKind.NORMATIVE, "行政规范性文件"


class DraftState(models.TextChoices):
    DRAFTING = "drafting", "起草中"
    CONSULTING = "consulting", "公开征求意见中"
    ANSWERING = "answering", "征求意见结束，待反馈"
    ANSWERED = "answered", "意见已反馈"
    REVIEWING = "reviewing", "合法性审查中"
    RETURNED = "returned", "审查退回修改"
    PASSED = "passed", "合法性审查通过"
    DELIBERATED = "deliberated", "已集体审议"
    SIGNING = "signing", "签发印发中"
    PUBLISHED = "published", "已公布"


class NormativeDraft(models.Model):
    """A draft 规章 or 行政规范性文件, from its first draft to its repeal."""

    kind = models.CharField("类别", max_length=12, choices=NormativeKind.choices)
    title = models.CharField("标题", max_length=200)
    drafting_unit = models.ForeignKey(Unit, verbose_name="起草单位", on_delete=models.PROTECT, related_name="+")
    issuer = models.ForeignKey(
        Unit,
        verbose_name="制定机关",
        on_delete=models.PROTECT,
        related_name="+",
        help_text="州人民政府（规章及政府规范性文件）或起草部门（部门规范性文件）",
    )
    state = models.CharField("状态", max_length=12, choices=DraftState.choices, default=DraftState.DRAFTING)
    secret = models.BooleanField("依法需要保密", default=False)
    secret_reason = models.CharField("保密依据", max_length=300, blank=True)
    major = models.BooleanField("重大行政决策", default=False)
    comment_opens = models.DateTimeField("征求意见开始", null=True, blank=True)
    comment_closes = models.DateTimeField("征求意见截止", null=True, blank=True)
    topic_id = models.PositiveBigIntegerField("会议议题", null=True, blank=True)
    meeting_ref = models.CharField("审议会议", max_length=120, blank=True)
    deliberated_on = models.DateField("审议日期", null=True, blank=True)
    document = models.OneToOneField(
        "documents.Document",
        verbose_name="公文",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="normative_draft",
    )
    doc_number = models.CharField("发文字号", max_length=60, blank=True)
    written_on = models.DateField("成文日期", null=True, blank=True)
    published_on = models.DateField("公布日期", null=True, blank=True)
    validity = models.CharField("有效性", max_length=12, choices=Validity.choices, blank=True, default="")
    replaces = models.ForeignKey(
        "self",
        verbose_name="废止或修改的文件",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="successors",
    )
    replace_mode = models.CharField(
        "对原文件", max_length=12, blank=True, choices=[("", "—"), ("repeal", "废止"), ("amend", "修改")]
    )
    rulebook_version = models.ForeignKey("rulebook.RulebookVersion", on_delete=models.PROTECT, related_name="+")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField("创建时间")

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = "规章和规范性文件"
        verbose_name_plural = verbose_name
        indexes = [models.Index(fields=["state"]), models.Index(fields=["validity"])]

    def __str__(self) -> str:
        return self.title


class DraftVersion(models.Model):
    """Every version of the text is kept; comments and reviews name the version they concern."""

    draft = models.ForeignKey(NormativeDraft, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField("版本")
    title = models.CharField("标题", max_length=200)
    body = models.TextField("正文")
    note = models.CharField("修改说明", max_length=300, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField("时间")

    class Meta:
        ordering = ["draft", "number"]
        constraints = [models.UniqueConstraint(fields=["draft", "number"], name="draft_version_unique")]

    def __str__(self) -> str:
        return f"{self.draft} 第{self.number}稿"


class Transition(models.Model):
    """Who moved the draft from one state to another, when, why, under which article."""

    draft = models.ForeignKey(NormativeDraft, on_delete=models.CASCADE, related_name="transitions")
    from_state = models.CharField(max_length=12, choices=DraftState.choices)
    to_state = models.CharField(max_length=12, choices=DraftState.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    actor_name = models.CharField(max_length=60, blank=True)
    at = models.DateTimeField()
    reason = models.CharField(max_length=300, blank=True)
    article = models.PositiveIntegerField(null=True, blank=True)

    class Meta:
        ordering = ["draft", "at", "id"]

    def __str__(self) -> str:
        return f"{self.draft}：{self.from_state} → {self.to_state}"


class CommentOutcome(models.TextChoices):
    ADOPTED = rules.CommentOutcome.ADOPTED, "采纳"
    PARTLY = rules.CommentOutcome.PARTLY, "部分采纳"
    NOT_ADOPTED = rules.CommentOutcome.NOT_ADOPTED, "不予采纳"


class PublicComment(models.Model):
    """A comment from the public on a draft open for comment, attached to an article (0: the whole)."""

    draft = models.ForeignKey(NormativeDraft, on_delete=models.CASCADE, related_name="comments")
    version = models.ForeignKey(DraftVersion, on_delete=models.PROTECT, related_name="comments")
    article = models.PositiveIntegerField("条", default=0)
    text = models.TextField("意见")
    name = models.CharField("姓名（选填）", max_length=60, blank=True)
    contact = models.CharField("联系方式（选填）", max_length=100, blank=True)
    submitted_at = models.DateTimeField("提交时间")
    outcome = models.CharField("处理结果", max_length=12, choices=CommentOutcome.choices, blank=True)
    answer = models.TextField("理由", blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    answered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["draft", "article", "submitted_at", "id"]

    def __str__(self) -> str:
        return f"{self.draft} 第{self.article}条意见"


class UnitConsultation(models.Model):
    """A unit whose powers the draft touches is consulted (art. 22) and replies."""

    draft = models.ForeignKey(NormativeDraft, on_delete=models.CASCADE, related_name="consultations")
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+")
    requested_at = models.DateTimeField()
    due = models.DateField()
    reply = models.TextField(blank=True)
    agrees = models.BooleanField(null=True, blank=True)
    replied_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    replied_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["draft", "unit__sort_order"]
        constraints = [models.UniqueConstraint(fields=["draft", "unit"], name="draft_consultation_unique")]

    def __str__(self) -> str:
        return f"{self.draft} · {self.unit}"


class Dispute(models.Model):
    """A contested matter (art. 21): optional third-party evaluation, then the 司法局 lists each
    side's reasons and its proposal for the government to decide."""

    draft = models.ForeignKey(NormativeDraft, on_delete=models.CASCADE, related_name="disputes")
    matter = models.CharField("争议事项", max_length=300)
    parties = models.CharField("争议各方", max_length=300)
    raised_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    raised_at = models.DateTimeField()
    evaluator = models.CharField("第三方评估机构", max_length=200, blank=True)
    evaluation = models.TextField("第三方评估结论", blank=True)
    evaluated_at = models.DateTimeField(null=True, blank=True)
    reasons = models.TextField("各方理据", blank=True)
    proposal = models.TextField("倾向性意见", blank=True)
    listed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    listed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["draft", "raised_at", "id"]

    def __str__(self) -> str:
        return self.matter


class LegalityReview(models.Model):
    """The 司法局's legality review of one version: passed or returned, why, and the checker's flags."""

    draft = models.ForeignKey(NormativeDraft, on_delete=models.CASCADE, related_name="reviews")
    version = models.ForeignKey(DraftVersion, on_delete=models.PROTECT, related_name="reviews")
    passed = models.BooleanField()
    reasons = models.TextField("审查意见")
    flags = models.JSONField("自动提示", default=list, blank=True)
    reviewer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    reviewer_name = models.CharField(max_length=60)
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField()

    class Meta:
        ordering = ["draft", "created_at", "id"]

    def __str__(self) -> str:
        return f"{self.draft} 第{self.version.number}稿审查"


class FilingState(models.TextChoices):
    PENDING = "pending", "待备案"
    FILED = "filed", "已备案"


class Filing(models.Model):
    """备案 (art. 22): filed with the 自治区人民政府 and the 州人大常委会 (government documents) or the
    州人民政府 (department documents, then reviewed by the 司法局) within ``legislation.filing_days``."""

    draft = models.ForeignKey(NormativeDraft, on_delete=models.CASCADE, related_name="filings")
    recipient = models.ForeignKey(Unit, verbose_name="备案机关", on_delete=models.PROTECT, related_name="+")
    due = models.DateField("备案期限")
    state = models.CharField(max_length=10, choices=FilingState.choices, default=FilingState.PENDING)
    reference = models.CharField("备案报告文号", max_length=80, blank=True)
    filed_at = models.DateTimeField(null=True, blank=True)
    filed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    filed_late = models.BooleanField(default=False)
    reminded_at = models.DateTimeField(null=True, blank=True)
    overdue_at = models.DateTimeField(null=True, blank=True)
    review_passed = models.BooleanField("备案审查结论", null=True, blank=True)
    review_note = models.TextField("备案审查意见", blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["due", "id"]
        constraints = [models.UniqueConstraint(fields=["draft", "recipient"], name="filing_recipient_unique")]
        indexes = [models.Index(fields=["state", "due"])]

    def __str__(self) -> str:
        return f"{self.draft} 报{self.recipient}备案"


class ValidityChange(models.Model):
    draft = models.ForeignKey(NormativeDraft, on_delete=models.CASCADE, related_name="validity_changes")
    validity = models.CharField(max_length=12, choices=Validity.choices)
    effective_on = models.DateField()
    reason = models.CharField(max_length=300, blank=True)
    related = models.ForeignKey(NormativeDraft, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    at = models.DateTimeField()

    class Meta:
        ordering = ["draft", "effective_on", "id"]

    def __str__(self) -> str:
        return f"{self.draft}：{self.get_validity_display()}"


class EvaluationState(models.TextChoices):
    PENDING = "pending", "待评估"
    DONE = "done", "已评估"


class RegulationEvaluation(models.Model):
    """后评估 (art. 21): a regulation is evaluated ``legislation.evaluation_months`` after publication."""

    draft = models.OneToOneField(NormativeDraft, on_delete=models.CASCADE, related_name="evaluation")
    due = models.DateField()
    state = models.CharField(max_length=10, choices=EvaluationState.choices, default=EvaluationState.PENDING)
    report = models.TextField(blank=True)
    done_at = models.DateTimeField(null=True, blank=True)
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    reminded_at = models.DateTimeField(null=True, blank=True)
    overdue_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"{self.draft} 后评估"


class CleanupProposal(models.TextChoices):
    KEEP = rules.CleanupProposal.KEEP, "继续有效"
    AMEND = rules.CleanupProposal.AMEND, "修改"
    REPEAL = rules.CleanupProposal.REPEAL, "废止"
    EXPIRE = rules.CleanupProposal.EXPIRE, "宣布失效"


class Cleanup(models.Model):
    """清理 (art. 22): every document in force is listed for its unit to propose keep/amend/repeal."""

    title = models.CharField(max_length=200)
    started_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    started_at = models.DateTimeField()
    closed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-started_at", "-id"]

    def __str__(self) -> str:
        return self.title


class CleanupEntry(models.Model):
    cleanup = models.ForeignKey(Cleanup, on_delete=models.CASCADE, related_name="entries")
    draft = models.ForeignKey(NormativeDraft, on_delete=models.PROTECT, related_name="cleanup_entries")
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+")
    proposal = models.CharField(max_length=10, choices=CleanupProposal.choices, blank=True)
    proposal_reason = models.CharField(max_length=300, blank=True)
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    proposed_at = models.DateTimeField(null=True, blank=True)
    decision = models.CharField(max_length=10, choices=CleanupProposal.choices, blank=True)
    decision_note = models.CharField(max_length=300, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["cleanup", "unit__sort_order", "draft_id"]
        constraints = [models.UniqueConstraint(fields=["cleanup", "draft"], name="cleanup_entry_unique")]

    def __str__(self) -> str:
        return f"{self.cleanup} · {self.draft}"


class CatalogueRelease(models.Model):
    """The 司法局's published catalogue of normative documents in force (art. 22)."""

    released_on = models.DateField()
    entries = models.JSONField(default=list)
    released_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    released_at = models.DateTimeField()

    class Meta:
        ordering = ["-released_on", "-id"]

    def __str__(self) -> str:
        return f"规范性文件目录（截至{self.released_on:%Y年%m月%d日}）"
