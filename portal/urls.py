from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path, re_path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from events import views as event_views
from portal import views
from portal.api import api_router
from portal.sitemaps import LocalisedSitemap
from search import views as search_views

urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("healthz", views.healthz, name="healthz"),
    path("api/v2/", api_router.urls),
    path("sitemap.xml", sitemap, {"sitemaps": {"pages": LocalisedSitemap}}, name="sitemap"),
    path("robots.txt", views.robots_txt, name="robots_txt"),
]

if settings.DEBUG:
    from django.conf.urls.static import static
    from django.contrib.staticfiles.urls import staticfiles_urlpatterns

    urlpatterns += staticfiles_urlpatterns()
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

# Every public page lives under its language prefix; "/" is redirected by the
# LocaleMiddleware to the visitor's best language.
urlpatterns += i18n_patterns(
    # Before Wagtail's catch-all, so /<lang>/experts/me/ is not taken for a page.
    path("accounts/", include("accounts.urls")),
    path("", include("expert_profiles.urls")),
    path("search/", search_views.search_view, name="search"),
    path("", include("events.urls")),
    # Wagtail's page URLs end in "/", so the .ics files of an event page and an event
    # index are routed here and resolved to their page the way Wagtail serves pages.
    re_path(r"^(?P<path>(?:[\w\-]+/)*)event\.ics$", event_views.event_ics, name="event_ics"),
    re_path(
        r"^(?P<path>(?:[\w\-]+/)*)feed\.ics$", event_views.events_feed_ics, name="events_feed_ics"
    ),
    path("", include(wagtail_urls)),
    prefix_default_language=True,
)

handler404 = "portal.views.page_not_found"
handler500 = "portal.views.server_error"
