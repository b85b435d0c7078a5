"""The translation status report at scale: counted and paginated in the database,
the same number of queries whatever the number of items, 50 rows a page."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from news.factories import NewsPageFactory
from news.models import NewsIndexPage, NewsPage
from tests.utils import superuser, translate

URL = "/admin/translation-status/"
# The user and session, the admin's own lookups, visible countries (none: a
# superuser), the locales, one grouped count per language (10), and the page of
# rows with its count. Pinned: it must not grow with the number of items.
REPORT_QUERIES = 19


def report(client, **params):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(URL, params)
    assert response.status_code == 200
    return response.context, len(queries)


def add_news(index, n, start=0):
    return [NewsPageFactory(parent=index, title=f"Item {start + i:03d}") for i in range(n)]


def test_report_queries_do_not_grow_with_items(client, country_section, index_of):
    client.force_login(superuser())
    index = index_of(country_section("ukraine", "uk"), NewsIndexPage)
    add_news(index, 3)
    report(client, language="en")  # warm the admin's per-process caches
    small, small_queries = report(client, language="en")
    add_news(index, 27, start=3)
    large, large_queries = report(client, language="en")
    summary = {row["locale"].language_code: row["counts"] for row in large["summary"]}
    assert len(small["rows"]) == 3 and small["page_obj"].paginator.count == 3
    assert len(large["rows"]) == 30 and large["page_obj"].paginator.count == 30
    assert summary["en"]["missing"] == 30
    assert summary["uk"] == {"translated": 0, "in_progress": 0, "outdated": 0, "missing": 0}
    print(f"translation status: {small_queries} queries for 3 items, {large_queries} for 30")
    assert small_queries == large_queries == REPORT_QUERIES


def test_report_paginates_fifty_rows_and_keeps_the_filters(client, country_section, index_of):
    client.force_login(superuser())
    index = index_of(country_section("ukraine", "uk"), NewsIndexPage)
    add_news(index, 55)
    first, _ = report(client, language="en", state="missing", country="ukraine")
    assert len(first["rows"]) == 50
    assert first["rows"][0]["source"]["title"] == "Item 000"
    html = client.get(URL, {"language": "en", "state": "missing", "country": "ukraine"})
    assert "p=2" in html.content.decode()
    second, _ = report(client, language="en", state="missing", country="ukraine", p=2)
    assert [row["source"]["title"] for row in second["rows"]] == [
        f"Item {i:03d}" for i in range(50, 55)
    ]
    assert all(row["source"]["country"] == "ukraine" for row in second["rows"])
    # A bad page number gives the nearest page, never an error.
    last, _ = report(client, language="en", state="missing", p="999")
    assert len(last["rows"]) == 5


def test_states_are_counted_per_language(client, country_section, index_of):
    client.force_login(superuser())
    index = index_of(country_section("ukraine", "uk"), NewsIndexPage)
    translated, _untouched = add_news(index, 2)
    translate(translated, "en")
    context, _ = report(client, language="en")
    states = {row["source"]["title"]: row["state"] for row in context["rows"]}
    assert states == {"Item 000": "translated", "Item 001": "missing"}
    target = [row["target"] for row in context["rows"] if row["source"]["title"] == "Item 000"]
    assert (
        target[0]["pk"]
        == NewsPage.objects.get(
            translation_key=translated.translation_key, locale__language_code="en"
        ).pk
    )
    summary = {row["locale"].language_code: row["counts"] for row in context["summary"]}
    assert summary["en"] == {"translated": 1, "in_progress": 0, "outdated": 0, "missing": 1}
    assert summary["fr"]["missing"] == 2
