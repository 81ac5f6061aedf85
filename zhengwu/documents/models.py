"""Official documents (公文): what a document is, its versions, countersign tasks, numbering.

Terms follow 《党政机关公文处理工作条例》 (2012) and the Work Rules, arts. 48–53; see
docs/glossary.md.  States change only through the actions in :mod:`zhengwu.documents.actions`.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from zhengwu.documents.rules import archive as archive_rules
from zhengwu.documents.rules import countersign as countersign_rules
from zhengwu.documents.rules import filing as filing_rules
from zhengwu.documents.rules import kinds
from zhengwu.org.models import Person, Unit


class DocType(models.TextChoices):
    """The 15 文种 of 公文条例 art. 8."""

    RESOLUTION = kinds.DocType.RESOLUTION, _("决议")
    DECISION = kinds.DocType.DECISION, _("决定")
    ORDER = kinds.DocType.ORDER, _("命令（令）")
    COMMUNIQUE = kinds.DocType.COMMUNIQUE, _("公报")
    ANNOUNCEMENT = kinds.DocType.ANNOUNCEMENT, _("公告")
    PUBLIC_NOTICE = kinds.DocType.PUBLIC_NOTICE, _("通告")
    OPINION = kinds.DocType.OPINION, _("意见")
    NOTICE = kinds.DocType.NOTICE, _("通知")
    CIRCULAR = kinds.DocType.CIRCULAR, _("通报")
    REPORT = kinds.DocType.REPORT, _("报告")
    REQUEST = kinds.DocType.REQUEST, _("请示")
    REPLY = kinds.DocType.REPLY, _("批复")
    MOTION = kinds.DocType.MOTION, _("议案")
    LETTER = kinds.DocType.LETTER, _("函")
    MINUTES = kinds.DocType.MINUTES, _("纪要")


class Direction(models.TextChoices):
    UPWARD = kinds.Direction.UPWARD, _("上行文")
    PARALLEL = kinds.Direction.PARALLEL, _("平行文")
    DOWNWARD = kinds.Direction.DOWNWARD, _("下行文")


class Classification(models.TextChoices):
    """密级 (art. 61).  Order matters: the installation refuses anything above its ceiling."""

    NONE = kinds.Classification.NONE, _("非密")
    INTERNAL = kinds.Classification.INTERNAL, _("工作秘密")
    SECRET = kinds.Classification.SECRET, _("秘密")
    CONFIDENTIAL = kinds.Classification.CONFIDENTIAL, _("机密")
    TOP_SECRET = kinds.Classification.TOP_SECRET, _("绝密")


CLASSIFICATION_ORDER = [c.value for c in Classification]


class Urgency(models.TextChoices):
    NORMAL = "normal", _("平件")
    URGENT = "urgent", _("加急")
    EXTRA_URGENT = "extra_urgent", _("特急")


class Flow(models.TextChoices):
    SUBMISSION = kinds.Flow.SUBMISSION, _("来文（报送州人民政府）")
    OUTGOING = kinds.Flow.OUTGOING, _("发文")


class DocState(models.TextChoices):
    DRAFT = kinds.DocState.DRAFT, _("起草")
    COUNTERSIGNING = kinds.DocState.COUNTERSIGNING, _("会签中")
    SUBMITTED = kinds.DocState.SUBMITTED, _("已报送，待签收")
    RECEIVED = kinds.DocState.RECEIVED, _("已签收登记，待初审")
    CHECKED = kinds.DocState.CHECKED, _("初审通过，待拟办")
    RETURNED = kinds.DocState.RETURNED, _("已退文")
    ROUTED = kinds.DocState.ROUTED, _("已拟办，呈批中")
    INSTRUCTED = kinds.DocState.INSTRUCTED, _("已批示")
    ANSWERED = kinds.DocState.ANSWERED, _("已答复")
    CLOSED = kinds.DocState.CLOSED, _("已办结")
    # outgoing (发文): 起草 → 审核 → 签发 → 登记 → 印发 (公文条例 arts. 18–25)
    REVIEWING = kinds.DocState.REVIEWING, _("办公室审核中")
    AWAITING_SIGNATURE = kinds.DocState.AWAITING_SIGNATURE, _("待签发")
    SIGNED = kinds.DocState.SIGNED, _("已签发，待登记印发")
    ISSUED = kinds.DocState.ISSUED, _("已印发")


class Disclosure(models.TextChoices):
    """公开属性 (《政府信息公开条例》第二十条、第二十七条、第十四至十六条)."""

    PROACTIVE = "proactive", _("主动公开")
    ON_REQUEST = "on_request", _("依申请公开")
    NOT_PUBLIC = "not_public", _("不予公开")


class Document(models.Model):
    flow = models.CharField(_("流向"), max_length=20, choices=Flow.choices)
    doc_type = models.CharField(_("文种"), max_length=20, choices=DocType.choices)
    direction = models.CharField(_("行文方向"), max_length=20, choices=Direction.choices)
    title = models.CharField(_("标题"), max_length=300)
    issuer = models.ForeignKey(Unit, verbose_name=_("发文机关"), on_delete=models.PROTECT, related_name="documents")
    main_recipients = models.ManyToManyField(Unit, verbose_name=_("主送机关"), related_name="documents_received")
    copy_recipients = models.ManyToManyField(
        Unit, verbose_name=_("抄送机关"), blank=True, related_name="documents_copied"
    )
    co_issuers = models.ManyToManyField(
        Unit,
        verbose_name=_("联合发文机关"),
        blank=True,
        related_name="documents_co_issued",
        help_text=_("联合发文时除主办机关（发文机关）外的其他发文机关；签发前须经各机关负责人会签"),
    )
    addressed_person = models.ForeignKey(
        Person,
        verbose_name=_("报送领导个人"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("一般不得直接向领导同志个人报送公文"),
    )
    answers_leader_assignment = models.BooleanField(_("系领导同志交办事项"), default=False)
    request_items = models.JSONField(_("请示事项"), default=list, blank=True)
    classification = models.CharField(
        _("密级"), max_length=20, choices=Classification.choices, default=Classification.NONE
    )
    secrecy_period = models.CharField(_("保密期限"), max_length=40, blank=True)
    urgency = models.CharField(_("紧急程度"), max_length=20, choices=Urgency.choices, default=Urgency.NORMAL)
    state = models.CharField(_("状态"), max_length=20, choices=DocState.choices, default=DocState.DRAFT)
    replies_to = models.ForeignKey(
        "self", verbose_name=_("答复的来文"), null=True, blank=True, on_delete=models.PROTECT, related_name="answers"
    )
    rulebook_version = models.ForeignKey(
        "rulebook.RulebookVersion", verbose_name=_("适用规则版本"), on_delete=models.PROTECT, related_name="+"
    )
    signer = models.ForeignKey(
        Person, verbose_name=_("签发人"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    signed_at = models.DateTimeField(_("签发时间"), null=True, blank=True)
    signer_position = models.CharField(_("签发人职务"), max_length=120, blank=True)
    signer_acting_for = models.CharField(
        _("代行职务"),
        max_length=120,
        blank=True,
        help_text=_("签发人代行他人职务签发的，记录所代的职务（如“州长”）；签发时记录，此后不变"),
    )
    recheck_signer = models.ForeignKey(
        Person,
        verbose_name=_("待复核的原签发人"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("签发后作实质性修改的，退回原签发人复核签发；复核签发后清空"),
    )
    number = models.CharField(_("发文字号"), max_length=60, blank=True)
    signing_facts = models.JSONField(
        _("签发依据事实"),
        default=dict,
        blank=True,
        help_text=_("认定签发人所需的事实（见 zhengwu.documents.rules.signing.OutgoingFacts）"),
    )
    issued_at = models.DateTimeField(_("印发时间"), null=True, blank=True)
    received_at = models.DateTimeField(_("签收登记时间"), null=True, blank=True)
    received_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("签收登记人"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    major = models.BooleanField(_("重大事项"), default=False, help_text=_("重大事项报州长审批"))
    disagreement_reasons = models.TextField(
        _("各方理据"), blank=True, help_text=_("会签单位有分歧时，主办单位列明各方理据")
    )
    disagreement_proposal = models.TextField(_("办理建议"), blank=True)
    note = models.CharField(_("附注"), max_length=300, blank=True)
    disclosure = models.CharField(
        _("公开属性"), max_length=12, choices=Disclosure.choices, default=Disclosure.ON_REQUEST
    )
    disclosure_reason = models.CharField(_("不予公开理由"), max_length=300, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("起草人"), on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("创建时间"))

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("公文")
        verbose_name_plural = _("公文")
        indexes = [models.Index(fields=["flow", "state"])]

    def __str__(self) -> str:
        return self.number or self.title

    @property
    def signer_label(self) -> str:
        """The signature as it was given: 「张建华（常务副州长，代州长）」, kept after the absence ends."""
        if self.signer is None:
            return ""
        if self.signer_acting_for:
            return f"{self.signer.name}（{self.signer_position}，代{self.signer_acting_for}）"
        return f"{self.signer.name}（{self.signer_position}）" if self.signer_position else self.signer.name


class DocumentVersion(models.Model):
    """Every version of the 正文 is kept; the signed one is frozen."""

    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField(_("版本"))
    body = models.TextField(_("正文"))
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(_("时间"))
    frozen = models.BooleanField(_("已签发冻结"), default=False)

    class Meta:
        ordering = ["document", "number"]
        constraints = [models.UniqueConstraint(fields=["document", "number"], name="document_version_unique")]

    def __str__(self) -> str:
        return f"{self.document} v{self.number}"


class CountersignState(models.TextChoices):
    PENDING = countersign_rules.CountersignState.PENDING, _("待回复")
    AGREED = countersign_rules.CountersignState.AGREED, _("同意")
    AGREED_WITH_COMMENTS = countersign_rules.CountersignState.AGREED_WITH_COMMENTS, _("原则同意，有修改意见")
    DISAGREED = countersign_rules.CountersignState.DISAGREED, _("不同意")
    SILENT_CONSENT = countersign_rules.CountersignState.SILENT_CONSENT, _("逾期未回复，视为无不同意见")


class ExtensionState(models.TextChoices):
    NONE = countersign_rules.ExtensionState.NONE, _("无")
    REQUESTED = countersign_rules.ExtensionState.REQUESTED, _("已申请延期")
    GRANTED = countersign_rules.ExtensionState.GRANTED, _("已同意延期")
    REFUSED = countersign_rules.ExtensionState.REFUSED, _("不同意延期")


class CountersignTask(models.Model):
    """会签 (art. 50): a unit whose powers a 请示 touches agrees, comments or disagrees."""

    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="countersigns")
    unit = models.ForeignKey(Unit, verbose_name=_("会签单位"), on_delete=models.PROTECT, related_name="countersigns")
    requested_at = models.DateTimeField(_("发起时间"))
    due = models.DateField(_("回复期限"))
    state = models.CharField(
        _("状态"), max_length=30, choices=CountersignState.choices, default=CountersignState.PENDING
    )
    reply = models.TextField(_("回复意见"), blank=True)
    replied_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    replied_at = models.DateTimeField(_("回复时间"), null=True, blank=True)
    extension_state = models.CharField(
        pgettext_lazy("noun", "延期"),
        max_length=20,
        choices=ExtensionState.choices,
        default=ExtensionState.NONE,
        blank=True,
    )
    extension_until = models.DateField(_("申请延至"), null=True, blank=True)
    extension_reason = models.CharField(_("延期理由"), max_length=300, blank=True)
    statement_signed_at = models.DateTimeField(
        _("分歧说明会签时间"), null=True, blank=True, help_text=_("主办单位列明各方理据后，相关单位会签")
    )

    class Meta:
        ordering = ["document", "unit__sort_order"]
        constraints = [models.UniqueConstraint(fields=["document", "unit"], name="countersign_unit_unique")]
        indexes = [models.Index(fields=["due"], condition=models.Q(state="pending"), name="countersign_pending_due")]

    def __str__(self) -> str:
        return f"{self.document} · {self.unit}"


class NumberSequence(models.Model):
    """One gapless sequence per 机关代字 + 发文类别 and year: 克政发〔2026〕N号."""

    prefix = models.CharField(_("代字"), max_length=30)
    year = models.PositiveIntegerField(_("年份"))
    last = models.PositiveIntegerField(_("已用至"), default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["prefix", "year"], name="number_sequence_unique")]

    def __str__(self) -> str:
        return f"{self.prefix}〔{self.year}〕{self.last}号"


class IssuedNumber(models.Model):
    """Every number taken, with the document it went to or the reason it was cancelled."""

    prefix = models.CharField(_("代字"), max_length=30)
    year = models.PositiveIntegerField(_("年份"))
    serial = models.PositiveIntegerField(_("顺序号"))
    document = models.ForeignKey(Document, null=True, blank=True, on_delete=models.PROTECT, related_name="numbers")
    taken_at = models.DateTimeField(_("取号时间"))
    cancelled_at = models.DateTimeField(_("作废时间"), null=True, blank=True)
    cancel_reason = models.CharField(_("作废原因"), max_length=300, blank=True)

    class Meta:
        ordering = ["prefix", "year", "serial"]
        constraints = [models.UniqueConstraint(fields=["prefix", "year", "serial"], name="issued_number_unique")]

    def __str__(self) -> str:
        return f"{self.prefix}〔{self.year}〕{self.serial}号"


class OpinionKind(models.TextChoices):
    CHECK_RETURN = "return", _("退文理由")
    REVIEW_RETURN = "review_return", _("审核退回意见")
    REVIEW_PASSED = "review_passed", _("审核意见")
    SIGNING_STEP = "signing_step", _("签发前审核、同意")
    OFFICE_OPINION = "office_opinion", _("拟办意见")
    PASS_ON = "pass_on", _("转请其他领导核批")
    INSTRUCTION = "instruction", _("批示")
    LEGAL_REVIEW = "legal_review", _("合法性审核意见")
    JOINT_COUNTERSIGN = "joint_countersign", _("联合发文会签")


class Opinion(models.Model):
    """What people wrote on a document: the office's 拟办, leaders' 批示, reasons for a return."""

    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="opinions")
    kind = models.CharField(_("类别"), max_length=20, choices=OpinionKind.choices)
    text = models.TextField(_("内容"))
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    author_name = models.CharField(_("署名"), max_length=60)
    author_position = models.CharField(_("职务"), max_length=120, blank=True)
    addressed_to = models.ForeignKey(
        Person, verbose_name=_("呈送"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    passed = models.BooleanField(
        _("审核结论"), null=True, blank=True, help_text=_("合法性审核：通过或未通过；其他意见为空")
    )
    unit = models.ForeignKey(
        Unit,
        verbose_name=_("代表单位"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("合法性审核单位，或会签的联合发文机关"),
    )
    version = models.ForeignKey(
        DocumentVersion,
        verbose_name=_("针对的正文版本"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        help_text=_("合法性审核、联合发文会签、签发前审核同意针对的正文版本；此后修改正文须重新办理"),
    )
    created_at = models.DateTimeField(_("时间"))

    class Meta:
        ordering = ["document", "created_at", "id"]
        verbose_name = _("意见")
        verbose_name_plural = _("意见")

    def __str__(self) -> str:
        return f"{self.get_kind_display()}：{self.text[:30]}"


class Delivery(models.Model):
    """核发: an issued document delivered to a recipient unit's inbox, where it arrives as incoming.

    When the document's number is cancelled (作废发文字号) its issue is withdrawn: every delivery
    is marked withdrawn (``withdrawn_at``, ``withdrawn_reason``) and leaves the recipients' inboxes;
    it is kept for the record.  A document issued again gets new deliveries, so a unit and a 份号
    are unique among a document's deliveries that stand."""

    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="deliveries")
    unit = models.ForeignKey(Unit, verbose_name=_("收文单位"), on_delete=models.PROTECT, related_name="inbox")
    copy_number = models.PositiveIntegerField(_("份号"))
    is_copy = models.BooleanField(_("抄送"), default=False)
    delivered_at = models.DateTimeField(_("送达时间"))
    received_at = models.DateTimeField(_("签收时间"), null=True, blank=True)
    received_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    withdrawn_at = models.DateTimeField(
        _("撤回时间"), null=True, blank=True, help_text=_("发文字号作废、撤回印发时记录；撤回的来文不再出现在收文箱中")
    )
    withdrawn_reason = models.CharField(_("撤回原因"), max_length=300, blank=True)

    class Meta:
        ordering = ["document", "copy_number"]
        verbose_name = _("分送")
        verbose_name_plural = _("分送")
        constraints = [
            models.UniqueConstraint(
                fields=["document", "unit"], condition=models.Q(withdrawn_at__isnull=True), name="delivery_unit_unique"
            ),
            models.UniqueConstraint(
                fields=["document", "copy_number"],
                condition=models.Q(withdrawn_at__isnull=True),
                name="delivery_copy_number_unique",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.document} → {self.unit}"


class FilingState(models.TextChoices):
    PENDING = filing_rules.FilingState.PENDING, _("待报备")
    FILED = filing_rules.FilingState.FILED, _("已报备")


class FilingObligation(models.Model):
    """报备 (art. 49): a department document marked 「经自治州人民政府同意」 is filed with the
    government office within 30 days of issue (parameter ``filing.agreed_document_days``).

    ``overdue_at`` is when the worker recorded the obligation overdue (24:00 of the due day);
    ``filed_late`` says a filing came after the due day had ended."""

    document = models.OneToOneField(Document, on_delete=models.CASCADE, related_name="filing")
    unit = models.ForeignKey(Unit, verbose_name=_("报备单位"), on_delete=models.PROTECT, related_name="filings")
    issued_on = models.DateField(_("印发日期"))
    due = models.DateField(_("报备期限"))
    state = models.CharField(_("状态"), max_length=20, choices=FilingState.choices, default=FilingState.PENDING)
    filed_at = models.DateTimeField(_("报备时间"), null=True, blank=True)
    filed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("报备人"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    filed_late = models.BooleanField(_("逾期报备"), default=False)
    note = models.CharField(_("报备说明"), max_length=300, blank=True)
    reminded_at = models.DateTimeField(_("催办时间"), null=True, blank=True)
    overdue_at = models.DateTimeField(_("逾期记录时间"), null=True, blank=True)
    created_at = models.DateTimeField(_("创建时间"))

    class Meta:
        ordering = ["due", "id"]
        verbose_name = _("报备事项")
        verbose_name_plural = _("报备事项")
        indexes = [models.Index(fields=["due"], condition=models.Q(state="pending"), name="filing_pending_due")]

    def __str__(self) -> str:
        return f"{self.document} 报备（{self.due:%Y-%m-%d}前）"

    @property
    def overdue(self) -> bool:
        """Recorded overdue by the worker (whether or not it has been filed since)."""
        return self.overdue_at is not None


class Retention(models.TextChoices):
    """保管期限 of 文书档案: 永久, 定期30年, 定期10年 (国家档案局《机关文件材料归档范围和文书档案保管期限规定》)."""

    TEN_YEARS = archive_rules.Retention.TEN_YEARS, _("定期10年")
    THIRTY_YEARS = archive_rules.Retention.THIRTY_YEARS, _("定期30年")
    PERMANENT = archive_rules.Retention.PERMANENT, _("永久")


class ArchivePackage(models.Model):
    """归档 (art. 53): a document's whole dossier as one ZIP in the file storage, with a manifest of
    SM3 checksums; the manifest's own SM3 is kept here, so the package can be verified later."""

    document = models.OneToOneField(Document, on_delete=models.PROTECT, related_name="archive")
    path = models.CharField(_("存储路径"), max_length=300, unique=True)
    manifest_sm3 = models.CharField(_("清单SM3"), max_length=64)
    size = models.PositiveBigIntegerField(_("大小（字节）"))
    file_count = models.PositiveIntegerField(_("文件数"))
    retention = models.CharField(_("保管期限"), max_length=20, choices=Retention.choices)
    retention_years = models.PositiveSmallIntegerField(
        _("保管年限"), null=True, blank=True, help_text=_("永久保管为空")
    )
    destroy_after = models.DateField(
        _("保管期满日"), null=True, blank=True, help_text=_("期满后方可鉴定销毁；永久保管为空")
    )
    created_at = models.DateTimeField(_("归档时间"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("归档人"), on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("归档包")
        verbose_name_plural = _("归档包")

    def __str__(self) -> str:
        return f"{self.document} 归档包"


class Attachment(models.Model):
    """附件: a file that belongs to a document, kept through the storage API with its SM3."""

    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="attachments")
    position = models.PositiveIntegerField(_("序号"))
    name = models.CharField(_("附件名称"), max_length=200)
    file = models.FileField(_("文件"), upload_to="attachments/%Y/")
    size = models.PositiveBigIntegerField(_("大小"))
    sm3 = models.CharField(_("SM3"), max_length=64)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    uploaded_at = models.DateTimeField(_("上传时间"))

    class Meta:
        ordering = ["document", "position"]
        verbose_name = _("附件")
        verbose_name_plural = _("附件")
        constraints = [models.UniqueConstraint(fields=["document", "position"], name="attachment_position_unique")]

    def __str__(self) -> str:
        return f"附件{self.position}：{self.name}"
