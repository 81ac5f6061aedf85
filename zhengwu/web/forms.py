"""Forms of the staff pages: they parse and validate the shape of input only; the actions decide."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from zhengwu.org.models import AbsencePurpose, Person
from zhengwu.workdays.arith import DayKind

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class AuthorityForm(forms.Form):
    authority = forms.CharField(
        label=_("权限"),
        initial="governor",
        max_length=80,
        help_text=_("governor（州长）、head:单位代码（单位主要负责人）或 portfolio:单位代码（分管领导）"),
    )
    date = forms.DateField(label=_("日期"), required=False, widget=DATE_WIDGET)


class AbsenceForm(forms.Form):
    person = forms.ModelChoiceField(label=_("外出人员"), queryset=Person.objects.order_by("id"))
    start = forms.DateField(label=_("离州日期"), widget=DATE_WIDGET)
    end = forms.DateField(label=_("预计返回日期"), widget=DATE_WIDGET)
    destination = forms.CharField(label=_("前往地点"), max_length=100)
    purpose = forms.ChoiceField(label=_("事由类别"), choices=AbsencePurpose.choices)
    reason = forms.CharField(label=_("事由"), max_length=300, required=False, widget=forms.Textarea(attrs={"rows": 2}))
    entrust = forms.BooleanField(label=_("委托常务副州长主持政府工作"), required=False)


class ReturnForm(forms.Form):
    returned_on = forms.DateField(label=_("实际返回日期"), widget=DATE_WIDGET)


class AddWorkingDaysForm(forms.Form):
    start = forms.DateField(label=_("起算日期"), widget=DATE_WIDGET)
    n = forms.IntegerField(label=_("工作日数"), min_value=-366, max_value=366, initial=7)


class BetweenForm(forms.Form):
    a = forms.DateField(label=_("自"), widget=DATE_WIDGET)
    b = forms.DateField(label=_("至"), widget=DATE_WIDGET)


class YearForm(forms.Form):
    year = forms.IntegerField(label=_("年份"), min_value=1900, max_value=2200)
    holidays = forms.CharField(
        label=_("放假日期"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("每行一个节日，可写“名称：日期”，日期写作 YYYY-MM-DD 或 YYYY-MM-DD..YYYY-MM-DD，用逗号分隔。"),
    )
    makeup = forms.CharField(
        label=_("调休上班日期"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("格式同上，例如“春节调休：2027-02-07”。"),
    )
    note = forms.CharField(label=_("依据"), max_length=300)
    layer = forms.ChoiceField(
        label=_("日历层"),
        initial="national",
        required=False,
        help_text=_("全国：国务院办公厅的通知；自治区（省）：其放假和作息时间通知"),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        from zhengwu.workdays.services import layer_keys, layer_name

        self.fields["layer"].choices = [(k, layer_name(k)) for k in layer_keys() if k != "local"]  # type: ignore[attr-defined]


class DayForm(forms.Form):
    date = forms.DateField(label=_("日期"), widget=DATE_WIDGET)
    kind = forms.ChoiceField(
        label=_("类别"),
        choices=[
            (DayKind.HOLIDAY.value, _("节假日")),
            (DayKind.MAKEUP.value, _("调休上班")),
            (DayKind.WORKDAY.value, _("工作日")),
            (DayKind.WEEKEND.value, _("周末")),
        ],
    )
    name = forms.CharField(label=_("名称"), max_length=60, required=False)
    note = forms.CharField(label=_("依据"), max_length=300)
    layer = forms.ChoiceField(label=_("日历层"), initial="local", required=False, help_text=_("本地：本州的节日和调休"))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        from zhengwu.workdays.services import layer_keys, layer_name

        self.fields["layer"].choices = [(k, layer_name(k)) for k in reversed(layer_keys())]  # type: ignore[attr-defined]


class ParameterForm(forms.Form):
    value = forms.CharField(label=_("取值"), max_length=100)
    reason = forms.CharField(label=_("修改理由"), max_length=300)


class AuditFilterForm(forms.Form):
    action = forms.CharField(label=_("操作"), required=False, max_length=80)
    object = forms.CharField(
        label=_("对象"), required=False, max_length=120, help_text=_("对象类型或“类型:编号”，例如 org.absence:3")
    )
