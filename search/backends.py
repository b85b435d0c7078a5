"""Search inside one locale, across every registered section type.

Wagtail's database backend indexes every page with one PostgreSQL text search
configuration, but each locale needs its own stemming (Russian for /ru/, Greek for
/el/, none for Ukrainian, which PostgreSQL cannot stem). So on PostgreSQL with the
database backend the search builds its vectors at query time with the locale's
configuration through ``django.contrib.postgres.search``. Everywhere else (SQLite in
development, OpenSearch/Elasticsearch in production) Wagtail's own search API runs."""

import re

from django.conf import settings
from django.db import connection
from django.db.models import F, TextField
from django.db.models.functions import Cast
from django.utils import timezone

from home.sections import all_sections

# PostgreSQL's built-in configurations for the portal's languages; "simple" (no
# stemming, no stop words) where PostgreSQL has none: sq, bg, sh, uk.
POSTGRES_SEARCH_CONFIGS = {
    "en": "english",
    "fr": "french",
    "hu": "hungarian",
    "ro": "romanian",
    "ru": "russian",
    "el": "greek",
}


def postgres_config(language_code):
    return POSTGRES_SEARCH_CONFIGS.get(language_code, "simple")


def search_types():
    # type slug -> (model, extra text fields searched besides title and summary)
    return {
        section.key: (section.item_model, list(section.search_fields)) for section in all_sections()
    }


def uses_postgres_full_text():
    backend = settings.WAGTAILSEARCH_BACKENDS["default"]["BACKEND"]
    return connection.vendor == "postgresql" and backend.startswith(
        ("wagtail.search.backends.database", "modelsearch.backends.database")
    )


def base_queryset(model, locale, country):
    queryset = model.objects.live().public().filter(locale=locale)
    if hasattr(model, "closes_at"):
        # A closed vacancy is no longer on offer: it leaves search as it leaves listings.
        queryset = queryset.filter(closes_at__gt=timezone.now())
    if country:
        queryset = queryset.filter(country=country)
    return queryset


def _postgres_hits(queryset, query, config, extra_fields):
    from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector

    def text(name):
        # StreamField bodies are JSON; their text still carries the words.
        return Cast(F(name), output_field=TextField())

    vector = (
        SearchVector("title", weight="A", config=config)
        + SearchVector("summary", "search_description", weight="B", config=config)
        + SearchVector(*[text(name) for name in extra_fields], weight="C", config=config)
    )
    # websearch_to_tsquery accepts anything a person types ("quotes", -minus, OR)
    # and never raises a syntax error on stray operators.
    search_query = SearchQuery(query, search_type="websearch", config=config)
    rows = (
        queryset.annotate(search=vector)
        .filter(search=search_query)
        .annotate(rank=SearchRank(vector, search_query))
        .values_list("pk", "rank")
    )
    return list(rows)


def _wagtail_hits(queryset, query):
    # Only words reach the backend: SQLite's FTS5 reads quotes, brackets and
    # AND/OR/NOT as syntax and raises on anything unbalanced.
    words = [word.lower() for word in re.findall(r"\w+", query)]
    if not words:
        return []
    results = queryset.search(" ".join(words), operator="and").annotate_score("_score")
    return [(page.pk, float(page._score or 0)) for page in results]


def search(query, locale, types=None, country=""):
    """[(score, type slug, page pk)], best first, for the given locale."""
    available = search_types()
    types = types or list(available)
    hits = []
    for slug in types:
        model, extra_fields = available[slug]
        queryset = base_queryset(model, locale, country)
        if uses_postgres_full_text():
            rows = _postgres_hits(
                queryset, query, postgres_config(locale.language_code), extra_fields
            )
        else:
            rows = _wagtail_hits(queryset, query)
        hits.extend((score, slug, pk) for pk, score in rows)
    hits.sort(key=lambda hit: (-hit[0], hit[1], -hit[2]))
    return hits


def load_pages(hits):
    """The specific pages of one page of hits, in order, with what the listing
    templates need, in one query (plus prefetches) per type."""
    available = search_types()
    by_type = {}
    for _score, slug, pk in hits:
        by_type.setdefault(slug, []).append(pk)
    pages = {}
    for slug, pks in by_type.items():
        model = available[slug][0]
        queryset = model.optimise_for_listing(model.objects.filter(pk__in=pks))
        pages.update({(slug, page.pk): page for page in queryset})
    return [pages[(slug, pk)] for _score, slug, pk in hits if (slug, pk) in pages]
