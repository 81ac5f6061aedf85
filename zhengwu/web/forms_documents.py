"""Forms of the 公文 pages: they parse the shape of input only; the documents actions decide."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from zhengwu.documents.models import Classification, CountersignState, Disclosure, DocState, DocType, Urgency
from zhengwu.org.models import Person, Unit, UnitKind

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
SUBMISSION_TYPES = [(DocType.REQUEST.value, DocType.REQUEST.label), (DocType.REPORT.value, DocType.REPORT.label),
                    (DocType.OPINION.value, DocType.OPINION.label)]
# 发文类别 of the 发文字号 (zhengwu.documents.numbering.PREFIX_KINDS)
NUMBER_KINDS = [("fa", _("发（如克政发、克政办发）")), ("han", _("函（如克政函、克政办函）")),
                ("dian", _("电（明传电报）"))]


def units() -> QuerySet[Unit]:
    return Unit.objects.order_by("sort_order", "code")


def consultable_units() -> QuerySet[Unit]:
    """Units a 请示 may be countersigned by (not the government itself, nor bodies outside it)."""
    return units().exclude(kind__in=[UnitKind.GOVERNMENT, UnitKind.SUPERIOR])


class UnitMultipleChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return str(obj.short_name or obj.name)


class UnitChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return str(obj.short_name or obj.name)


def lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


class SubmissionForm(forms.Form):
    """A county's or a department's 请示 or 报告 to the government (arts. 48, 50)."""

    issuer = UnitChoiceField(label=_("报送单位"), queryset=units())
    doc_type = forms.ChoiceField(label=_("文种"), choices=SUBMISSION_TYPES, initial=DocType.REQUEST)
    title = forms.CharField(label=_("标题"), max_length=300,
                            help_text=_("发文机关 + 事由 + 文种，例如“关于……的请示”"))
    body = forms.CharField(label=_("正文"), widget=forms.Textarea(attrs={"rows": 10}))
    request_items = forms.CharField(
        label=_("请示事项"), required=False, widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("每行一项。请示应当一文一事（第四十八条）；报告不得夹带请示事项。"),
    )
    main_recipient = UnitChoiceField(label=_("主送机关"), queryset=units(),
                                     help_text=_("只主送一个上级机关，其他机关抄送（第四十八条）"))
    copy_recipients = UnitMultipleChoiceField(label=_("抄送机关"), queryset=units(), required=False,
                                              widget=forms.SelectMultiple(attrs={"size": 5}))
    classification = forms.ChoiceField(label=_("密级"), choices=Classification.choices,
                                       initial=Classification.NONE)
    urgency = forms.ChoiceField(label=_("紧急程度"), choices=Urgency.choices, initial=Urgency.NORMAL)
    countersign_units = UnitMultipleChoiceField(
        label=_("会签单位"), queryset=consultable_units(), required=False,
        widget=forms.SelectMultiple(attrs={"size": 5}),
        help_text=_("请示涉及其他部门职权的，应当主动与相关部门协商会签（第五十条）；可稍后在公文页发起。"),
    )

    def __init__(self, *args: Any, issuers: QuerySet[Unit] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if issuers is not None:
            field = self.fields["issuer"]
            assert isinstance(field, forms.ModelChoiceField)
            field.queryset = issuers
            if issuers.count() == 1:
                field.initial = issuers.first()


class ReviseForm(forms.Form):
    title = forms.CharField(label=_("标题"), max_length=300)
    body = forms.CharField(label=_("正文"), widget=forms.Textarea(attrs={"rows": 10}))
    request_items = forms.CharField(label=_("请示事项"), required=False, widget=forms.Textarea(attrs={"rows": 3}),
                                    help_text=_("每行一项"))


class CountersignRequestForm(forms.Form):
    units = UnitMultipleChoiceField(label=_("会签单位"), queryset=consultable_units(),
                                    widget=forms.SelectMultiple(attrs={"size": 6}))
    due = forms.DateField(label=_("回复期限"), required=False, widget=DATE_WIDGET,
                          help_text=_("不填则为7个工作日（第五十条）"))


class ReplyForm(forms.Form):
    state = forms.ChoiceField(label=_("会签意见"), choices=[
        (CountersignState.AGREED.value, CountersignState.AGREED.label),
        (CountersignState.AGREED_WITH_COMMENTS.value, CountersignState.AGREED_WITH_COMMENTS.label),
        (CountersignState.DISAGREED.value, CountersignState.DISAGREED.label),
    ])
    text = forms.CharField(label=_("意见或理由"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


class ExtensionForm(forms.Form):
    until = forms.DateField(label=_("申请延至"), widget=DATE_WIDGET)
    reason = forms.CharField(label=_("延期理由"), max_length=300)


class DecideExtensionForm(forms.Form):
    grant = forms.TypedChoiceField(label=_("答复"), coerce=lambda v: v == "1",
                                   choices=[("1", _("同意延期")), ("0", _("不同意延期"))])


class StatementForm(forms.Form):
    reasons = forms.CharField(label=_("各方理据"), widget=forms.Textarea(attrs={"rows": 3}))
    proposal = forms.CharField(label=_("办理建议"), widget=forms.Textarea(attrs={"rows": 2}))


class OfficeOpinionForm(forms.Form):
    text = forms.CharField(label=_("拟办意见"), widget=forms.Textarea(attrs={"rows": 3}))
    major = forms.BooleanField(label=_("重大事项，呈州长审批"), required=False,
                               help_text=_("重大事项报州长审批（第五十一条）"))


class PassOnForm(forms.Form):
    to_person = forms.ModelChoiceField(label=_("转请"), queryset=Person.objects.none())
    text = forms.CharField(label=_("意见"), required=False, max_length=500)

    def __init__(self, *args: Any, leaders: QuerySet[Person] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if leaders is not None:
            field = self.fields["to_person"]
            assert isinstance(field, forms.ModelChoiceField)
            field.queryset = leaders


class InstructForm(forms.Form):
    text = forms.CharField(label=_("批示"), widget=forms.Textarea(attrs={"rows": 3}))


class ListFilterForm(forms.Form):
    state = forms.ChoiceField(label=_("状态"), required=False,
                              choices=[("", _("全部")), *DocState.choices])
    q = forms.CharField(label=_("标题或文号"), required=False, max_length=100)


class OutgoingForm(forms.Form):
    """A government, office or unit document going out (起草, 公文条例 art. 18)."""

    issuer = UnitChoiceField(label=_("发文机关"), queryset=units())
    doc_type = forms.ChoiceField(label=_("文种"), choices=DocType.choices, initial=DocType.NOTICE)
    title = forms.CharField(label=_("标题"), max_length=300)
    body = forms.CharField(label=_("正文"), widget=forms.Textarea(attrs={"rows": 10}))
    main_recipients = UnitMultipleChoiceField(label=_("主送机关"), queryset=units(),
                                              widget=forms.SelectMultiple(attrs={"size": 5}))
    copy_recipients = UnitMultipleChoiceField(label=_("抄送机关"), queryset=units(), required=False,
                                              widget=forms.SelectMultiple(attrs={"size": 5}))
    classification = forms.ChoiceField(label=_("密级"), choices=Classification.choices,
                                       initial=Classification.NONE)
    urgency = forms.ChoiceField(label=_("紧急程度"), choices=Urgency.choices, initial=Urgency.NORMAL)
    disclosure = forms.ChoiceField(label=_("公开属性"), choices=Disclosure.choices, initial=Disclosure.ON_REQUEST,
                                   required=False)
    disclosure_reason = forms.CharField(label=_("不予公开理由"), max_length=300, required=False)
    replies_to = forms.IntegerField(widget=forms.HiddenInput, required=False)
    # The facts art. 49 needs to say who signs (zhengwu.documents.rules.signing.OutgoingFacts).
    important = forms.BooleanField(label=_("重要公文"), required=False)
    on_leader_instruction = forms.BooleanField(label=_("州人民政府领导批示办理"), required=False)
    within_office_competence = forms.BooleanField(label=_("属办公室职权范围"), required=False)
    published_instrument = forms.BooleanField(label=_("规范性文件、决定或命令"), required=False)
    to_people_congress = forms.BooleanField(label=_("向州人大及其常委会提出的议案或人事任免"), required=False)
    to_region_departments = forms.BooleanField(label=_("向自治区各委、办、厅、局行文"), required=False)
    agreed_by_government = forms.BooleanField(label=_("冠以“经自治州人民政府同意”"), required=False)

    SIGNING_FACTS = ("important", "on_leader_instruction", "within_office_competence", "published_instrument",
                     "to_people_congress", "to_region_departments", "agreed_by_government")

    def __init__(self, *args: Any, issuers: QuerySet[Unit] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if issuers is not None:
            field = self.fields["issuer"]
            assert isinstance(field, forms.ModelChoiceField)
            field.queryset = issuers

    def signing_facts(self) -> dict[str, bool]:
        return {k: True for k in self.SIGNING_FACTS if self.cleaned_data.get(k)}


class OutgoingReviseForm(forms.Form):
    title = forms.CharField(label=_("标题"), max_length=300)
    body = forms.CharField(label=_("正文"), widget=forms.Textarea(attrs={"rows": 10}))


class ReviewForm(forms.Form):
    approve = forms.TypedChoiceField(label=_("审核结论"), coerce=lambda v: v == "1",
                                     choices=[("1", _("审核通过，送签")), ("0", _("退回修改"))])
    opinion = forms.CharField(label=_("审核意见"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


class SigningStepForm(forms.Form):
    text = forms.CharField(label=_("意见"), widget=forms.Textarea(attrs={"rows": 2}))


class IssueForm(forms.Form):
    number_kind = forms.ChoiceField(label=_("发文类别"), choices=NUMBER_KINDS, initial="fa")
