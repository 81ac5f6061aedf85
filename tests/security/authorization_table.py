"""The authorization matrix's table: the rule of every URL of the site and of every operation of the
API (``tests/security/test_authorization_matrix.py`` probes them).

A rule is one of:

- :data:`PUBLIC`: anyone, signed in or not (the portal, the login);
- :data:`STAFF`: any signed-in staff member; what they get is their own (their notices, their
  to-do list) or filtered by the area's ``<things>_visible_to`` (the lists), or it is open to all
  staff (the organization, the calendar, the rulebook), or it creates something for the caller's
  own unit, which the action checks;
- :data:`RESTRICTED`: only particular posts (the office, the administrator, the trail's readers):
  the demo roles of the matrix, none of whom holds one, are refused (403) or answered 404;
- :func:`scoped`: on one object; the matrix gives each role an object of another unit (``kind``
  names its factory in the test) and fails on a leak: a success, a page showing the object, or a
  state conflict (409) that would say it exists.  ``hidden=False``: the object is seen by all staff
  (a meeting, a person), so only acting on it must fail.

A URL or operation that is not in the table fails the matrix: state its rule here.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Rule:
    kind: str  # "public", "staff", "restricted", "scoped"
    obj: str = ""
    method: str = "GET"
    hidden: bool = True
    params: dict[str, str] = field(default_factory=dict)


PUBLIC = Rule("public")
STAFF = Rule("staff")
RESTRICTED = Rule("restricted")


def scoped(obj: str, method: str = "GET", hidden: bool = True, **params: str) -> Rule:
    return Rule("scoped", obj, method, hidden, dict(params))


def post(obj: str, hidden: bool = True, **params: str) -> Rule:
    return scoped(obj, "POST", hidden, **params)


def staff(**params: str) -> Rule:
    """Any staff, with the values of the path's parameters to try."""
    return Rule("staff", params=dict(params))


#: The site's URL patterns (Django's route syntax, from the root), except the API's operations.
WEB: dict[str, Rule] = {
    "i18n/setlang/": PUBLIC,
    "public/consultations/": PUBLIC,
    "public/consultations/<int:pk>/": scoped("draft"),  # only drafts open for comment
    "public/": PUBLIC,
    "public/items/": PUBLIC,
    "public/items/<int:pk>/": scoped("queue_item"),  # only published items
    "public/items/<int:pk>/pdf": scoped("queue_item"),
    "public/items/<int:pk>/attachments/<int:aid>/": scoped("queue_item", aid="1"),
    "public/feed/": PUBLIC,
    "public/sitemap.xml": PUBLIC,
    "public/sitemap-<section>.xml": Rule("public", params={"section": "items"}),
    "public/apply/": PUBLIC,
    "login/": PUBLIC,
    "login/second-factor/": PUBLIC,
    "account/two-factor/": STAFF,
    "logout/": STAFF,
    "account/password/": STAFF,
    "account/sessions/": STAFF,  # one's own sessions
    "account/keepalive/": STAFF,
    "account/tokens/": STAFF,  # one's own tokens
    "account/tokens/<int:pk>/revoke/": post("token"),  # another's token: refused
    "accounts/lockouts/": RESTRICTED,  # the security administrator
    "accounts/unlock/": Rule("restricted", method="POST"),
    "accounts/dormant/": RESTRICTED,  # the system administrator
    "audit/export/": Rule("restricted", method="POST"),  # the trail's readers
    "documents/<int:pk>/archive/package/": scoped("document"),
    "org/people/<int:pk>/second-factor/reset/": Rule("restricted", obj="person", method="POST"),
    "org/people/<int:pk>/tokens/revoke/": Rule("restricted", obj="person", method="POST"),
    "": STAFF,
    "org/": STAFF,
    "org/units/<slug:code>/": staff(code="akto"),
    "org/people/<int:pk>/": scoped("person", hidden=False),
    "org/authority/": STAFF,
    "absences/": STAFF,
    "absences/new/": STAFF,
    "absences/<int:pk>/": scoped("absence"),
    "calendar/": STAFF,
    "calendar/add/": STAFF,
    "calendar/between/": STAFF,
    "calendar/year/": RESTRICTED,
    "calendar/day/": RESTRICTED,
    "rules/": STAFF,
    "rules/articles/<int:number>/": staff(number="50"),
    "rules/versions/": STAFF,
    "rules/parameters/": STAFF,
    "rules/parameters/<int:pk>/": scoped("parameter", hidden=False),
    "audit/": RESTRICTED,
    "audit/verify/": RESTRICTED,
    "notices/": STAFF,
    "notices/read-all/": STAFF,
    "notices/<int:pk>/read/": post("notice"),
    "documents/": STAFF,
    "documents/new/": STAFF,
    "documents/outgoing/new/": STAFF,
    "documents/<int:pk>/": scoped("document"),
    "documents/<int:pk>/act/<slug:action>/": post("document", action="sign-and-submit"),
    "documents/<int:pk>/countersign/<int:task_pk>/<slug:action>/": post("task", action="reply"),
    "documents/<int:pk>/pdf": scoped("document"),
    "documents/<int:pk>/docx": scoped("document"),
    "documents/registers/<slug:kind>/": staff(kind="incoming"),
    "documents/<int:pk>/archive/": post("document"),
    "documents/<int:pk>/archive/verify/": post("document"),
    "documents/<int:pk>/filing/": post("document"),
    "documents/filings/overdue/": STAFF,
    "documents/numbers/cancelled/": STAFF,
    "documents/<int:pk>/attachments/": post("document"),
    "documents/<int:pk>/attachments/<int:aid>/": scoped("attachment"),
    "documents/<int:pk>/attachments/<int:aid>/remove/": post("attachment"),
    "meetings/": STAFF,
    "meetings/new/": STAFF,
    "meetings/<int:pk>/": scoped("meeting", hidden=False),
    "meetings/<int:pk>/act/<slug:action>/": post("meeting", hidden=False, action="confirm"),
    "meetings/invitations/<int:pk>/<slug:action>/": post("invitation", hidden=False, action="leave"),
    "meetings/follow-ups/<int:pk>/<slug:action>/": post("follow_up", action="done"),
    "meetings/topics/": STAFF,
    "meetings/topics/new/": STAFF,
    "meetings/topics/<int:pk>/<slug:action>/": post("topic", action="review"),
    "meetings/papers/<int:pk>/": scoped("paper"),
    "meetings/papers/<int:pk>/<slug:action>/": post("paper", action="check"),
    "meetings/wide/": STAFF,
    "meetings/wide/<int:pk>/<slug:action>/": post("wide_request", action="consent"),
    "meetings/feeds/person/<str:key>.ics": Rule("public", params={"key": "no-such-key"}),  # the key is the secret
    "meetings/feeds/person/<str:key>/<slug:kind>.ics": Rule("public", params={"key": "no-such-key", "kind": "all"}),
    "meetings/feeds/<slug:kind>.ics": staff(kind="executive"),
    "supervision/": STAFF,
    "supervision/new/": STAFF,
    "supervision/<int:pk>/": scoped("item"),
    "supervision/<int:pk>/act/<slug:action>/": post("item", action="report_done"),
    "supervision/reports/<int:pk>/": post("report"),
    "supervision/rectifications/<int:pk>/done/": post("rectification"),
    "supervision/dashboard/": STAFF,
    "supervision/circulars/": STAFF,
    # 情况通报: the government's report on every unit, for the office and the leaders
    "supervision/circulars/<int:pk>/xlsx": scoped("circular", hidden=False),
    "compliance/": STAFF,
    "suggestions/": STAFF,
    "suggestions/new/": STAFF,
    "suggestions/<int:pk>/": scoped("suggestion"),
    "suggestions/<int:pk>/act/<slug:action>/": post("suggestion", action="opinion"),
    "petitions/": STAFF,
    "petitions/new/": STAFF,
    "petitions/<int:pk>/": scoped("petition"),
    "petitions/<int:pk>/act/<slug:action>/": post("petition", action="conclude"),
    "oversight/": STAFF,
    "oversight/new/": STAFF,
    "oversight/<int:pk>/": scoped("case"),
    "oversight/<int:pk>/act/<slug:action>/": post("case", action="answer"),
    "legislation/": STAFF,
    "legislation/new/": STAFF,
    "legislation/catalogue/": STAFF,
    "legislation/cleanups/": STAFF,
    "legislation/cleanups/<int:pk>/": scoped("cleanup", hidden=False),
    "legislation/<int:pk>/": scoped("draft"),
    "legislation/<int:pk>/<slug:action>/": post("draft", action="revise"),
    "portal/queue/": STAFF,
    "portal/queue/<int:pk>/publish/": post("queue_item"),
    "portal/queue/<int:pk>/withhold/": post("queue_item"),
    "portal/items/<int:pk>/interpret/": post("queue_item"),
    "portal/applications/": STAFF,
    "portal/applications/<int:pk>/": scoped("application"),
    "portal/applications/<int:pk>/<slug:action>/": post("application", action="reply"),
    "org/manage/units/new/": RESTRICTED,
    "org/units/<slug:code>/edit/": Rule("restricted", params={"code": "akto"}),
    "org/units/<slug:code>/positions/new/": Rule("restricted", params={"code": "akto"}),
    "org/positions/<int:pk>/": scoped("position", hidden=False),
    "org/positions/<int:pk>/edit/": Rule("restricted", obj="position"),
    "org/manage/people/new/": RESTRICTED,
    "org/people/<int:pk>/edit/": Rule("restricted", obj="person"),
    "org/people/<int:pk>/password/": Rule("restricted", obj="person"),
    "org/people/<int:pk>/deactivate/": Rule("restricted", obj="person", method="POST"),
    "org/people/<int:pk>/activate/": Rule("restricted", obj="person", method="POST"),
    "org/manage/appointments/new/": RESTRICTED,
    "org/appointments/<int:pk>/end/": Rule("restricted", obj="appointment", method="POST"),
    "org/portfolios/": STAFF,
    "org/manage/portfolios/new/": RESTRICTED,
    "org/portfolios/<int:pk>/": scoped("portfolio", hidden=False),
    "absences/<int:pk>/entrust/": post("absence"),
    "absences/<int:pk>/acting/<int:arrangement>/revoke/": post("arrangement"),
    # django-ninja's own pages: the API's root and its schema
    "api/": PUBLIC,
    "api/openapi.json": PUBLIC,
}

W, R = "restricted", Rule  # shorthands below

#: The API's operations, ``"METHOD /api/path"`` as in the OpenAPI schema.
API: dict[str, Rule] = {
    "GET /api/me": STAFF,
    "POST /api/account/password": STAFF,
    "POST /api/account/logout": STAFF,
    "POST /api/tokens": STAFF,
    "GET /api/tokens": STAFF,
    "DELETE /api/tokens/{token_id}": scoped("token", "DELETE"),
    "GET /api/org/units": STAFF,
    "POST /api/org/units": RESTRICTED,
    "GET /api/org/units/{code}": staff(code="akto"),
    "PATCH /api/org/units/{code}": R(W, method="PATCH", params={"code": "akto"}),
    "GET /api/org/people/{person_id}": scoped("person", hidden=False),
    "PATCH /api/org/people/{person_id}": R(W, obj="person", method="PATCH"),
    "GET /api/org/authority": STAFF,
    "POST /api/org/units/{code}/positions": R(W, method="POST", params={"code": "akto"}),
    "GET /api/org/positions/{position_id}": scoped("position", hidden=False),
    "PATCH /api/org/positions/{position_id}": R(W, obj="position", method="PATCH"),
    "POST /api/org/people": RESTRICTED,
    "POST /api/org/people/{person_id}/password": R(W, obj="person", method="POST"),
    "POST /api/org/people/{person_id}/second-factor/reset": R(W, obj="person", method="POST"),
    "POST /api/org/people/{person_id}/tokens/revoke": R(W, obj="person", method="POST"),
    "GET /api/account/sessions": STAFF,
    "POST /api/account/sessions/end-others": STAFF,
    "GET /api/accounts/lockouts": RESTRICTED,
    "POST /api/accounts/unlock": R(W, method="POST"),
    "GET /api/accounts/dormant": RESTRICTED,
    "POST /api/audit/export": R(W, method="POST"),
    "GET /api/documents/{document_id}/archive/package": scoped("document"),
    "POST /api/org/people/{person_id}/deactivate": R(W, obj="person", method="POST"),
    "POST /api/org/people/{person_id}/activate": R(W, obj="person", method="POST"),
    "POST /api/org/appointments": RESTRICTED,
    "POST /api/org/appointments/{appointment_id}/end": R(W, obj="appointment", method="POST"),
    "GET /api/org/portfolios": STAFF,
    "POST /api/org/portfolios": RESTRICTED,
    "GET /api/org/portfolios/{portfolio_id}": scoped("portfolio", hidden=False),
    "POST /api/org/portfolios/{portfolio_id}/end": R(W, obj="portfolio", method="POST"),
    "GET /api/absences": STAFF,
    "POST /api/absences": STAFF,
    "GET /api/absences/{absence_id}": scoped("absence"),
    "POST /api/absences/{absence_id}/return": post("absence"),
    "POST /api/absences/{absence_id}/acting": post("absence"),
    "POST /api/absences/{absence_id}/acting/{arrangement_id}/revoke": post("arrangement"),
    "GET /api/calendar/add-working-days": STAFF,
    "GET /api/calendar/working-days-between": STAFF,
    "GET /api/calendar/add-days": STAFF,
    "GET /api/calendar/add-months": STAFF,
    "GET /api/calendar/years": STAFF,
    "GET /api/calendar/years/{year}": staff(year="2026"),
    "PUT /api/calendar/years/{year}": R(W, method="PUT", params={"year": "2026"}),
    "PUT /api/calendar/days/{date}": R(W, method="PUT", params={"date": "2026-03-02"}),
    "GET /api/rules/versions": STAFF,
    "GET /api/rules/current": STAFF,
    "GET /api/rules/articles/{number}": staff(number="50"),
    "GET /api/rules/parameters": STAFF,
    "PATCH /api/rules/parameters/{key}": R(W, obj="parameter", method="PATCH"),
    "GET /api/rules/coverage": STAFF,
    "GET /api/audit/records": RESTRICTED,
    "POST /api/audit/verify": R(W, method="POST"),
    "GET /api/notices": STAFF,
    "POST /api/notices/{notice_id}/read": post("notice"),
    "GET /api/documents/registers/{kind}": staff(kind="incoming"),
    "GET /api/documents/registers/{kind}/export": staff(kind="incoming"),
    "POST /api/documents/{document_id}/archive": post("document"),
    "GET /api/documents/{document_id}/archive": scoped("document"),
    "POST /api/documents/{document_id}/archive/verify": post("document"),
    "GET /api/documents/filings/overdue": STAFF,
    "POST /api/documents/{document_id}/filing": post("document"),
    "POST /api/numbers/{number_id}/cancel": post("number"),
    "GET /api/numbers/cancelled": STAFF,
    "GET /api/documents/{document_id}/attachments": scoped("document"),
    "POST /api/documents/{document_id}/attachments": post("document"),
    "GET /api/documents/{document_id}/attachments/{attachment_id}/file": scoped("attachment"),
    "DELETE /api/documents/{document_id}/attachments/{attachment_id}": scoped("attachment", "DELETE"),
    "GET /api/documents": STAFF,
    "GET /api/documents/inbox": STAFF,
    "POST /api/documents/submissions": STAFF,
    "PUT /api/documents/{document_id}/body": scoped("document", "PUT"),
    "POST /api/documents/{document_id}/sign-and-submit": post("document"),
    "POST /api/documents/{document_id}/receive": post("document"),
    "POST /api/documents/{document_id}/check": post("document"),
    "POST /api/documents/{document_id}/office-return": post("document"),
    "POST /api/documents/{document_id}/office-opinion": post("document"),
    "POST /api/documents/{document_id}/pass-on": post("document"),
    "POST /api/documents/{document_id}/instruct": post("document"),
    "POST /api/documents/{document_id}/countersign": post("document"),
    "GET /api/documents/{document_id}/countersign-status": scoped("document"),
    "POST /api/documents/{document_id}/disagreement-statement": post("document"),
    "POST /api/countersigns/{task_id}/reply": post("task"),
    "POST /api/countersigns/{task_id}/extension": post("task"),
    "POST /api/countersigns/{task_id}/extension/decision": post("task"),
    "POST /api/countersigns/{task_id}/sign-statement": post("task"),
    "POST /api/documents/outgoing": STAFF,
    "POST /api/documents/{document_id}/submit-for-review": post("document"),
    "POST /api/documents/{document_id}/review": post("document"),
    "GET /api/documents/{document_id}/signing": scoped("document"),
    "POST /api/documents/{document_id}/signing-step": post("document"),
    "POST /api/documents/{document_id}/joint-countersign": post("document"),
    "POST /api/documents/{document_id}/legal-review": post("document"),
    "POST /api/documents/{document_id}/sign": post("document"),
    "POST /api/documents/{document_id}/issue": post("document"),
    "POST /api/deliveries/{delivery_id}/receive": post("delivery"),
    "GET /api/documents/{document_id}/pdf": scoped("document"),
    "GET /api/documents/{document_id}/docx": scoped("document"),
    "GET /api/documents/todos": STAFF,
    "GET /api/documents/{document_id}": scoped("document"),
    "GET /api/meetings": STAFF,
    "POST /api/meetings": STAFF,
    "GET /api/meetings/cadence": STAFF,
    "GET /api/meetings/topics": STAFF,
    "POST /api/meetings/topics": STAFF,
    "POST /api/meetings/topics/{topic_id}/review": post("topic"),
    "POST /api/meetings/topics/{topic_id}/steps": post("topic"),
    "POST /api/meetings/topics/{topic_id}/collect": post("topic"),
    "POST /api/meetings/topics/{topic_id}/drop": post("topic"),
    "POST /api/meetings/topics/{topic_id}/papers": post("topic"),
    "POST /api/meetings/papers/{paper_id}/check": post("paper"),
    "POST /api/meetings/papers/{paper_id}/print": post("paper"),
    "GET /api/meetings/{meeting_id}": scoped("meeting", hidden=False),
    **{
        f"POST /api/meetings/{{meeting_id}}/{act}": post("meeting", hidden=False)
        for act in (
            "consent",
            "confirm-agenda",
            "distribute-papers",
            "hold",
            "review-major",
            "sign-minutes",
            "approve-press",
            "cancel",
            "reschedule",
            "sitting-in",
            "roll-call",
            "staff",
            "decisions",
        )
    },
    "PUT /api/meetings/{meeting_id}/minutes": scoped("meeting", "PUT", hidden=False),
    "PUT /api/meetings/{meeting_id}/press": scoped("meeting", "PUT", hidden=False),
    "POST /api/meetings/invitations/{invitation_id}/leave": post("invitation", hidden=False),
    "POST /api/meetings/invitations/{invitation_id}/leave/decide": post("invitation", hidden=False),
    "POST /api/meetings/invitations/{invitation_id}/deputy": post("invitation", hidden=False),
    "POST /api/meetings/follow-ups/{follow_up_id}/document": post("follow_up"),
    "POST /api/meetings/follow-ups/{follow_up_id}/done": post("follow_up"),
    "POST /api/meetings/follow-ups/{follow_up_id}/supervise": post("follow_up"),
    "GET /api/meetings/wide": STAFF,
    "POST /api/meetings/wide": STAFF,
    "POST /api/meetings/wide/{request_id}/consent": post("wide_request"),
    "POST /api/meetings/wide/{request_id}/submit": post("wide_request"),
    "POST /api/meetings/wide/{request_id}/decide": post("wide_request"),
    "GET /api/supervision/items": STAFF,
    "POST /api/supervision/items": STAFF,
    "GET /api/supervision/items/{item_id}": scoped("item"),
    "GET /api/supervision/candidates": STAFF,
    "POST /api/supervision/reports/{report_id}": post("report"),
    "POST /api/supervision/items/{item_id}/report-done": post("item"),
    "POST /api/supervision/items/{item_id}/verify": post("item"),
    "POST /api/supervision/items/{item_id}/reopen": post("item"),
    "POST /api/supervision/items/{item_id}/rectifications": post("item"),
    "POST /api/supervision/rectifications/{rect_id}/done": post("rectification"),
    "POST /api/supervision/items/{item_id}/evaluations": post("item"),
    "POST /api/supervision/circulars": STAFF,
    "GET /api/supervision/dashboard": STAFF,
    "GET /api/supervision/compliance": STAFF,
    "GET /api/petitions": STAFF,
    "POST /api/petitions": STAFF,
    "GET /api/petitions/{petition_id}": scoped("petition"),
    "GET /api/petitions/{petition_id}/petitioner": scoped("petition"),
    **{
        f"POST /api/petitions/{{petition_id}}/{act}": post("petition")
        for act in (
            "acceptance",
            "route",
            "read",
            "instruction",
            "extension",
            "conclusion",
            "reviews",
            "reviews/decision",
        )
    },
    "GET /api/suggestions": STAFF,
    "POST /api/suggestions": STAFF,
    "GET /api/suggestions/{suggestion_id}": scoped("suggestion"),
    **{
        f"POST /api/suggestions/{{suggestion_id}}/{act}": post("suggestion")
        for act in ("assignment", "extension", "co-opinions", "answer", "feedback", "publication")
    },
    "GET /api/oversight/cases": STAFF,
    "GET /api/oversight/cases/{case_id}": scoped("case"),
    "POST /api/oversight/reconsiderations": STAFF,
    "POST /api/oversight/suits": STAFF,
    "POST /api/oversight/findings": STAFF,
    "POST /api/oversight/cases/{case_id}/answer": post("case"),
    "POST /api/oversight/cases/{case_id}/outcome": post("case"),
    "GET /api/legislation/drafts": STAFF,
    "POST /api/legislation/drafts": STAFF,
    "GET /api/legislation/drafts/{draft_id}": scoped("draft"),
    "PUT /api/legislation/drafts/{draft_id}/text": scoped("draft", "PUT"),
    **{
        f"POST /api/legislation/drafts/{{draft_id}}/{act}": post("draft")
        for act in (
            "consultations",
            "disputes",
            "open-for-comment",
            "comments",
            "close-comments",
            "publish-answers",
            "submit-for-review",
            "review",
            "topic",
            "deliberation",
            "document",
            "unit-issue",
            "publish",
            "validity",
        )
    },
    "POST /api/legislation/consultations/{consultation_id}/reply": post("consultation"),
    "POST /api/legislation/disputes/{dispute_id}/evaluation": post("dispute"),
    "POST /api/legislation/disputes/{dispute_id}/positions": post("dispute"),
    "POST /api/legislation/comments/{comment_id}/answer": post("comment"),
    "POST /api/legislation/filings/{filing_id}/file": post("filing"),
    "POST /api/legislation/filings/{filing_id}/review": post("filing"),
    "POST /api/legislation/evaluations/{evaluation_id}/complete": post("evaluation"),
    "POST /api/legislation/cleanups": STAFF,
    "POST /api/legislation/cleanup-entries/{entry_id}/proposal": R(W, obj="cleanup_entry", method="POST"),
    "POST /api/legislation/cleanup-entries/{entry_id}/decision": R(W, obj="cleanup_entry", method="POST"),
    "POST /api/legislation/cleanups/{cleanup_id}/close": R(W, obj="cleanup", method="POST"),
    "GET /api/legislation/catalogue": STAFF,
    "POST /api/legislation/catalogue": STAFF,
    "GET /api/portal/items": PUBLIC,
    "GET /api/portal/items/{item_id}": scoped("queue_item"),  # published items only
    "GET /api/portal/queue": STAFF,
    "GET /api/portal/queue/{item_id}": scoped("queue_item"),
    "POST /api/portal/queue/{item_id}/publish": post("queue_item"),
    "POST /api/portal/queue/{item_id}/withhold": post("queue_item"),
    "POST /api/portal/items/{item_id}/interpretations": post("queue_item"),
    "GET /api/portal/applications": STAFF,
    "GET /api/portal/applications/report": STAFF,
    "GET /api/portal/applications/{application_id}": scoped("application"),
    **{
        f"POST /api/portal/applications/{{application_id}}/{act}": post("application")
        for act in ("extend", "consult", "resume", "reply")
    },
}
