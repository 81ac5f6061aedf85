"""Forms of the organization's administration pages and of acting arrangements: shape only; the
actions (:mod:`zhengwu.org.admin_actions`, :mod:`zhengwu.org.actions`) decide."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from zhengwu.org.models import UNIT_FUNCTIONS, Person, Position, PositionKind, Unit, UnitKind
from zhengwu.org.rules import GOVERNMENT_LEADERS
from zhengwu.web.forms import DATE_WIDGET


class UnitForm(forms.Form):
    code = forms.CharField(
        label=_("单位代码"),
        max_length=40,
        help_text=_("小写字母、数字、连字符，用于网址和权限查询（如 head:tjj），设立后不能修改"),
    )
    name = forms.CharField(label=_("名称"), max_length=100)
    short_name = forms.CharField(label=_("简称"), max_length=40, required=False)
    kind = forms.ChoiceField(label=_("类别"), choices=UnitKind.choices)
    parent = forms.ModelChoiceField(
        label=_("上级单位"), queryset=Unit.objects.order_by("sort_order", "code"), required=False
    )
    is_component = forms.BooleanField(label=_("政府组成部门"), required=False)
    doc_prefix = forms.CharField(label=_("机关代字"), max_length=20, required=False, help_text=_("如：克政、克政办"))
    org_code = forms.CharField(
        label=_("组织机构代码"),
        max_length=18,
        required=False,
        help_text=_("9位组织机构代码（GB 11714）或18位统一社会信用代码（GB 32100），含校验码"),
    )
    functions = forms.MultipleChoiceField(
        label=_("承担职能"), choices=list(UNIT_FUNCTIONS.items()), required=False, widget=forms.CheckboxSelectMultiple
    )
    sort_order = forms.IntegerField(label=_("排序"), required=False)

    def __init__(self, *args: Any, editing: bool = False, **kwargs: Any):
        super().__init__(*args, **kwargs)
        if editing:
            del self.fields["code"]


class PositionForm(forms.Form):
    kind = forms.ChoiceField(label=_("职务类别"), choices=PositionKind.choices)
    title = forms.CharField(label=_("职务名称"), max_length=60, help_text=_("如：局长、副主任、文电科科员"))
    duties = forms.CharField(
        label=_("岗位职责"), max_length=100, required=False, help_text=_("如：文电、会务、督查、信息公开")
    )
    sort_order = forms.IntegerField(label=_("排序"), required=False)


class PersonForm(forms.Form):
    name = forms.CharField(label=_("姓名"), max_length=60)
    username = forms.CharField(label=_("登录账号"), max_length=150)
    password = forms.CharField(
        label=_("初始密码"),
        required=False,
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=_("留空则自动生成；密码只显示这一次，请当面或以安全方式交给本人"),
    )


class PersonNameForm(forms.Form):
    name = forms.CharField(label=_("姓名"), max_length=60)


class PasswordForm(forms.Form):
    password = forms.CharField(
        label=_("新密码"),
        required=False,
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=_("留空则自动生成；密码只显示这一次"),
    )


class AppointForm(forms.Form):
    person = forms.ModelChoiceField(label=_("人员"), queryset=Person.objects.order_by("id"))
    position = forms.ModelChoiceField(
        label=_("职务"),
        queryset=Position.objects.select_related("unit").order_by("unit__sort_order", "sort_order"),
    )
    start = forms.DateField(label=_("任职日期"), widget=DATE_WIDGET)


class EndForm(forms.Form):
    end = forms.DateField(label=_("终止日期"), widget=DATE_WIDGET, help_text=_("最后一天（含当日）"))


class PortfolioForm(forms.Form):
    leader = forms.ModelChoiceField(
        label=_("分管领导职务"),
        queryset=Position.objects.filter(kind__in=GOVERNMENT_LEADERS).select_related("unit").order_by("sort_order"),
    )
    areas = forms.CharField(label=_("分管领域"), max_length=300)
    units = forms.ModelMultipleChoiceField(
        label=_("分管单位"),
        widget=forms.CheckboxSelectMultiple,
        queryset=Unit.objects.exclude(kind__in=[UnitKind.GOVERNMENT, UnitKind.SUPERIOR]).order_by("sort_order"),
    )
    start = forms.DateField(label=_("起始日期"), widget=DATE_WIDGET)


class EntrustForm(forms.Form):
    acting = forms.ModelChoiceField(label=_("代理职务"), queryset=Position.objects.none())

    def __init__(self, *args: Any, candidates: list[Position] | None = None, **kwargs: Any):
        super().__init__(*args, **kwargs)
        ids = [p.pk for p in candidates or []]
        field = self.fields["acting"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = Position.objects.filter(pk__in=ids).select_related("unit")
