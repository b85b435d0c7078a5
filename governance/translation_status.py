"""Per-language translation state of every item of every registered section:
translated, in progress, outdated or missing.

- translated: a live page exists in the language and was published after the
  source's last change and last sync;
- outdated: a live page exists, but the source changed (or was synced) since;
- in progress: a translation was started but is not live yet;
- missing: nothing exists in that language.

Everything is counted and paginated in the database: one grouped count per
language for the summary, and one page of 50 rows for the chosen language. No item
is loaded into Python beyond the page shown, and no query grows with the number of
items (tests/governance/test_translation_status_scale.py pins the figure)."""

from django.core.paginator import Paginator
from django.db.models import (
    Case,
    CharField,
    Count,
    Exists,
    F,
    OuterRef,
    Q,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _
from wagtail.models import Locale, Page
from wagtail_localize.models import Translation, TranslationSource

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
ROWS_PER_PAGE = 50


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


def item_pages(models, countries=None):
    """Every page of the chosen item types (of the chosen countries), as plain pages."""
    condition = Q(pk__in=[])
    for model in models.values():
        items = model.objects.all()
        if countries is not None:
            items = items.filter(country__in=countries)
        condition |= Q(pk__in=items.values("pk"))
    return Page.objects.filter(condition)


def source_pages(models, countries=None):
    """One page per translation key: the version wagtail-localize translates from (its
    TranslationSource's locale), or, for an item never submitted for translation, the
    first version created."""
    same_key = Page.objects.filter(translation_key=OuterRef("translation_key"))
    sources_of_key = TranslationSource.objects.filter(object_id=OuterRef("translation_key"))
    is_source_here = Exists(sources_of_key.filter(locale_id=OuterRef("locale_id")))
    source_version_exists = Exists(
        same_key.filter(
            locale_id__in=TranslationSource.objects.filter(
                object_id=OuterRef(OuterRef("translation_key"))
            ).values("locale_id")
        )
    )
    earlier_version = Exists(same_key.filter(pk__lt=OuterRef("pk")))
    return item_pages(models, countries).filter(
        is_source_here | (~source_version_exists & ~earlier_version)
    )


def with_state_in(sources, locale_id):
    """`sources` annotated with `state` (and `target_id`) in one language, all in SQL."""
    target = Page.objects.filter(translation_key=OuterRef("translation_key"), locale_id=locale_id)
    record = Translation.objects.filter(
        source__object_id=OuterRef("translation_key"), target_locale_id=locale_id
    ).order_by("-enabled", "pk")
    sources = sources.annotate(
        target_id=Subquery(target.values("pk")[:1]),
        target_live=Subquery(target.values("live")[:1]),
        target_published=Subquery(target.values("last_published_at")[:1]),
        record_enabled=Subquery(record.values("enabled")[:1]),
        record_synced=Subquery(record.values("source__last_updated_at")[:1]),
    )
    # A comparison with NULL is not true, as in Python's "if moment" test before.
    changed_since = Q(target_published__lt=F("last_published_at")) | Q(
        target_published__lt=F("record_synced")
    )
    return sources.annotate(
        state=Case(
            When(target_id__isnull=True, record_enabled=True, then=Value(IN_PROGRESS)),
            When(target_id__isnull=True, then=Value(MISSING)),
            When(target_live=False, then=Value(IN_PROGRESS)),
            When(changed_since, then=Value(OUTDATED)),
            default=Value(TRANSLATED),
            output_field=CharField(),
        )
    )


def summary_counts(sources, locale_id):
    """{state: count} of the items whose source is in another language: one query."""
    counts = dict.fromkeys([state for state, _label in STATES], 0)
    grouped = (
        with_state_in(sources.exclude(locale_id=locale_id), locale_id)
        .order_by()
        .values("state")
        .annotate(n=Count("pk"))
    )
    for row in grouped:
        counts[row["state"]] = row["n"]
    return counts


def with_country(queryset, models):
    """The item's country, read from whichever item table holds it: one query."""
    countries = [
        Subquery(model.objects.filter(pk=OuterRef("pk")).values("country")[:1])
        for model in models.values()
    ]
    if len(countries) == 1:
        return queryset.annotate(country=countries[0])
    return queryset.annotate(country=Coalesce(*countries, output_field=CharField()))


def translation_status_report(user, params):
    models = content_models()
    kind = params.get("type") if params.get("type") in models else ""
    allowed = visible_countries(user)
    country = params.get("country") if params.get("country") in COUNTRIES_BY_SLUG else ""
    if allowed is not None and country and country not in allowed:
        country = ""
    countries = {country} if country else allowed
    chosen = {kind: models[kind]} if kind else models
    sources = source_pages(chosen, countries)
    locales = list(Locale.objects.order_by("pk"))
    summary = [
        {"locale": locale, "counts": summary_counts(sources, locale.pk)} for locale in locales
    ]
    focus = params.get("language")
    focus_locale = next((loc for loc in locales if loc.language_code == focus), None)
    page_obj = None
    rows = []
    wanted = params.get("state") if params.get("state") in dict(STATES) else ""
    if focus_locale is not None:
        listed = with_state_in(sources.exclude(locale_id=focus_locale.pk), focus_locale.pk)
        if wanted:
            listed = listed.filter(state=wanted)
        listed = with_country(listed, chosen).order_by("title", "pk")
        listed = listed.values("pk", "title", "country", "state", "target_id")
        page_obj = Paginator(listed, ROWS_PER_PAGE).get_page(params.get("p"))
        rows = [
            {
                "source": {"pk": row["pk"], "title": row["title"], "country": row["country"]},
                "target": {"pk": row["target_id"]} if row["target_id"] else None,
                "state": row["state"],
            }
            for row in page_obj.object_list
        ]
    return {
        "summary": summary,
        "states": STATES,
        "rows": rows,
        "page_obj": page_obj,
        "elided_page_range": page_obj.paginator.get_elided_page_range(page_obj.number)
        if page_obj
        else [],
        "focus_locale": focus_locale,
        "country_choices": [c for c in COUNTRIES if allowed is None or c.slug in allowed],
        "type_choices": [(k, m._meta.verbose_name_plural) for k, m in models.items()],
        "selected": {
            "country": country,
            "type": kind,
            "language": focus or "",
            "state": wanted,
        },
        "locales": locales,
    }
