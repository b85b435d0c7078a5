"""Per-language translation state of every item of every registered section:
translated, in progress, outdated or missing.

- translated: a live page exists in the language and was published after the
  source's last change and last sync;
- outdated: a live page exists, but the source changed (or was synced) since;
- in progress: a translation was started but is not live yet;
- missing: nothing exists in that language.
A fixed number of queries, whatever the number of items."""

from collections import defaultdict

from django.utils.translation import gettext_lazy as _
from wagtail.models import Locale
from wagtail_localize.models import Translation

from home.models import CountryPage
from home.sections import all_sections
from portal.languages import COUNTRIES, COUNTRIES_BY_SLUG

TRANSLATED, IN_PROGRESS, OUTDATED, MISSING = "translated", "in_progress", "outdated", "missing"
STATES = [
    (TRANSLATED, _("Translated")),
    (IN_PROGRESS, _("In progress")),
    (OUTDATED, _("Outdated")),
    (MISSING, _("Missing")),
]


def content_models():
    return {section.key: section.item_model for section in all_sections()}


def visible_countries(user):
    """None (every country) for those granted governance.view_all_countries (the
    regional team and translators); otherwise the countries whose sections the
    user's groups hold page permissions on."""
    if user.has_perm("governance.view_all_countries"):
        return None
    return set(
        CountryPage.objects.filter(group_permissions__group__user=user).values_list(
            "country", flat=True
        )
    )


def item_states(models, countries=None):
    """{translation_key: {"source": row, "pages": {locale_id: row}}} plus states."""
    groups = defaultdict(lambda: {"pages": {}})
    for kind, model in models.items():
        queryset = model.objects.all()
        if countries is not None:
            queryset = queryset.filter(country__in=countries)
        for row in queryset.values(
            "pk", "title", "translation_key", "locale_id", "live", "last_published_at", "country"
        ):
            row["kind"] = kind
            groups[row["translation_key"]]["pages"][row["locale_id"]] = row
    translations = defaultdict(dict)
    source_locales = {}
    for t in Translation.objects.filter(source__object_id__in=list(groups)).values(
        "source__object_id",
        "source__locale_id",
        "source__last_updated_at",
        "target_locale_id",
        "enabled",
    ):
        key = t["source__object_id"]
        translations[key][t["target_locale_id"]] = t
        source_locales[key] = t["source__locale_id"]
    for key, group in groups.items():
        pages = group["pages"]
        source_locale = (
            source_locales.get(key) or min(pages.values(), key=lambda r: r["pk"])["locale_id"]
        )
        group["source"] = pages.get(source_locale) or next(iter(pages.values()))
        group["translations"] = translations.get(key, {})
    return groups


def state_for(group, locale_id):
    source = group["source"]
    page = group["pages"].get(locale_id)
    record = group["translations"].get(locale_id)
    if page is None:
        return IN_PROGRESS if record and record["enabled"] else MISSING
    if not page["live"]:
        return IN_PROGRESS
    changed = [
        moment
        for moment in (source["last_published_at"], record and record["source__last_updated_at"])
        if moment
    ]
    if page["last_published_at"] and changed and max(changed) > page["last_published_at"]:
        return OUTDATED
    return TRANSLATED


def translation_status_report(user, params):
    models = content_models()
    kind = params.get("type") if params.get("type") in models else ""
    allowed = visible_countries(user)
    country = params.get("country") if params.get("country") in COUNTRIES_BY_SLUG else ""
    if allowed is not None and country and country not in allowed:
        country = ""
    countries = {country} if country else allowed
    chosen = {kind: models[kind]} if kind else models
    groups = item_states(chosen, countries)
    locales = list(Locale.objects.order_by("pk"))
    summary = []
    for locale in locales:
        counts = dict.fromkeys([s for s, _label in STATES], 0)
        for group in groups.values():
            if group["source"]["locale_id"] == locale.pk:
                continue
            counts[state_for(group, locale.pk)] += 1
        summary.append({"locale": locale, "counts": counts})
    focus = params.get("language")
    focus_locale = next((loc for loc in locales if loc.language_code == focus), None)
    rows = []
    if focus_locale is not None:
        wanted = params.get("state")
        for group in sorted(groups.values(), key=lambda g: g["source"]["title"]):
            if group["source"]["locale_id"] == focus_locale.pk:
                continue
            state = state_for(group, focus_locale.pk)
            if wanted and state != wanted:
                continue
            target = group["pages"].get(focus_locale.pk)
            rows.append({"source": group["source"], "target": target, "state": state})
    return {
        "summary": summary,
        "states": STATES,
        "rows": rows,
        "focus_locale": focus_locale,
        "country_choices": [c for c in COUNTRIES if allowed is None or c.slug in allowed],
        "type_choices": [(k, m._meta.verbose_name_plural) for k, m in models.items()],
        "selected": {
            "country": country,
            "type": kind,
            "language": focus or "",
            "state": params.get("state", ""),
        },
        "locales": locales,
    }
