"""The listing queries use the indexes the section apps declare (Meta.indexes), at a
realistic size: real rows, counted statistics (ANALYZE), no planner switches."""

import pytest
from django.db import connection

from news.factories import NewsPageFactory
from news.models import NewsIndexPage, NewsPage
from portal.languages import COUNTRIES

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="EXPLAIN plans are PostgreSQL's"
)

ROWS = 20000


def clone_news(source, rows):
    """`rows` copies of the news item `source` below its index, spread over every
    country and ten years of dates, written by SQL (a factory would take minutes)."""
    page_columns = [
        f.column
        for f in NewsPage._meta.get_parent_list()[-1]._meta.local_fields
        if f.column != "id"
    ]
    replaced = {
        "path": "%(parent)s || upper(lpad(to_hex(4096 + n), 4, '0'))",
        "slug": "slug || '-' || n",
        "url_path": "url_path || n || '/'",
        "translation_key": "gen_random_uuid()",
        "latest_revision_id": "NULL",
        "live_revision_id": "NULL",
    }
    select = ", ".join(replaced.get(column, f'"{column}"') for column in page_columns)
    news_columns = [f.column for f in NewsPage._meta.local_fields if f.column != "page_ptr_id"]
    countries = "ARRAY[" + ", ".join(f"'{c.slug}'" for c in COUNTRIES) + "]"
    news_replaced = {
        "country": f"({countries})[1 + p.id %% {len(COUNTRIES)}]",
        "date": "DATE '2025-01-01' - (p.id %% 3650)",
    }
    news_select = ", ".join(news_replaced.get(c, f'n."{c}"') for c in news_columns)
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO wagtailcore_page ({', '.join(page_columns)}) "  # noqa: S608
            f"SELECT {select} FROM wagtailcore_page, generate_series(1, %(rows)s) AS n "
            "WHERE id = %(source)s",
            {"parent": source.path[:-4], "rows": rows, "source": source.pk},
        )
        cursor.execute(
            f"INSERT INTO news_newspage (page_ptr_id, {', '.join(news_columns)}) "  # noqa: S608
            f"SELECT p.id, {news_select} FROM wagtailcore_page p, news_newspage n "
            "WHERE n.page_ptr_id = %(source)s AND p.path LIKE %(prefix)s AND p.id <> %(source)s",
            {"source": source.pk, "prefix": source.path[:-4] + "%"},
        )
        cursor.execute("ANALYZE wagtailcore_page")
        cursor.execute("ANALYZE news_newspage")


def test_a_countrys_news_are_read_through_the_country_and_date_index(
    country_section, index_of, home, rf
):
    section = country_section("ukraine", "en")
    source = NewsPageFactory(parent=index_of(section, NewsIndexPage))
    clone_news(source, ROWS)
    assert NewsPage.objects.count() > ROWS
    region = index_of(home, NewsIndexPage)
    queryset = region.order_queryset(region.get_base_queryset().filter(country="serbia"), {})
    plan = queryset[:50].explain()
    print(plan)
    assert "news_country_date_desc" in plan
    assert "Seq Scan on news_newspage" not in plan


def test_the_newest_news_are_read_through_the_date_index(country_section, index_of, home):
    section = country_section("ukraine", "en")
    source = NewsPageFactory(parent=index_of(section, NewsIndexPage))
    clone_news(source, ROWS)
    region = index_of(home, NewsIndexPage)
    plan = region.order_queryset(region.get_base_queryset(), {})[:50].explain()
    print(plan)
    assert "news_date_desc" in plan
    assert "Seq Scan on news_newspage" not in plan
