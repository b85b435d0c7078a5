"""One sitemap for every locale tree, each URL with hreflang alternates for the
translations that are live and public (and nothing for those that are not)."""

from django.db.models import Q
from wagtail.contrib.sitemaps import Sitemap
from wagtail.models import Page


class LocalisedSitemap(Sitemap):
    def _locale_roots_filter(self):
        root = self.get_wagtail_site().root_page
        homes = Page.objects.filter(translation_key=root.translation_key).live()
        condition = Q(pk__in=[])
        for home in homes:
            condition |= Q(path__startswith=home.path)
        return condition

    def items(self):
        return (
            Page.objects.live()
            .public()
            .filter(self._locale_roots_filter())
            .order_by("path")
            .defer_streamfields()
            .specific()
        )

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
