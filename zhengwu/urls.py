from django.urls import include, path

from zhengwu.api import api

urlpatterns = [
    path("api/", api.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("public/consultations/", include("zhengwu.legislation.public_urls")),
    path("public/", include("zhengwu.portal.urls")),
    path("", include("zhengwu.web.urls")),
]
