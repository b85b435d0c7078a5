import json

from django import template
from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from wagtail.models import Page

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
def page_translations(context, page=None):
    """The live versions of the current page in every language, current one included,
    in the portal's language order. Without a page (404, search), each locale's home.
    One query either way."""
    cache_key = "_portal_page_translations"
    if cache_key in context:
        return context[cache_key]
    request = context.get("request")
    page = page or context.get("page")
    if isinstance(page, Page) and page.pk:
        candidates = Page.objects.filter(translation_key=page.translation_key).live()
    else:
        candidates = Page.objects.filter(depth=2).live()
    current = get_language()
    translations = []
    for candidate in candidates.select_related("locale"):
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
    """The current locale's home, its region-wide indexes and its country sections,
    in one query. Cached on the request: the header and the footer both use it."""
    request = context.get("request")
    if request is not None and hasattr(request, "_portal_navigation"):
        return request._portal_navigation
    language = get_language()
    pages = (
        Page.objects.live()
        .filter(depth__in=[2, 3], locale__language_code=language)
        .select_related("content_type")
        .order_by("path")
    )
    navigation = {"home": None, "indexes": [], "countries": []}
    for page in pages:
        if page.depth == 2:
            navigation["home"] = page
        elif page.content_type.model == "countrypage":
            navigation["countries"].append(page)
        else:
            navigation["indexes"].append(page)
    navigation["countries"].sort(key=lambda p: p.title)
    if request is not None:
        request._portal_navigation = navigation
    return navigation


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
