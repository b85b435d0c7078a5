"""Search inside the library: the publications' own text (title, summary, abstract)
and the text extracted from their files.

On PostgreSQL the file text is stored as a tsvector built with the configuration
of the file's language (search.text_search.TEXT_SEARCH_CONFIGS, "simple" where
PostgreSQL has no stemmer), GIN-indexed, and each file is queried with its own
configuration; the snippet comes from ts_headline. The page text is matched with
the listing language's configuration, as site search does. On SQLite (development)
every word must appear somewhere, and the snippet is a window around the first."""

import re

from django.db import connection
from django.db.models import F, Q, Value
from django.db.models.functions import Greatest, Lower, StrIndex, Substr
from django.utils.html import escape
from django.utils.safestring import mark_safe

from search.text_search import text_search_config

QUERY_MAX_LENGTH = 200
# At most this many words of a query are used on SQLite.
MAX_WORDS = 8
# ts_headline marks; private-use characters never found in extracted text.
START, STOP = "\ue000", "\ue001"
SNIPPET_CHARS = 220


def uses_postgres():
    return connection.vendor == "postgresql"


def words_of(query):
    return [word.lower() for word in re.findall(r"\w+", query)][:MAX_WORDS]


def _file_query(query):
    from django.contrib.postgres.search import SearchQuery

    # Each stored vector is compared with the query parsed in its own configuration.
    return SearchQuery(query, search_type="websearch", config=F("search_config"))


def matching(queryset, query, language_code):
    """`queryset` narrowed to publications that match `query` in their text or files."""
    from library.models import DocumentText, PublicationFile

    if uses_postgres():
        from django.contrib.postgres.search import SearchQuery, SearchVector, SearchVectorExact

        config = text_search_config(language_code)
        vector = SearchVector("title", "summary", "abstract", config=config)
        page_query = SearchQuery(query, search_type="websearch", config=config)
        documents = DocumentText.objects.filter(search_vector=_file_query(query)).values(
            "document_id"
        )
        files = PublicationFile.objects.filter(document_id__in=documents).values("page_id")
        return queryset.filter(Q(SearchVectorExact(vector, page_query)) | Q(pk__in=files))
    words = words_of(query)
    if not words:
        return queryset.none()
    for word in words:
        files = PublicationFile.objects.filter(document__library_text__text__icontains=word).values(
            "page_id"
        )
        queryset = queryset.filter(
            Q(title__icontains=word)
            | Q(summary__icontains=word)
            | Q(abstract__icontains=word)
            | Q(pk__in=files)
        )
    return queryset


def _highlight(text, words):
    """Escaped `text` with every word marked."""
    if not words:
        return escape(text)
    pattern = re.compile("|".join(re.escape(word) for word in words), re.IGNORECASE)
    parts, position = [], 0
    for match in pattern.finditer(text):
        parts.append(escape(text[position : match.start()]))
        parts.append(f"<mark>{escape(match.group(0))}</mark>")
        position = match.end()
    parts.append(escape(text[position:]))
    return "".join(parts)


def _document_snippets(document_ids, query):
    """{document id: safe HTML snippet} for the documents whose text matches. One query."""
    from library.models import DocumentText

    if not document_ids:
        return {}
    if uses_postgres():
        from django.contrib.postgres.search import SearchHeadline

        file_query = _file_query(query)
        rows = (
            DocumentText.objects.filter(document_id__in=document_ids, search_vector=file_query)
            .annotate(
                headline=SearchHeadline(
                    "text",
                    file_query,
                    config=F("search_config"),
                    start_sel=START,
                    stop_sel=STOP,
                    max_words=30,
                    min_words=12,
                    short_word=2,
                )
            )
            .values_list("document_id", "headline")
        )
        return {
            document_id: mark_safe(  # noqa: S308 - escaped here, marks added after
                " ".join(escape(headline).split()).replace(START, "<mark>").replace(STOP, "</mark>")
            )
            for document_id, headline in rows
        }
    words = words_of(query)
    if not words:
        return {}
    position = StrIndex(Lower("text"), Value(words[0]))
    rows = (
        DocumentText.objects.filter(document_id__in=document_ids)
        .annotate(position=position)
        .filter(position__gt=0)
        .annotate(
            window=Substr(
                "text", Greatest(F("position") - SNIPPET_CHARS // 2, Value(1)), SNIPPET_CHARS
            )
        )
        .values_list("document_id", "window", "position")
    )
    snippets = {}
    for document_id, window, found_at in rows:
        text = " ".join(window.split())
        prefix = "… " if found_at > SNIPPET_CHARS // 2 else ""
        snippets[document_id] = mark_safe(prefix + _highlight(text, words) + " …")  # noqa: S308
    return snippets


def snippets_for(items, query):
    """{page pk: snippet} for the publications of one listing page: the first of
    each publication's files, in the reader's language order, whose text matches."""
    if not query:
        return {}
    files_by_item = {item.pk: item.reader_files for item in items}
    document_ids = {f.document_id for files in files_by_item.values() for f in files}
    snippets = _document_snippets(sorted(document_ids), query)
    result = {}
    for pk, files in files_by_item.items():
        for publication_file in files:
            if publication_file.document_id in snippets:
                result[pk] = {
                    "html": snippets[publication_file.document_id],
                    "file": publication_file,
                }
                break
    return result
