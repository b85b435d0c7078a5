import re

from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path, re_path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from events import views as event_views
from governance import views as governance_views
from portal import media, sitemaps, views
from portal.api import api_router
from search import views as search_views

urlpatterns = [
    # Wagtail's workflow action (Approve, Request changes) with a confirmation message.
    path(
        "admin/pages/workflow/action/<int:page_id>/<slug:action_name>/<int:task_state_id>/",
        governance_views.workflow_action,
        name="portal_workflow_action",
    ),
    # Wagtail's EditView.dispatch reads revision 0 as "not reverting"
    # (is_reverting = bool(revision_id)) and RevisionsRevertView then fails on the
    # missing revision with an AttributeError. No revision has the id 0.
    re_path(r"^admin/pages/\d+/revisions/0+/revert/$", views.no_such_page),
    path("admin/", include(wagtailadmin_urls)),
    # Wagtail's document view with corrected headers (portal/media.py), then Wagtail's own.
    re_path(r"^documents/(\d+)/(.*)$", media.serve_document, name="wagtaildocs_serve"),
    path("documents/", include(wagtaildocs_urls)),
    path("healthz", views.healthz, name="healthz"),
    path("api/v2/", api_router.urls),
    path("sitemap.xml", sitemaps.sitemap, name="sitemap"),
    path("sitemap-<str:section>.xml", sitemaps.sitemap_language, name="sitemap_language"),
    path("robots.txt", views.robots_txt, name="robots_txt"),
]
if settings.MEDIA_URL.startswith("/"):
    # Image files and renditions, when not on S3 (portal/media.py).
    media_prefix = re.escape(settings.MEDIA_URL.lstrip("/"))
    urlpatterns.append(re_path(rf"^{media_prefix}(?P<path>.+)$", media.serve_media, name="media"))

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
    # The library's citation files (cite.ris, cite.bib, export.ris), likewise.
    path("", include("library.urls")),
    path("", include(wagtail_urls)),
    prefix_default_language=True,
)

handler404 = "portal.views.page_not_found"
handler500 = "portal.views.server_error"
