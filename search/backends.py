"""Search inside one locale, across every registered section type.

On PostgreSQL each live item has a stored search vector (search.models.SearchEntry),
built in its language's text search configuration (search.text_search) and kept up
to date by a background task on publish. A search filters, ranks and paginates in
the database with the GIN index: one query counts, one query reads the page of
hits, whatever the number of items. Elsewhere (SQLite for ``make run``) Wagtail's own
search API runs over the same base querysets."""

import re

from django.contrib.postgres.search import SearchQuery, SearchRank
from django.db.models import F, Q
from django.utils import timezone
from wagtail.models import PageViewRestriction

from home.sections import all_sections, public
from search.indexing import uses_stored_vectors
from search.models import SearchEntry
from search.text_search import text_search_config

# A search ranks the newest RANKED matches and counts up to them ("more than 1,000
# results"). PostgreSQL finds them either through the GIN index (a rare word) or by
# walking the newest items of the language until it has enough (a common word), so
# the work stays about the same at 1,000 items and at 100,000.
COUNT_LIMIT = 1000


def search_types():
    # type slug -> (model, extra text fields searched besides title and summary)
    return {
        section.key: (section.item_model, list(section.search_fields)) for section in all_sections()
    }


def base_queryset(model, locale, country):
    queryset = model.objects.live().filter(locale=locale)
    # Wagtail's search backends cannot filter on a subquery: they keep Wagtail's public().
    queryset = public(queryset) if uses_stored_vectors() else queryset.public()
    if hasattr(model, "closes_at"):
        # A closed vacancy is no longer on offer: it leaves search as it leaves listings.
        queryset = queryset.filter(closes_at__gt=timezone.now())
    if country:
        queryset = queryset.filter(country=country)
    return queryset


class Hits:
    """A lazy, sliceable list of (score, type slug, page pk), best first, for
    django.core.paginator.Paginator: ``count()`` is one query that stops at
    COUNT_LIMIT + 1, a slice is one query that ranks those candidates."""

    def __init__(self, candidates, query):
        self.candidates = candidates
        self.query = query
        self._count = None

    def count(self):
        if self._count is None:
            self._count = self.candidates.count()
        return self._count

    def __len__(self):
        return self.count()

    def __getitem__(self, item):
        ranked = (
            SearchEntry.objects.filter(page_id__in=self.candidates)
            .annotate(rank=SearchRank(F("vector"), self.query))
            .order_by("-rank", "-page_id")
            .values_list("rank", "section", "page_id")
        )
        return list(ranked[item])


def _entries(query, locale, types, country):
    search_query = SearchQuery(
        query, search_type="websearch", config=text_search_config(locale.language_code)
    )
    entries = SearchEntry.objects.filter(
        locale=locale, section__in=types, vector=search_query
    ).filter(Q(expires_at__isnull=True) | Q(expires_at__gt=timezone.now()))
    if country:
        entries = entries.filter(country=country)
    # Private pages: a view restriction on the page or one of its ancestors. There are
    # few restrictions, and usually none, so they are read first (one small query).
    restricted = list(PageViewRestriction.objects.values_list("page__path", flat=True))
    if restricted:
        private = Q()
        for path in restricted:
            private |= Q(page__path__startswith=path)
        entries = entries.exclude(private)
    # Entries exist for live items only (search.signals removes the others).
    # Ordered as the (locale, page) index is, so that PostgreSQL can walk it.
    candidates = entries.order_by("-locale_id", "-page_id").values("page_id")[: COUNT_LIMIT + 1]
    return Hits(candidates, search_query)


def _wagtail_hits(queryset, query):
    # Only words reach the backend: SQLite's FTS5 reads quotes, brackets and
    # AND/OR/NOT as syntax and raises on anything unbalanced.
    words = [word.lower() for word in re.findall(r"\w+", query)]
    if not words:
        return []
    results = queryset.search(" ".join(words), operator="and").annotate_score("_score")
    return [(page.pk, float(page._score or 0)) for page in results]


def search(query, locale, types=None, country=""):
    """(score, type slug, page pk) hits, best first, in the given locale: a lazy
    ``Hits`` on PostgreSQL, a list elsewhere. Both paginate with Django's Paginator."""
    available = search_types()
    types = types or list(available)
    if uses_stored_vectors():
        return _entries(query, locale, types, country)
    hits = []
    for slug in types:
        model, _extra_fields = available[slug]
        rows = _wagtail_hits(base_queryset(model, locale, country), query)
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
