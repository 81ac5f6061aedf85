"""Staff pages of the organization's administration (arts. 4, 7, 8) and of acting arrangements on
an absence (art. 6), in the ``web`` namespace (included by :mod:`zhengwu.web.urls`).

Creation pages live under ``org/manage/`` so that they never collide with ``org/units/<code>/``."""

from django.urls import URLPattern, path

from zhengwu.web.views import absences as a
from zhengwu.web.views import org as v

urlpatterns: list[URLPattern] = [
    path("org/manage/units/new/", v.org_unit_new, name="org_unit_new"),
    path("org/units/<slug:code>/edit/", v.org_unit_edit, name="org_unit_edit"),
    path("org/units/<slug:code>/positions/new/", v.org_position_new, name="org_position_new"),
    path("org/positions/<int:pk>/", v.org_position, name="org_position"),
    path("org/positions/<int:pk>/edit/", v.org_position_edit, name="org_position_edit"),
    path("org/manage/people/new/", v.org_person_new, name="org_person_new"),
    path("org/people/<int:pk>/edit/", v.org_person_edit, name="org_person_edit"),
    path("org/people/<int:pk>/password/", v.org_person_password, name="org_person_password"),
    path("org/people/<int:pk>/second-factor/reset/", v.org_person_second_factor, name="org_person_second_factor"),
    path("org/people/<int:pk>/tokens/revoke/", v.org_person_tokens, name="org_person_tokens"),
    path("org/people/<int:pk>/deactivate/", v.org_person_active, {"state": "deactivate"}, name="org_person_deactivate"),
    path("org/people/<int:pk>/activate/", v.org_person_active, {"state": "activate"}, name="org_person_activate"),
    path("org/manage/appointments/new/", v.org_appoint, name="org_appoint"),
    path("org/appointments/<int:pk>/end/", v.org_appointment_end, name="org_appointment_end"),
    path("org/portfolios/", v.org_portfolios, name="org_portfolios"),
    path("org/manage/portfolios/new/", v.org_portfolio_new, name="org_portfolio_new"),
    path("org/portfolios/<int:pk>/", v.org_portfolio, name="org_portfolio"),
    path("absences/<int:pk>/entrust/", a.absence_entrust, name="absence_entrust"),
    path("absences/<int:pk>/acting/<int:arrangement>/revoke/", a.absence_revoke, name="absence_revoke"),
]
