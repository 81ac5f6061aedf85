"""Staff pages: each view parses input, calls a service or an action, and renders."""

from zhengwu.web.views.absences import absence_detail, absence_list, absence_new
from zhengwu.web.views.audit import audit_export, audit_log, audit_verify
from zhengwu.web.views.calendar import (
    calendar_between,
    calendar_calc,
    calendar_page,
    calendar_set_day,
    calendar_set_year,
)
from zhengwu.web.views.notices import notice_list, notice_read, notice_read_all
from zhengwu.web.views.org import org_authority, org_index, org_person, org_unit
from zhengwu.web.views.rules import (
    rule_article,
    rule_index,
    rule_parameter_edit,
    rule_parameters,
    rule_versions,
)
from zhengwu.web.views.workbench import workbench

__all__ = [
    "absence_detail",
    "absence_list",
    "absence_new",
    "audit_export",
    "audit_log",
    "audit_verify",
    "calendar_between",
    "calendar_calc",
    "calendar_page",
    "calendar_set_day",
    "calendar_set_year",
    "notice_list",
    "notice_read",
    "notice_read_all",
    "org_authority",
    "org_index",
    "org_person",
    "org_unit",
    "rule_article",
    "rule_index",
    "rule_parameter_edit",
    "rule_parameters",
    "rule_versions",
    "workbench",
]
