from django.urls import include, path

from zhengwu.api import api

urlpatterns = [
    path("api/", api.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("public/consultations/", include("zhengwu.web.urls_public_consultations")),
    path("public/", include("zhengwu.web.urls_public_portal")),
    path("", include("zhengwu.web.urls")),
]

# Error pages in the site's layout (the portal's under /public/), JSON under /api/, the red box for
# htmx: zhengwu/web/errors.py.  The CSRF failure page is settings.CSRF_FAILURE_VIEW.
handler400 = "zhengwu.web.errors.bad_request"
handler403 = "zhengwu.web.errors.permission_denied"
handler404 = "zhengwu.web.errors.page_not_found"
handler500 = "zhengwu.web.errors.server_error"
