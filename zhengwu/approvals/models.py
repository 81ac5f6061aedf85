"""Requests that need the government's approval in advance (arts. 57, 59, 60).

One register, three kinds of business: publications, inscriptions, speeches and signed articles
(art. 57); outbound delegations and the report after their return (art. 59); meetings with foreign
guests (art. 60).  Each request keeps the approver the rulebook named when it was filed and the
rulebook version it was filed under.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from zhengwu.org.models import Person, Unit
from zhengwu.rulebook.models import RulebookVersion


class Kind(models.TextChoices):
    BOOK = "book", _("出版著作、讲话单行本")
    CONGRATULATION = "congratulation", _("发贺信、贺电")
    INSCRIPTION = "inscription", _("题词、题字、作序")
    SPEECH = "speech", _("代表州人民政府发表讲话或文章")
    SIGNED_ARTICLE = "signed_article", _("个人发表署名文章")
    FOREIGN_MEETING = "foreign_meeting", _("会见外宾")
    DELEGATION = "delegation", _("因公出国（境）团组")


class State(models.TextChoices):
    SUBMITTED = "submitted", _("已报送，待审核审批")
    REVIEWED = "reviewed", _("外事办已审核，待批准")
    REFERRED = "referred", _("已报州党委审批")
    APPROVED = "approved", _("已批准")
    REFUSED = "refused", _("未批准")
    PUBLISHED = "published", _("已发表")
    RETURNED = "returned", _("已回国（境），待报送出访报告")
    REPORTED = "reported", _("已报送出访报告")


#: The three registers, by the article each keeps.
GROUPS = {
    "publications": (Kind.BOOK, Kind.CONGRATULATION, Kind.INSCRIPTION, Kind.SPEECH, Kind.SIGNED_ARTICLE),
    "foreign": (Kind.FOREIGN_MEETING,),
    "delegations": (Kind.DELEGATION,),
}


class ApprovalRequest(models.Model):
    kind = models.CharField(_("类别"), max_length=20, choices=Kind.choices)
    title = models.CharField(_("事项"), max_length=200)
    summary = models.TextField(_("内容摘要"), blank=True)
    counterpart = models.CharField(
        _("对象"), max_length=200, blank=True, help_text=_("出版单位、发表媒体或致贺对象；来宾；出访国家（地区）")
    )
    unit = models.ForeignKey(Unit, verbose_name=_("报批单位"), on_delete=models.PROTECT, related_name="+")
    author = models.ForeignKey(
        Person, verbose_name=_("报批人"), on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    planned_on = models.DateField(_("拟定日期"), null=True, blank=True)
    until = models.DateField(_("拟返回日期"), null=True, blank=True)
    members = models.PositiveSmallIntegerField(_("团组人数"), null=True, blank=True)
    important = models.BooleanField(_("重要来宾"), default=False)
    approver = models.CharField(_("审批机关"), max_length=30)
    state = models.CharField(_("状态"), max_length=20, choices=State.choices, default=State.SUBMITTED)
    review_opinion = models.TextField(_("外事办审核意见"), blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    reviewed_at = models.DateTimeField(_("审核时间"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    decided_as = models.CharField(_("审批人"), max_length=120, blank=True)
    decided_at = models.DateTimeField(_("审批时间"), null=True, blank=True)
    decision_note = models.TextField(_("审批意见"), blank=True)
    referred_at = models.DateTimeField(_("报州党委时间"), null=True, blank=True)
    committee_answer = models.TextField(_("州党委审批意见"), blank=True)
    approved_on = models.DateField(_("批准日期"), null=True, blank=True)
    published_on = models.DateField(_("发表日期"), null=True, blank=True)
    published_where = models.CharField(_("发表（出版）载体"), max_length=200, blank=True)
    returned_on = models.DateField(_("回国（境）日期"), null=True, blank=True)
    report_due = models.DateField(_("出访报告期限"), null=True, blank=True)
    report_text = models.TextField(_("出访报告"), blank=True)
    reported_on = models.DateField(_("报告日期"), null=True, blank=True)
    overdue = models.BooleanField(_("已逾期"), default=False)
    rulebook_version = models.ForeignKey(RulebookVersion, on_delete=models.PROTECT, related_name="+")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(_("报送时间"))
    is_demo = models.BooleanField(_("演示数据"), default=False)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("报批事项")
        verbose_name_plural = _("报批事项")

    def __str__(self) -> str:
        return f"{self.get_kind_display()}：{self.title}"
