"""Building and storing the search vector of each live section item (SearchEntry).

The text is taken from the page in Python (a StreamField or rich text gives its
words, not its JSON or HTML), then PostgreSQL builds the vector in the page's
language configuration: title weighted A, summary and search description B, the
fields the section declares (``Section.search_fields``) C."""

from django.db import connection
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.rich_text import get_text_for_indexing

from home.sections import all_sections, section_for_model
from search.models import SearchEntry
from search.text_search import text_search_config

# Rows written per INSERT when rebuilding.
CHUNK = 500


def uses_stored_vectors(using=None):
    """Stored vectors are a PostgreSQL feature; elsewhere Wagtail's search runs."""
    return (using or connection).vendor == "postgresql"


def field_text(page, name):
    field = page._meta.get_field(name)
    value = getattr(page, name)
    if value is None:
        return ""
    if isinstance(field, StreamField):
        return " ".join(str(piece) for piece in field.get_searchable_content(value))
    if isinstance(field, RichTextField):
        return get_text_for_indexing(value)
    return str(value)


def entry_row(page, section, language_code):
    """The values of one SearchEntry row for a live item page (specific)."""
    summary = " ".join(filter(None, [page.summary, page.search_description]))
    extra = " ".join(field_text(page, name) for name in section.search_fields)
    return {
        "page_id": page.pk,
        "locale_id": page.locale_id,
        "section": section.key,
        "country": page.country or "",
        "expires_at": getattr(page, "closes_at", None),
        "config": text_search_config(language_code),
        "title": page.title,
        "summary": summary,
        "extra": extra,
    }


ROW_SQL = (
    "(%s, %s, %s, %s, %s, %s, "
    "setweight(to_tsvector(%s::regconfig, %s), 'A') || "
    "setweight(to_tsvector(%s::regconfig, %s), 'B') || "
    "setweight(to_tsvector(%s::regconfig, %s), 'C'))"
)
UPSERT_SQL = (
    "INSERT INTO search_searchentry "
    "(page_id, locale_id, section, country, expires_at, config, vector) VALUES {rows} "
    "ON CONFLICT (page_id) DO UPDATE SET locale_id = EXCLUDED.locale_id, "
    "section = EXCLUDED.section, country = EXCLUDED.country, "
    "expires_at = EXCLUDED.expires_at, config = EXCLUDED.config, vector = EXCLUDED.vector"
)


def write_rows(rows):
    """Insert or replace SearchEntry rows: one statement per CHUNK rows."""
    with connection.cursor() as cursor:
        for start in range(0, len(rows), CHUNK):
            chunk = rows[start : start + CHUNK]
            params = []
            for row in chunk:
                config = row["config"]
                params += [
                    row["page_id"],
                    row["locale_id"],
                    row["section"],
                    row["country"],
                    row["expires_at"],
                    config,
                    config,
                    row["title"],
                    config,
                    row["summary"],
                    config,
                    row["extra"],
                ]
            cursor.execute(UPSERT_SQL.format(rows=", ".join([ROW_SQL] * len(chunk))), params)


def update_entry(page_id):
    """Bring one page's entry up to date: written when the page is a live, registered
    section item, removed otherwise (unpublished, or no longer an item)."""
    if not uses_stored_vectors():
        return
    page = Page.objects.filter(pk=page_id).select_related("locale").first()
    section = section_for_model(page.specific_class) if page is not None else None
    if (
        page is None
        or not page.live
        or section is None
        or section.item_model is not (page.specific_class)
    ):
        SearchEntry.objects.filter(page_id=page_id).delete()
        return
    specific = section.item_model.objects.get(pk=page.pk)
    write_rows([entry_row(specific, section, page.locale.language_code)])


def rebuild(language_codes=None):
    """Rebuild every entry (optionally only for some languages) from the live items;
    drop the entries of pages that are no longer live. Returns the number written."""
    if not uses_stored_vectors():
        return 0
    from wagtail.models import Locale

    locales = Locale.objects.all()
    if language_codes:
        locales = locales.filter(language_code__in=language_codes)
    codes = dict(locales.values_list("pk", "language_code"))
    stale = SearchEntry.objects.filter(locale_id__in=codes).exclude(page__live=True)
    stale.delete()
    written = 0
    for section in all_sections():
        rows = []
        pages = (
            section.item_model.objects.live()
            .filter(locale_id__in=codes)
            .order_by("pk")
            .iterator(chunk_size=CHUNK)
        )
        for page in pages:
            rows.append(entry_row(page, section, codes[page.locale_id]))
            if len(rows) >= CHUNK:
                write_rows(rows)
                written += len(rows)
                rows = []
        write_rows(rows)
        written += len(rows)
    return written
