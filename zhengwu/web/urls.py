from django.contrib.auth import views as auth_views
from django.urls import path

from zhengwu.web import (
    urls_approvals,
    urls_cases,
    urls_legislation,
    urls_meetings,
    urls_org,
    urls_portal,
    urls_reporting,
    urls_supervision,
    views,
)
from zhengwu.web.views import account, accounts, second_factor, tokens
from zhengwu.web.views import documents as docs
from zhengwu.web.views import documents_attachments as attachments
from zhengwu.web.views import documents_records as records

app_name = "web"

urlpatterns = [
    path("login/", second_factor.TwoFactorLoginView.as_view(), name="login"),  # the staff login + a second factor
    path("login/second-factor/", second_factor.second_factor, name="second_factor"),
    path("account/two-factor/", second_factor.two_factor, name="two_factor"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("account/password/", account.password_change, name="password_change"),
    path("account/sessions/", account.sessions, name="sessions"),
    path("account/keepalive/", account.keepalive, name="keepalive"),
    path("account/tokens/", tokens.token_list, name="tokens"),
    path("account/tokens/<int:pk>/revoke/", tokens.token_revoke, name="token_revoke"),
    path("accounts/lockouts/", accounts.lockouts, name="lockouts"),
    path("accounts/unlock/", accounts.unlock, name="unlock"),
    path("accounts/dormant/", accounts.dormant, name="dormant"),
    path("", views.workbench, name="workbench"),
    path("org/", views.org_index, name="org"),
    path("org/units/<slug:code>/", views.org_unit, name="org_unit"),
    path("org/people/<int:pk>/", views.org_person, name="org_person"),
    path("org/authority/", views.org_authority, name="org_authority"),
    path("absences/", views.absence_list, name="absences"),
    path("absences/new/", views.absence_new, name="absence_new"),
    path("absences/<int:pk>/", views.absence_detail, name="absence"),
    path("calendar/", views.calendar_page, name="calendar"),
    path("calendar/add/", views.calendar_calc, name="calendar_calc"),
    path("calendar/between/", views.calendar_between, name="calendar_between"),
    path("calendar/year/", views.calendar_set_year, name="calendar_set_year"),
    path("calendar/day/", views.calendar_set_day, name="calendar_set_day"),
    path("rules/", views.rule_index, name="rules"),
    path("rules/articles/<int:number>/", views.rule_article, name="rule_article"),
    path("rules/versions/", views.rule_versions, name="rule_versions"),
    path("rules/parameters/", views.rule_parameters, name="rule_parameters"),
    path("rules/parameters/<int:pk>/", views.rule_parameter_edit, name="rule_parameter_edit"),
    path("audit/", views.audit_log, name="audit"),
    path("audit/verify/", views.audit_verify, name="audit_verify"),
    path("audit/export/", views.audit_export, name="audit_export"),
    path("notices/", views.notice_list, name="notices"),
    path("notices/read-all/", views.notice_read_all, name="notices_read_all"),
    path("notices/<int:pk>/read/", views.notice_read, name="notice_read"),
    path("documents/", docs.document_list, name="documents"),
    path("documents/new/", docs.document_new, name="document_new"),
    path("documents/outgoing/new/", docs.outgoing_new, name="outgoing_new"),
    path("documents/<int:pk>/", docs.document_detail, name="document"),
    path("documents/<int:pk>/act/<slug:action>/", docs.document_act, name="document_act"),
    path("documents/<int:pk>/countersign/<int:task_pk>/<slug:action>/", docs.countersign_act, name="countersign_act"),
    path("documents/<int:pk>/pdf", docs.document_pdf, name="document_pdf"),
    path("documents/<int:pk>/docx", docs.document_docx, name="document_docx"),
]

# 登记簿、归档、报备、作废发文字号 (arts. 49, 52, 53, 61)
urlpatterns += [
    path("documents/registers/<slug:kind>/", records.register, name="register"),
    path("documents/<int:pk>/archive/", records.archive, name="document_archive"),
    path("documents/<int:pk>/archive/verify/", records.archive_verify, name="document_archive_verify"),
    path("documents/<int:pk>/archive/package/", records.archive_download, name="document_archive_download"),
    path("documents/<int:pk>/filing/", records.filing, name="document_filing"),
    path("documents/filings/overdue/", records.filings_overdue, name="filings_overdue"),
    path("documents/numbers/cancelled/", records.numbers_cancelled, name="numbers_cancelled"),
]

# 附件 (art. 52): upload, download, remove
urlpatterns += [
    path("documents/<int:pk>/attachments/", attachments.attachment_upload, name="document_attachments"),
    path("documents/<int:pk>/attachments/<int:aid>/", attachments.attachment_download, name="document_attachment"),
    path(
        "documents/<int:pk>/attachments/<int:aid>/remove/",
        attachments.attachment_remove,
        name="document_attachment_remove",
    ),
]

# Each area owns its own list of staff pages (same ``web`` namespace).
for _area in (
    urls_meetings,
    urls_supervision,
    urls_cases,
    urls_legislation,
    urls_portal,
    urls_org,
    urls_reporting,
    urls_approvals,
):
    urlpatterns += _area.urlpatterns
