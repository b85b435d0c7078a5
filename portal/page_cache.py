"""The anonymous page cache: public pages, listings, feeds, calendars and the sitemap,
as a visitor without a session sees them, kept in the shared cache (Redis in
production) for PAGE_CACHE_SECONDS and purged when content is published.

Why a middleware of our own and not wagtail-cache: a page's content here depends on
content in other languages (hreflang alternates, the other-language fill of short
listings and home blocks, the sitemap), and listings exist in endless query-string
variants, so a publish must drop every cached answer, not a list of URLs. One
generation number in the cache, part of every key, does that in one `incr`.
wagtail-cache purges URL by URL (or clears the whole cache backend, rate limits and
sign-in counters included). This middleware also sits in front of the session, the
locale and the redirects, so a hit costs no database query and is served while the
database is down.

What is cached (see `request_is_cacheable` and `response_is_cacheable`): GET and HEAD
of /<lang>/… (except sign-in, self-service and webinar participants' pages) and
/sitemap.xml, from a visitor without a session or flash-message cookie; answers 200,
301 or 404 that set no cookie, used no CSRF token and are not private. The key is the
host, the path, the sorted query string, the language and the generation.
"""

import hashlib
import logging
import time
from urllib.parse import urlencode

from django.conf import settings
from django.core.cache import caches
from django.db import transaction
from django.http import HttpResponse
from django.utils.cache import patch_cache_control

logger = logging.getLogger(__name__)

GENERATION_KEY = "pagecache:generation"
CACHEABLE_STATUSES = {200, 301, 404}
# Personal or form pages under a language prefix: never looked up, never stored.
PRIVATE_PREFIXES = ("accounts/", "experts/me/", "webinars/", "certificates/")
# Headers a stored answer does not keep: set per answer (or, for cookies, never on
# an answer that is stored at all).
UNSTORED_HEADERS = {"set-cookie", "content-length", "date", "x-cache"}
# How long a browser keeps a page; the CDN (s-maxage) and this cache keep it longer,
# because they are purged on publish and a browser is not.
BROWSER_MAX_AGE = 60


def cache():
    return caches[getattr(settings, "PAGE_CACHE_ALIAS", "default")]


def language_codes():
    return {code for code, _name in settings.LANGUAGES}


def current_generation():
    value = cache().get(GENERATION_KEY)
    if value is None:
        # A fresh start (an empty or flushed Redis) must not reuse the numbers of
        # entries that may still be stored, hence the clock rather than 0.
        cache().add(GENERATION_KEY, time.time_ns(), timeout=None)
        value = cache().get(GENERATION_KEY)
    return value


def bump_generation():
    """Drops every cached answer at once: keys of the old generation are never read
    again and expire by themselves."""
    try:
        cache().incr(GENERATION_KEY)
    except ValueError:
        cache().set(GENERATION_KEY, time.time_ns(), timeout=None)


def cache_key(request, generation):
    query = urlencode(sorted(request.GET.lists()), doseq=True)
    language = request.path_info.lstrip("/").split("/", 1)[0]
    identity = f"{request.scheme}://{request.get_host()}{request.path}?{query}"
    digest = hashlib.sha256(identity.encode()).hexdigest()
    return f"pagecache:{generation}:{language}:{digest}"


def is_personal_request(request):
    """A session (signed in, or a page password given), a flash message waiting in its
    cookie (django.contrib.messages) or credentials: the answer is for this visitor."""
    return (
        settings.SESSION_COOKIE_NAME in request.COOKIES
        or getattr(settings, "MESSAGE_COOKIE_NAME", "messages") in request.COOKIES
        or "HTTP_AUTHORIZATION" in request.META
    )


def request_is_cacheable(request):
    if request.method not in ("GET", "HEAD") or is_personal_request(request):
        return False
    path = request.path_info
    if path == "/sitemap.xml":
        return True
    language, _slash, rest = path.lstrip("/").partition("/")
    return language in language_codes() and not rest.startswith(PRIVATE_PREFIXES)


def carries_secret(request, response):
    """A CSRF token in the page (Django flags the request when a template asks for
    one), a cookie being set, or an answer marked private: such an answer is for one
    visitor only. It is neither cached nor compressed (portal.compression)."""
    if request.META.get("CSRF_COOKIE_NEEDS_UPDATE") or response.cookies:
        return True
    cache_control = response.get("Cache-Control", "").lower()
    return any(word in cache_control for word in ("private", "no-store", "no-cache"))


def response_is_cacheable(request, response):
    return (
        request.method == "GET"
        and response.status_code in CACHEABLE_STATUSES
        and not response.streaming
        and not carries_secret(request, response)
    )


def mark_public(response, seconds):
    patch_cache_control(
        response, public=True, max_age=min(BROWSER_MAX_AGE, seconds), s_maxage=seconds
    )


def serialise(response):
    headers = [
        (name, value) for name, value in response.items() if name.lower() not in UNSTORED_HEADERS
    ]
    return (response.status_code, headers, response.content)


def deserialise(stored, request):
    status, headers, content = stored
    response = HttpResponse(b"" if request.method == "HEAD" else content, status=status)
    for name, value in headers:
        response[name] = value
    response["Content-Length"] = str(len(content))
    return response


class PageCacheMiddleware:
    """Placed right after SecurityMiddleware (and WhiteNoise): a hit is answered
    before the session, the locale, the redirects or the database are touched."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        seconds = settings.PAGE_CACHE_SECONDS
        if seconds <= 0 or not request_is_cacheable(request):
            return self.private_if_personal(request, self.get_response(request))
        try:
            # The generation is read before rendering: an answer rendered while a
            # publish commits is stored under the generation it was rendered in,
            # which the publish has already left behind.
            generation = current_generation()
            key = cache_key(request, generation)
            stored = cache().get(key)
        except Exception:  # A cache outage must not take the site down with it.
            logger.warning("Page cache unavailable", exc_info=True)
            return self.get_response(request)
        if stored is not None:
            response = deserialise(stored, request)
            response["X-Cache"] = "hit"
            return response

        response = self.get_response(request)
        if response_is_cacheable(request, response):
            mark_public(response, seconds)
            try:
                cache().set(key, serialise(response), timeout=seconds)
            except Exception:
                logger.warning("Page cache unavailable", exc_info=True)
            response["X-Cache"] = "miss"
        else:
            self.private_if_personal(request, response)
        return response

    @staticmethod
    def private_if_personal(request, response):
        """An answer made for one visitor (signed in, or holding a form's token) must
        not be kept by a CDN or a shared proxy either."""
        personal = is_personal_request(request) or carries_secret(request, response)
        if personal and "Cache-Control" not in response:
            patch_cache_control(response, private=True)
        return response


# Purging ---------------------------------------------------------------------------
def _full_url(page):
    try:
        return page.get_full_url()
    except Exception:  # a page outside every site has no URL
        return None


def urls_showing(page):
    """The exact URLs that show `page`: the page in each of its languages, its
    ancestors (the home and country pages and the index that lists it), the region-wide
    index of its section with the feed or calendar of each index, and the sitemap.
    The CDN is told these; query-string variants of listings are left to its
    s-maxage, as a CDN cannot purge by pattern everywhere."""
    from wagtail.models import Page

    from home.sections import section_for_model

    page = page.specific
    urls = set()
    pages = [page, *page.get_translations().live().specific()]
    for version in pages:
        indexes = []
        for ancestor in Page.objects.ancestor_of(version).filter(depth__gt=1).specific():
            urls.add(_full_url(ancestor))
            section = section_for_model(ancestor)
            if section is not None and isinstance(ancestor, section.index_model):
                indexes.append(ancestor)
        version_url = _full_url(version)
        urls.add(version_url)
        section = section_for_model(version)
        if section is not None and isinstance(version, section.item_model):
            # A country's item is also listed region-wide.
            home = Page.objects.ancestor_of(version).filter(depth=2).first()
            if home is not None:
                indexes += list(section.index_model.objects.child_of(home))
            if section.calendar and version_url:
                urls.add(version_url + "event.ics")
        for index in indexes:
            index_url = _full_url(index)
            if index_url is None:
                continue
            urls.add(index_url)
            if index.section.calendar:
                urls.add(index_url + "feed.ics")
            elif index.section.feed is not None:
                urls.add(index_url + "feed/")
    root = _site_root_url(page)
    if root:
        urls.add(root + "/sitemap.xml")
    urls.discard(None)
    return urls


def _site_root_url(page):
    site = page.get_site()
    return site.root_url if site else None


def send_to_frontend_cache(urls):
    """Wagtail's front-end cache invalidation, when a CDN is configured; its purge
    runs as a background task (Wagtail 8)."""
    if not urls or not getattr(settings, "WAGTAILFRONTENDCACHE", None):
        return
    from wagtail.contrib.frontend_cache.utils import purge_urls_from_cache

    purge_urls_from_cache(sorted(urls))


def purge(page, extra_urls=()):
    """Drop every cached answer now and again when the transaction commits (a request
    rendered between the two saw the old content), then tell the CDN the exact URLs."""
    cdn = bool(getattr(settings, "WAGTAILFRONTENDCACHE", None))
    if settings.PAGE_CACHE_SECONDS <= 0 and not cdn:
        return
    # The URLs cost a few queries: worked out only when there is a CDN to tell.
    urls = (urls_showing(page) | set(extra_urls)) if cdn else set()

    def after_commit():
        _bump_quietly()
        send_to_frontend_cache(urls)

    _bump_quietly()
    transaction.on_commit(after_commit)


def _bump_quietly():
    try:
        bump_generation()
    except Exception:
        logger.warning("Page cache unavailable: nothing purged", exc_info=True)


def on_published(sender, instance, **kwargs):
    purge(instance)


def on_moved(sender, instance, parent_page_before=None, **kwargs):
    extra = set()
    if parent_page_before is not None and getattr(settings, "WAGTAILFRONTENDCACHE", None):
        old_parent = parent_page_before.specific
        extra = urls_showing(old_parent)
        old_parent_url = _full_url(old_parent)
        if old_parent_url:
            extra.add(f"{old_parent_url}{instance.slug}/")
    purge(instance, extra)


def on_saved(sender, instance, created=False, update_fields=None, raw=False, **kwargs):
    """A live page saved outright (a script, an import, a factory) changes what
    visitors see as a publish does. Saving a draft revision updates named fields
    only and is not purged: visitors see no change."""
    from wagtail.models import Page

    if raw or update_fields is not None or not isinstance(instance, Page) or not instance.live:
        return
    purge(instance)


def on_deleted(sender, instance, **kwargs):
    from wagtail.models import Page

    # Deleting a page deletes a row per model of its class chain: purge once, for
    # the row of its own class.
    if (
        isinstance(instance, Page)
        and instance.live
        and instance.depth > 1
        and type(instance) is instance.specific_class
    ):
        purge(instance)


def connect_signals():
    from django.db.models.signals import post_delete, post_save
    from wagtail.signals import page_published, page_unpublished, post_page_move

    page_published.connect(on_published, dispatch_uid="page_cache_published")
    page_unpublished.connect(on_published, dispatch_uid="page_cache_unpublished")
    post_page_move.connect(on_moved, dispatch_uid="page_cache_moved")
    post_save.connect(on_saved, dispatch_uid="page_cache_saved")
    post_delete.connect(on_deleted, dispatch_uid="page_cache_deleted")
