"""Rulebook versions, their chapters and articles, and the parameters each version sets."""

from __future__ import annotations

import datetime as dt
import re

from django.conf import settings
from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _


class ArticleKind(models.TextChoices):
    ENFORCED = "E", _("系统强制")
    RECORDED = "R", _("系统记录")
    INFORMATIONAL = "I", _("仅供查阅")
    UNCLASSIFIED = "", _("未标注")


class RulebookVersion(models.Model):
    code = models.SlugField(_("规则代码"), max_length=60)
    title = models.CharField(_("名称"), max_length=200)
    short_title = models.CharField(_("简称"), max_length=40)
    version_label = models.CharField(_("版本"), max_length=40)
    effective_from = models.DateField(_("施行日期"))
    ceases_on = models.DateField(_("停止执行日期"), null=True, blank=True)
    document_number = models.CharField(_("文号"), max_length=60, blank=True)
    source_text = models.TextField(_("原文"))
    metadata = models.JSONField(_("元数据"), default=dict, blank=True)
    reconstructed = models.JSONField(_("重建记录"), default=list, blank=True)
    warnings = models.JSONField(_("疑点"), default=list, blank=True)
    imported_at = models.DateTimeField(_("导入时间"))
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("导入人"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    revision = models.PositiveIntegerField(_("修订号"), default=1, help_text=_("参数每修改一次加一"))
    supersedes = models.CharField(
        _("所替代的规则"),
        max_length=300,
        blank=True,
        help_text=_("本版本施行之日停止执行的旧规则（未导入本系统时，取自标注文件的 supersedes）"),
    )
    annotation_origin = models.JSONField(
        _("标注来源"),
        default=dict,
        blank=True,
        help_text=_("条款类别、条款要点和参数从何而来：标注文件，或继承自前一版本（含需复核之处）"),
    )

    class Meta:
        ordering = ["code", "-effective_from"]
        verbose_name = _("规则版本")
        verbose_name_plural = _("规则版本")
        constraints = [models.UniqueConstraint(fields=["code", "effective_from"], name="rulebook_version_unique")]

    def __str__(self) -> str:
        return f"《{self.title}》（{self.version_label}）"

    def in_force_on(self, day: dt.date) -> bool:
        return self.effective_from <= day and (self.ceases_on is None or day < self.ceases_on)

    @property
    def superseded_issued_on(self) -> dt.date | None:
        """The date the superseded rules were issued, read from :attr:`supersedes`
        (「2022年6月1日印发的《…》」 → 2022-06-01); None when it names no date."""
        match = re.search(r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日", self.supersedes)
        if match is None:
            return None
        try:
            return dt.date(*(int(g) for g in match.groups()))
        except ValueError:
            return None


class Chapter(models.Model):
    version = models.ForeignKey(RulebookVersion, on_delete=models.CASCADE, related_name="chapters")
    number = models.PositiveIntegerField(_("章"))
    title = models.CharField(_("标题"), max_length=100)
    title_reconstructed = models.BooleanField(_("标题系重建"), default=False)

    class Meta:
        ordering = ["version", "number"]
        constraints = [models.UniqueConstraint(fields=["version", "number"], name="chapter_unique")]

    def __str__(self) -> str:
        return f"第{self.number}章 {self.title}"


class Article(models.Model):
    version = models.ForeignKey(RulebookVersion, on_delete=models.CASCADE, related_name="articles")
    chapter = models.ForeignKey(Chapter, null=True, blank=True, on_delete=models.CASCADE, related_name="articles")
    number = models.PositiveIntegerField(_("条"))
    text = models.TextField(_("条文"))
    shown_as = models.CharField(_("原文编号"), max_length=20, blank=True)
    reconstructed = models.BooleanField(_("编号系重建"), default=False)
    kind = models.CharField(_("系统处理"), max_length=1, choices=ArticleKind.choices, blank=True, default="")
    does = models.TextField(_("系统如何执行"), blank=True)
    does_en = models.TextField(_("系统如何执行（英文）"), blank=True)
    provisions = models.JSONField(_("条款要点"), default=list, blank=True)

    class Meta:
        ordering = ["version", "number"]
        constraints = [models.UniqueConstraint(fields=["version", "number"], name="article_unique")]

    def __str__(self) -> str:
        return f"第{self.number}条"

    @property
    def does_shown(self) -> str:
        """What the system does with the article, in the interface's language (Chinese when no
        English text is given)."""
        if self.does_en and (get_language() or "").startswith("en"):
            return self.does_en
        return self.does


class Parameter(models.Model):
    version = models.ForeignKey(RulebookVersion, on_delete=models.CASCADE, related_name="parameters")
    key = models.CharField(_("参数"), max_length=80)
    value = models.JSONField(_("取值"))
    unit = models.CharField(_("单位"), max_length=20)
    article = models.PositiveIntegerField(_("依据条款"))
    description = models.CharField(_("说明"), max_length=300)
    note = models.TextField(_("来源原文"), blank=True, default="")

    class Meta:
        ordering = ["version", "article", "key"]
        constraints = [models.UniqueConstraint(fields=["version", "key"], name="parameter_unique")]

    def __str__(self) -> str:
        return f"{self.key} = {self.value}"


UNIT_LABELS = {
    "working_days": "个工作日",
    "days": "日",
    "months": "个月",
    "per_year": "次/年",
    "per_month": "次/月",
    "persons": "人",
    "minutes": "分钟（自然时间）",
    "hours": "小时（自然时间）",
    "approver": "审批机关",
}
