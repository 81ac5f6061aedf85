"""Forms of the 公文 pages: they parse the shape of input only; the documents actions decide."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from zhengwu.documents.models import (
    Classification,
    CountersignState,
    Disclosure,
    DocState,
    DocType,
    Document,
    Opinion,
    Urgency,
)
from zhengwu.documents.rules.intake import RETURN_GROUND_LABELS
from zhengwu.org.models import Person, Unit, UnitKind
from zhengwu.rulebook.citing import article_lazy, cite_lazy

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
SUBMISSION_TYPES = [
    (DocType.REQUEST.value, DocType.REQUEST.label),
    (DocType.REPORT.value, DocType.REPORT.label),
    (DocType.OPINION.value, DocType.OPINION.label),
]
# 发文类别 of the 发文字号 (zhengwu.documents.numbering.PREFIX_KINDS)
NUMBER_KINDS = [
    ("fa", _("发（如克政发、克政办发）")),
    ("han", _("函（如克政函、克政办函）")),
    ("dian", _("电（明传电报）")),
]


def units() -> QuerySet[Unit]:
    return Unit.objects.order_by("sort_order", "code")


def concerned_choices() -> QuerySet[Unit]:
    """Units whose 分管 leader art. 49 may name: the government's departments, units and counties."""
    return units().exclude(kind__in=[UnitKind.GOVERNMENT, UnitKind.SUPERIOR])


def consultable_units() -> QuerySet[Unit]:
    """Units a 请示 may be countersigned by (not the government itself, nor bodies outside it)."""
    return units().exclude(kind__in=[UnitKind.GOVERNMENT, UnitKind.SUPERIOR])


class UnitMultipleChoiceField(forms.ModelMultipleChoiceField):  # type: ignore[type-arg]  # generic only in the stubs
    def label_from_instance(self, obj: Any) -> str:
        return str(obj.short_name or obj.name)


class UnitChoiceField(forms.ModelChoiceField):  # type: ignore[type-arg]  # generic only in the stubs
    def label_from_instance(self, obj: Any) -> str:
        return str(obj.short_name or obj.name)


def lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


class SubmissionForm(forms.Form):
    """A county's or a department's 请示 or 报告 to the government (arts. 48, 50)."""

    issuer = UnitChoiceField(label=_("报送单位"), queryset=units())
    doc_type = forms.ChoiceField(label=_("文种"), choices=SUBMISSION_TYPES, initial=DocType.REQUEST)
    title = forms.CharField(label=_("标题"), max_length=300, help_text=_("发文机关 + 事由 + 文种，例如“关于……的请示”"))
    body = forms.CharField(label=_("正文"), widget=forms.Textarea(attrs={"rows": 10}))
    request_items = forms.CharField(
        label=_("请示事项"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=format_lazy(
            _("每行一项。请示应当一文一事{art}；报告不得夹带请示事项。"), art=cite_lazy("intake.one_matter")
        ),
    )
    main_recipient = UnitChoiceField(
        label=_("主送机关"),
        queryset=units(),
        help_text=format_lazy(_("只主送一个上级机关，其他机关抄送{art}"), art=cite_lazy("intake.one_superior")),
    )
    copy_recipients = UnitMultipleChoiceField(
        label=_("抄送机关"), queryset=units(), required=False, widget=forms.SelectMultiple(attrs={"size": 5})
    )
    classification = forms.ChoiceField(label=_("密级"), choices=Classification.choices, initial=Classification.NONE)
    urgency = forms.ChoiceField(label=_("紧急程度"), choices=Urgency.choices, initial=Urgency.NORMAL)
    countersign_units = UnitMultipleChoiceField(
        label=_("会签单位"),
        queryset=consultable_units(),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 5}),
        help_text=format_lazy(
            _("请示涉及其他部门职权的，应当主动与相关部门协商会签{art}；可稍后在公文页发起。"),
            art=cite_lazy("countersign.consult"),
        ),
    )
    skip_level_reason = forms.CharField(
        label=_("越级行文的特殊情况"),
        required=False,
        max_length=300,
        help_text=format_lazy(
            _("一般不得越级行文；特殊情况确需越级的，写明理由，并抄送被越过的机关{art}。"),
            art=cite_lazy("intake.no_skipping_levels"),
        ),
    )
    addressed_person = forms.ModelChoiceField(
        label=_("直接报送领导同志"),
        queryset=Person.objects.none(),
        required=False,
        help_text=format_lazy(
            _("一般不得直接报送领导同志个人，领导同志交办的事项除外：须注明交办的批示或公文{art}。"),
            art=cite_lazy("intake.not_to_individual"),
        ),
    )
    assignment_opinion = forms.ModelChoiceField(
        label=_("交办的批示"),
        queryset=Opinion.objects.none(),
        required=False,
        help_text=_("本件答复的领导批示"),
    )
    assignment_document = forms.ModelChoiceField(
        label=_("交办的公文"),
        queryset=Document.objects.none(),
        required=False,
        help_text=_("或：领导同志签发、批示交办的公文"),
    )

    def __init__(
        self,
        *args: Any,
        issuers: QuerySet[Unit] | None = None,
        leaders: QuerySet[Person] | None = None,
        instructions: QuerySet[Opinion] | None = None,
        assigning: QuerySet[Document] | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        if issuers is not None:
            field = self.fields["issuer"]
            assert isinstance(field, forms.ModelChoiceField)
            field.queryset = issuers
            if issuers.count() == 1:
                field.initial = issuers.first()
        for name, queryset in (
            ("addressed_person", leaders),
            ("assignment_opinion", instructions),
            ("assignment_document", assigning),
        ):
            if queryset is not None:
                choice = self.fields[name]
                assert isinstance(choice, forms.ModelChoiceField)
                choice.queryset = queryset
        self.fields["assignment_opinion"].label_from_instance = (  # type: ignore[attr-defined]
            lambda o: f"{o.author_name}：{o.text[:30]}（《{o.document.title}》，{o.created_at:%Y-%m-%d}）"
        )
        self.fields["assignment_document"].label_from_instance = (  # type: ignore[attr-defined]
            lambda d: f"{d.number}《{d.title}》" if d.number else f"《{d.title}》"
        )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("assignment_opinion") and data.get("assignment_document"):
            self.add_error("assignment_document", _("交办依据只注明一项：批示或公文。"))
        return data

    def leader_assignment(self) -> Opinion | Document | None:
        return self.cleaned_data.get("assignment_opinion") or self.cleaned_data.get("assignment_document")


class OfficeReturnForm(forms.Form):
    """退文 (art. 52): the grounds the rule gives, and the reason the office writes (always)."""

    grounds = forms.MultipleChoiceField(
        label=_("退文依据"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        choices=list(RETURN_GROUND_LABELS.items()),
        help_text=format_lazy(
            _("{art}规定的情形；其他不符合要求的，直接写明理由"),
            art=article_lazy("review.return_with_reasons", short=True),
        ),
    )
    reason = forms.CharField(
        label=_("退文理由"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("写明本件不符合要求之处，报文单位据此修改或另行处理"),
    )


class ReviseForm(forms.Form):
    title = forms.CharField(label=_("标题"), max_length=300)
    body = forms.CharField(label=_("正文"), widget=forms.Textarea(attrs={"rows": 10}))
    request_items = forms.CharField(
        label=_("请示事项"), required=False, widget=forms.Textarea(attrs={"rows": 3}), help_text=_("每行一项")
    )


class CountersignRequestForm(forms.Form):
    units = UnitMultipleChoiceField(
        label=_("会签单位"), queryset=consultable_units(), widget=forms.SelectMultiple(attrs={"size": 6})
    )
    due = forms.DateField(
        label=_("回复期限"),
        required=False,
        widget=DATE_WIDGET,
        help_text=format_lazy(_("不填则为7个工作日{art}"), art=cite_lazy("countersign.reply")),
    )


class ReplyForm(forms.Form):
    state = forms.ChoiceField(
        label=_("会签意见"),
        choices=[
            (CountersignState.AGREED.value, CountersignState.AGREED.label),
            (CountersignState.AGREED_WITH_COMMENTS.value, CountersignState.AGREED_WITH_COMMENTS.label),
            (CountersignState.DISAGREED.value, CountersignState.DISAGREED.label),
        ],
    )
    text = forms.CharField(label=_("意见或理由"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


class ExtensionForm(forms.Form):
    until = forms.DateField(label=_("申请延至"), widget=DATE_WIDGET)
    reason = forms.CharField(label=_("延期理由"), max_length=300)


class DecideExtensionForm(forms.Form):
    grant = forms.TypedChoiceField(
        label=_("答复"), coerce=lambda v: v == "1", choices=[("1", _("同意延期")), ("0", _("不同意延期"))]
    )


class StatementForm(forms.Form):
    reasons = forms.CharField(label=_("各方理据"), widget=forms.Textarea(attrs={"rows": 3}))
    proposal = forms.CharField(label=_("办理建议"), widget=forms.Textarea(attrs={"rows": 2}))


class OfficeOpinionForm(forms.Form):
    text = forms.CharField(label=_("拟办意见"), widget=forms.Textarea(attrs={"rows": 3}))
    major = forms.BooleanField(
        label=_("重大事项，呈州长审批"),
        required=False,
        help_text=format_lazy(_("重大事项报州长审批{art}"), art=cite_lazy("review.routing")),
    )


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
    state = forms.ChoiceField(label=_("状态"), required=False, choices=[("", _("全部")), *DocState.choices])
    q = forms.CharField(label=_("标题或文号"), required=False, max_length=100)


class OutgoingForm(forms.Form):
    """A government, office or unit document going out (起草, 公文条例 art. 18).

    Who signs (art. 49) is worked out from the document itself: its 文种 (决定、命令、议案), its issuing
    body, its main recipients (自治区人民政府、州党委、州人大常委会、州人民政府) and its 主办/涉及 units;
    the boxes below are only for what the document cannot show.  The documents action checks them
    against the document and names the field when one does not fit."""

    issuer = UnitChoiceField(label=_("发文机关"), queryset=units(), help_text=_("联合发文的，为主办机关"))
    doc_type = forms.ChoiceField(label=_("文种"), choices=DocType.choices, initial=DocType.NOTICE)
    title = forms.CharField(label=_("标题"), max_length=300)
    body = forms.CharField(label=_("正文"), widget=forms.Textarea(attrs={"rows": 10}))
    main_recipients = UnitMultipleChoiceField(
        label=_("主送机关"), queryset=units(), widget=forms.SelectMultiple(attrs={"size": 5})
    )
    copy_recipients = UnitMultipleChoiceField(
        label=_("抄送机关"), queryset=units(), required=False, widget=forms.SelectMultiple(attrs={"size": 5})
    )
    co_issuers = UnitMultipleChoiceField(
        label=_("联合发文机关"),
        queryset=units(),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 4}),
        help_text=format_lazy(
            _("联合发文时，主办机关以外的其他发文机关；签发前须经各机关负责人会签{art}"),
            art=cite_lazy("countersign.consult"),
        ),
    )
    concerned_units = UnitMultipleChoiceField(
        label=_("主办、涉及单位"),
        queryset=concerned_choices(),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 5}),
        help_text=format_lazy(
            _(
                "本件事项的主办、涉及部门或县（市），据以确定审核、签发的分管领导同志{art}。"
                "答复来文的，默认为来文单位；部门发文，本部门和联合发文部门总在其列"
            ),
            art=cite_lazy("signing.authority"),
        ),
    )
    classification = forms.ChoiceField(label=_("密级"), choices=Classification.choices, initial=Classification.NONE)
    secrecy_period = forms.CharField(
        label=_("保密期限"),
        max_length=40,
        required=False,
        help_text=_("标注密级的公文必填，如“10年”“长期”；非密公文不填"),
    )
    urgency = forms.ChoiceField(label=_("紧急程度"), choices=Urgency.choices, initial=Urgency.NORMAL)
    note = forms.CharField(
        label=_("附注"), max_length=300, required=False, help_text=_("公文印发传达范围等需要说明的事项")
    )
    disclosure = forms.ChoiceField(
        label=_("公开属性"), choices=Disclosure.choices, initial=Disclosure.ON_REQUEST, required=False
    )
    disclosure_reason = forms.CharField(label=_("不予公开理由"), max_length=300, required=False)
    replies_to = forms.IntegerField(widget=forms.HiddenInput, required=False)
    # What art. 49 needs that the document cannot show (zhengwu.documents.rules.signing_facts.LABELS).
    important = forms.BooleanField(label=_("重要公文"), required=False)
    published_instrument = forms.BooleanField(
        label=_("州人民政府公布的规范性文件"),
        required=False,
        help_text=_("决定、命令按文种认定，不必勾选"),
    )
    for_approval_by = forms.ChoiceField(
        label=_("上报审批"),
        required=False,
        choices=[
            ("", _("否（主送自治区人民政府、州党委的自动认定）")),
            ("region_government", _("上报自治区人民政府审批")),
            ("party_committee", _("上报州党委审批")),
        ],
    )
    to_people_congress = forms.BooleanField(
        label=_("向州人大及其常委会提出的议案、人事任免"),
        required=False,
        help_text=_("议案和主送州人大常委会的公文自动认定"),
    )
    to_region_departments = forms.BooleanField(label=_("向自治区人民政府各委、办、厅、局行文"), required=False)
    on_leader_instruction = forms.BooleanField(label=_("办公室发文：州人民政府领导批示办理"), required=False)
    within_office_competence = forms.BooleanField(label=_("办公室发文：属办公室职权范围"), required=False)
    forwarding_request = forms.BooleanField(label=_("部门要求办公室转发的文件"), required=False)
    agreed_by_government = forms.BooleanField(
        label=_("部门发文冠以“经自治州人民政府同意”"),
        required=False,
        help_text=format_lazy(_("印发后30日内向州人民政府办公室报备{art}"), art=cite_lazy("signing.agreed_document")),
    )
    spans_portfolios = forms.BooleanField(
        label=_("涉及不同分管领域的部门联合发文"),
        required=False,
        help_text=_("联合发文部门分属不同分管领导的，自动认定"),
    )
    cooperation_agreement = forms.BooleanField(
        label=_("以州人民政府名义签订的合作协议"),
        required=False,
        help_text=format_lazy(_("签署前须经司法局合法性审核{art}"), art=cite_lazy("agreement.legal_review")),
    )

    SIGNING_FACTS = (
        "important",
        "published_instrument",
        "to_people_congress",
        "to_region_departments",
        "on_leader_instruction",
        "within_office_competence",
        "forwarding_request",
        "agreed_by_government",
        "spans_portfolios",
        "cooperation_agreement",
    )

    def __init__(self, *args: Any, issuers: QuerySet[Unit] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if issuers is not None:
            field = self.fields["issuer"]
            assert isinstance(field, forms.ModelChoiceField)
            field.queryset = issuers

    def signing_facts(self) -> dict[str, Any]:
        """The stated facts (ticked boxes, the approving superior) and the 主办/涉及 units' codes."""
        facts: dict[str, Any] = {k: True for k in self.SIGNING_FACTS if self.cleaned_data.get(k)}
        if self.cleaned_data.get("for_approval_by"):
            facts["for_approval_by"] = self.cleaned_data["for_approval_by"]
        concerned = self.cleaned_data.get("concerned_units")
        if concerned:
            facts["concerned_units"] = [u.code for u in concerned]
        return facts


class OutgoingReviseForm(forms.Form):
    title = forms.CharField(label=_("标题"), max_length=300)
    body = forms.CharField(label=_("正文"), widget=forms.Textarea(attrs={"rows": 10}))
    concerned_units = UnitMultipleChoiceField(
        label=_("主办、涉及单位"),
        queryset=concerned_choices(),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 5}),
        help_text=format_lazy(
            _("据以确定审核、签发的分管领导同志{art}；改动视同修改，须重新审核、签发"),
            art=cite_lazy("signing.authority"),
        ),
    )


class ReviewForm(forms.Form):
    approve = forms.TypedChoiceField(
        label=_("审核结论"), coerce=lambda v: v == "1", choices=[("1", _("审核通过，送签")), ("0", _("退回修改"))]
    )
    opinion = forms.CharField(label=_("审核意见"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


class SigningStepForm(forms.Form):
    text = forms.CharField(label=_("意见"), widget=forms.Textarea(attrs={"rows": 2}))


class JointCountersignForm(forms.Form):
    """联合发文会签 (art. 50): a co-issuer's head countersigns the current version."""

    text = forms.CharField(
        label=_("会签意见"),
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("不填记为“同意联合发文。”"),
    )


class LegalReviewForm(forms.Form):
    """合法性审核 (art. 52) of a cooperation agreement in the government's name."""

    passed = forms.TypedChoiceField(
        label=_("审核结论"), coerce=lambda v: v == "1", choices=[("1", _("合法，审核通过")), ("0", _("审核未通过"))]
    )
    opinion = forms.CharField(
        label=_("审核意见"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("未通过的，写明不合法或需修改之处"),
    )


class IssueForm(forms.Form):
    number_kind = forms.ChoiceField(label=_("发文类别"), choices=NUMBER_KINDS, initial="fa")
