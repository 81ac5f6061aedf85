"""The public portal (no login): mounted at /public/ in the ``portal`` namespace (by :mod:`zhengwu.urls`)."""

import datetime as dt

from django.contrib.sitemaps import Sitemap
from django.contrib.sitemaps.views import index, sitemap
from django.db.models import Max, QuerySet
from django.urls import URLPattern, path, reverse

from zhengwu.portal.models import ItemState, PublicationItem
from zhengwu.web.views import portal as views

app_name = "portal"


class ItemSitemap(Sitemap):  # type: ignore[type-arg]  # generic only in the stubs
    limit = 5000  # URLs per sitemap page: rendering 50,000 takes seconds
    changefreq = "monthly"

    def items(self) -> QuerySet[PublicationItem]:
        return PublicationItem.objects.filter(state=ItemState.PUBLISHED).order_by("pk").only("pk", "published_at")

    def location(self, item: PublicationItem) -> str:
        return reverse("portal:item", args=[item.pk])

    def lastmod(self, item: PublicationItem) -> object:
        return item.published_at

    def get_latest_lastmod(self) -> dt.datetime | None:
        # one indexed query, not a walk over every published item (Django's default for a lastmod method)
        latest: dt.datetime | None = PublicationItem.objects.filter(state=ItemState.PUBLISHED).aggregate(
            m=Max("published_at")
        )["m"]
        return latest


class PagesSitemap(Sitemap):  # type: ignore[type-arg]  # generic only in the stubs
    def items(self) -> list[str]:
        return ["portal:home", "portal:list", "portal:apply"]

    def location(self, item: str) -> str:
        return reverse(item)


SITEMAPS = {"items": ItemSitemap, "pages": PagesSitemap}

urlpatterns: list[URLPattern] = [
    path("", views.home, name="home"),
    path("items/", views.item_list, name="list"),
    path("items/<int:pk>/", views.item_detail, name="item"),
    path("items/<int:pk>/pdf", views.item_pdf, name="item_pdf"),
    path("items/<int:pk>/attachments/<int:aid>/", views.item_attachment, name="item_attachment"),
    path("feed/", views.LatestFeed(), name="feed"),
    path("sitemap.xml", index, {"sitemaps": SITEMAPS, "sitemap_url_name": "portal:sitemap_section"}, name="sitemap"),
    path("sitemap-<section>.xml", sitemap, {"sitemaps": SITEMAPS}, name="sitemap_section"),
    path("apply/", views.apply, name="apply"),
]
