"""One sitemap for every locale tree, each URL with hreflang alternates for the
translations that are live and public (and nothing for those that are not).

Once the site has more than PORTAL_SITEMAP_SPLIT_AT pages, /sitemap.xml becomes a
sitemap index of one sitemap per language (/sitemap-<lang>.xml), each in pages of
PER_FILE URLs (?p=2, …), as search engines read large sites."""

from django.conf import settings
from django.db.models import Max, Q
from django.http import Http404
from wagtail.contrib.sitemaps import Sitemap
from wagtail.contrib.sitemaps import views as wagtail_sitemap_views
from wagtail.models import Page

from portal.languages import LANGUAGE_CODES

PER_FILE = 5000


class LocalisedSitemap(Sitemap):
    # Set on the per-language sitemaps of a split sitemap.
    language_code = None

    def _locale_roots_filter(self):
        root = self.get_wagtail_site().root_page
        homes = Page.objects.filter(translation_key=root.translation_key).live()
        condition = Q(pk__in=[])
        for home in homes:
            condition |= Q(path__startswith=home.path)
        return condition

    def _language_filter(self):
        if self.language_code is None:
            return Q()
        return Q(locale__language_code=self.language_code)

    def items(self):
        return (
            Page.objects.live()
            .public()
            .filter(self._locale_roots_filter())
            .filter(self._language_filter())
            .order_by("path")
            .defer_streamfields()
            .specific()
        )

    def get_latest_lastmod(self):
        # Django's default takes the maximum over every item loaded into Python.
        return self.items().aggregate(latest=Max("last_published_at"))["latest"]

    def _alternates(self):
        """translation_key -> [{"lang_code", "location"}] in one query."""
        if not hasattr(self, "_alternates_cache"):
            alternates = {}
            pages = (
                Page.objects.live()
                .public()
                .filter(self._locale_roots_filter())
                .select_related("locale")
                .only("url_path", "path", "depth", "translation_key", "locale__language_code")
            )
            for page in pages:
                url = page.get_full_url(self.request)
                if url:
                    alternates.setdefault(page.translation_key, []).append(
                        {"lang_code": page.locale.language_code, "location": url}
                    )
            self._alternates_cache = alternates
        return self._alternates_cache

    def _urls(self, page, protocol, domain):
        urls = []
        last_mods = set()
        alternates = self._alternates()
        for item in self.paginator.page(page).object_list.iterator():
            for url_info in item.get_sitemap_urls(self.request):
                versions = alternates.get(item.translation_key, [])
                if len(versions) > 1:
                    url_info["alternates"] = sorted(versions, key=lambda v: v["lang_code"])
                urls.append(url_info)
                last_mods.add(url_info.get("lastmod"))
        if last_mods and None not in last_mods:
            self.latest_lastmod = max(last_mods)
        return urls


def language_sitemap(request, code):
    sitemap = LocalisedSitemap(request)
    sitemap.language_code = code
    sitemap.limit = PER_FILE
    return sitemap


def sitemap(request):
    """/sitemap.xml: the whole sitemap while it is small, else an index of the
    per-language sitemaps (one COUNT query decides)."""
    whole = LocalisedSitemap(request)
    if whole.items().count() <= settings.PORTAL_SITEMAP_SPLIT_AT:
        return wagtail_sitemap_views.sitemap(request, {"pages": whole})
    sitemaps = {code: language_sitemap(request, code) for code in LANGUAGE_CODES}
    return wagtail_sitemap_views.index(request, sitemaps, sitemap_url_name="sitemap_language")


def sitemap_language(request, section):
    """/sitemap-<lang>.xml(?p=N): one language's pages, PER_FILE a page."""
    if section not in LANGUAGE_CODES:
        raise Http404
    return wagtail_sitemap_views.sitemap(
        request, {section: language_sitemap(request, section)}, section=section
    )
