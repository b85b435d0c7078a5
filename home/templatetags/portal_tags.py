import json
import zlib

from django import template
from django.db.models import Q
from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from wagtail.models import Page

from portal.collation import collated
from portal.languages import COUNTRIES_BY_SLUG, LANGUAGES

register = template.Library()

AUTONYMS = dict(LANGUAGES)
LANGUAGE_ORDER = {code: position for position, (code, _name) in enumerate(LANGUAGES)}

_JSON_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


def _with_query(url, request, drop=("page",)):
    """Keep a listing's filters when switching language; they are language-neutral."""
    if request is None or not request.GET:
        return url
    query = request.GET.copy()
    for key in drop:
        query.pop(key, None)
    return f"{url}?{query.urlencode()}" if query else url


@register.simple_tag(takes_context=True)
def page_translations(context):
    """The live versions of the current page in every language, current one included,
    in the portal's language order. Without a page (404, search), each locale's home.
    Read from the navigation's query (site_navigation), so it costs none of its own."""
    cache_key = "_portal_page_translations"
    if cache_key in context:
        return context[cache_key]
    request = context.get("request")
    current = get_language()
    translations = []
    for candidate in site_navigation(context)["versions"]:
        code = candidate.locale.language_code
        if code not in AUTONYMS:
            continue
        url = candidate.get_url(request)
        if url is None:
            continue
        full_url = candidate.get_full_url(request)
        translations.append(
            {
                "code": code,
                "name": AUTONYMS[code],
                "url": _with_query(url, request),
                "full_url": full_url,
                "is_current": code == current,
            }
        )
    translations.sort(key=lambda t: LANGUAGE_ORDER[t["code"]])
    context[cache_key] = translations
    return translations


@register.inclusion_tag("includes/alternates.html", takes_context=True)
def page_alternates(context):
    """Canonical link, hreflang alternates for translations that exist, and x-default."""
    if context.get("no_alternates"):
        return {"canonical": None, "alternates": [], "x_default": None}
    translations = page_translations(context)
    request = context.get("request")
    page = context.get("page")
    canonical = None
    if isinstance(page, Page):
        canonical = page.get_full_url(request)
        page_obj = context.get("page_obj")
        if canonical and page_obj is not None and page_obj.number > 1:
            canonical = f"{canonical}?page={page_obj.number}"
    by_code = {t["code"]: t for t in translations}
    default = by_code.get("en") or next(iter(translations), None)
    return {
        "canonical": canonical,
        "alternates": translations if isinstance(page, Page) else [],
        "x_default": default["full_url"] if default and isinstance(page, Page) else None,
    }


@register.inclusion_tag("includes/language_switcher.html", takes_context=True)
def language_switcher(context):
    return {"translations": page_translations(context), "current": get_language()}


@register.simple_tag(takes_context=True)
def site_navigation(context):
    """The current locale's home, its region-wide indexes, its standard pages (About,
    Contact, Privacy), its country sections in the language's alphabetical order, the
    current page's ancestors for the breadcrumbs, and the live versions of the current
    page in every language (or every locale's home where there is no page) for the
    language switcher and the hreflang alternates: one query. Cached on the request:
    the head, the header, the breadcrumbs and the footer all use it."""
    request = context.get("request")
    if request is not None and hasattr(request, "_portal_navigation"):
        return request._portal_navigation
    language = get_language()
    page = context.get("page")
    has_page = isinstance(page, Page) and page.pk
    ancestor_paths = []
    if has_page and page.depth > 2:
        ancestor_paths = [page.path[: Page.steplen * depth] for depth in range(2, page.depth)]
    versions = Q(translation_key=page.translation_key) if has_page else Q(depth=2)
    pages = (
        Page.objects.live()
        .filter(
            Q(depth__in=[2, 3], locale__language_code=language)
            | Q(path__in=ancestor_paths)
            | versions
        )
        .select_related("content_type", "locale")
        .order_by("path")
    )
    navigation = {
        "home": None,
        "indexes": [],
        "countries": [],
        "pages": [],
        "ancestors": [],
        "versions": [],
    }
    for candidate in pages:
        if (has_page and candidate.translation_key == page.translation_key) or (
            not has_page and candidate.depth == 2
        ):
            navigation["versions"].append(candidate)
        if candidate.path in ancestor_paths:
            navigation["ancestors"].append(candidate)
        if candidate.locale.language_code != language:
            continue
        if candidate.depth == 2:
            navigation["home"] = navigation["home"] or candidate
        elif candidate.depth != 3:
            continue
        elif candidate.content_type.model == "countrypage":
            navigation["countries"].append(candidate)
        elif candidate.content_type.model == "standardpage":
            navigation["pages"].append(candidate)
        else:
            navigation["indexes"].append(candidate)
    navigation["countries"] = collated(navigation["countries"], key=lambda p: p.title)
    if request is not None:
        request._portal_navigation = navigation
    return navigation


@register.inclusion_tag("includes/breadcrumbs.html", takes_context=True)
def breadcrumbs(context, here=None):
    """Home › section › … › the current page, as links with schema.org BreadcrumbList
    microdata (no script, so nothing for the CSP to allow). `here` names a view that is
    not a page (search, sign-in); on a page's sub-view it follows the page."""
    navigation = site_navigation(context)
    page = context.get("page")
    trail = []
    if isinstance(page, Page) and page.pk and page.depth > 2:
        trail = [ancestor for ancestor in navigation["ancestors"] if ancestor.depth > 2]
        if here:
            trail.append(page)
        else:
            here = page.title
    if not here:
        return {"show": False}
    return {
        "show": True,
        "home": navigation["home"],
        "trail": trail,
        "here": here,
        "request": context.get("request"),
    }


@register.simple_tag
def home_url():
    return reverse("wagtail_serve", args=[""])


@register.filter
def country_name(slug):
    country = COUNTRIES_BY_SLUG.get(slug)
    return country.name if country else ""


@register.filter
def language_name(code):
    return AUTONYMS.get(code, code)


@register.simple_tag(takes_context=True)
def json_ld(context, obj=None):
    obj = obj or context.get("page")
    getter = getattr(obj, "get_json_ld", None)
    if getter is None:
        return ""
    data = getter(context.get("request"))
    if not data:
        return ""
    payload = json.dumps(data, ensure_ascii=False).translate(_JSON_ESCAPES)
    # The Content-Security-Policy allows no inline script without the request's nonce.
    nonce = getattr(context.get("request"), "csp_nonce", "")
    return format_html(
        '<script type="application/ld+json" nonce="{}">{}</script>',
        nonce,
        mark_safe(payload),  # noqa: S308
    )


@register.filter
def utc_offset(value):
    """+02:00 style offset of an aware datetime, for naming a time zone."""
    offset = value.utcoffset()
    if offset is None:
        return ""
    minutes = int(offset.total_seconds() // 60)
    sign = "+" if minutes >= 0 else "−"
    minutes = abs(minutes)
    return f"UTC{sign}{minutes // 60:02d}:{minutes % 60:02d}"


# Twelve background colours for initials avatars, each with white text at a contrast
# of at least 4.5:1 (portal.css, .avatar-c0 … .avatar-c11).
AVATAR_COLOURS = 12


@register.filter
def initials(name):
    """ "Ярина Савчук" -> "ЯС"; at most two letters, from the first and last word."""
    words = [word for word in str(name).replace("-", " ").split() if word[:1].isalpha()]
    if not words:
        return "?"
    letters = words[0][0] + (words[-1][0] if len(words) > 1 else "")
    return letters.upper()


@register.filter
def avatar_colour(value):
    """A colour class that stays the same for the same person: a page's translation_key
    (so "Ярина Савчук" and "Yaryna Savchuk" match), or else the name itself."""
    key = str(getattr(value, "translation_key", None) or value)
    return f"avatar-c{zlib.crc32(key.encode()) % AVATAR_COLOURS}"
