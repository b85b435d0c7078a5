import datetime

import pytest
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from events.factories import EventPageFactory
from events.models import EventIndexPage
from expert_profiles.factories import ExpertProfilePageFactory
from expert_profiles.models import ExpertDirectoryPage
from news.factories import NewsPageFactory
from news.models import NewsIndexPage, NewsPage
from search.backends import postgres_config
from search.forms import QUERY_MAX_LENGTH
from tests.utils import count_queries
from vacancies.factories import VacancyPageFactory
from vacancies.models import VacancyIndexPage

postgres_only = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="language-specific stemming needs PostgreSQL's text search configurations",
)


def result_titles(response):
    return [page.title for page in response.context["results"]]


def search_url(language="en"):
    from django.utils import translation

    with translation.override(language):
        return reverse("search")


@pytest.fixture
def en_news(home, index_of):
    return index_of(home, NewsIndexPage)


def test_search_url_is_under_each_language_prefix():
    assert search_url("en") == "/en/search/"
    assert search_url("uk") == "/uk/search/"


def test_search_finds_items_of_every_type_in_the_locale(client, home, index_of, country_section):
    ukraine = country_section("ukraine", "en")
    NewsPageFactory(parent=index_of(home, NewsIndexPage), title="Foster families meet")
    EventPageFactory(parent=index_of(ukraine, EventIndexPage), title="Foster care training")
    VacancyPageFactory(parent=index_of(ukraine, VacancyIndexPage), title="Foster care officer")
    ExpertProfilePageFactory(
        parent=index_of(ukraine, ExpertDirectoryPage),
        title="Maria Foster",
        summary="Foster care specialist.",
    )
    NewsPageFactory(parent=index_of(home, NewsIndexPage), title="Budget approved")

    response = client.get("/en/search/", {"q": "foster"})

    assert response.status_code == 200
    assert sorted(result_titles(response)) == [
        "Foster care officer",
        "Foster care training",
        "Foster families meet",
        "Maria Foster",
    ]
    assert response["X-Robots-Tag"] == "noindex"


def test_type_and_country_filters(client, home, index_of, country_section):
    ukraine = country_section("ukraine", "en")
    serbia = country_section("serbia", "en")
    NewsPageFactory(parent=index_of(ukraine, NewsIndexPage), title="Kyiv shelter opens")
    NewsPageFactory(parent=index_of(serbia, NewsIndexPage), title="Belgrade shelter opens")
    EventPageFactory(parent=index_of(ukraine, EventIndexPage), title="Shelter volunteers day")

    only_news = client.get("/en/search/", {"q": "shelter", "type": "news"})
    assert sorted(result_titles(only_news)) == ["Belgrade shelter opens", "Kyiv shelter opens"]

    only_ukraine = client.get("/en/search/", {"q": "shelter", "country": "ukraine"})
    assert sorted(result_titles(only_ukraine)) == ["Kyiv shelter opens", "Shelter volunteers day"]


def test_unknown_filter_values_are_dropped_and_reported(client, en_news):
    NewsPageFactory(parent=en_news, title="Shelter news")

    response = client.get("/en/search/", {"q": "shelter", "type": "blog", "country": "mars"})

    assert response.status_code == 200
    assert result_titles(response) == ["Shelter news"]
    assert len(response.context["rejected_filters"]) == 2


def test_drafts_private_pages_and_closed_vacancies_are_not_found(
    client, home, index_of, country_section
):
    from wagtail.models import PageViewRestriction

    ukraine = country_section("ukraine", "en")
    NewsPageFactory(parent=index_of(home, NewsIndexPage), title="Orphanage reform public")
    NewsPageFactory(
        parent=index_of(home, NewsIndexPage), title="Orphanage reform draft", live=False
    )
    private = NewsPageFactory(
        parent=index_of(home, NewsIndexPage), title="Orphanage reform private"
    )
    PageViewRestriction.objects.create(
        page=private, restriction_type=PageViewRestriction.PASSWORD, password="secret"
    )
    VacancyPageFactory(
        parent=index_of(ukraine, VacancyIndexPage), title="Orphanage reform advisor", closed=True
    )

    response = client.get("/en/search/", {"q": "orphanage"})

    assert result_titles(response) == ["Orphanage reform public"]


def test_ukrainian_content_is_not_returned_for_an_english_search(
    client, home_for, index_of, country_section
):
    uk_ukraine = country_section("ukraine", "uk")
    NewsPageFactory(
        parent=index_of(uk_ukraine, NewsIndexPage),
        title="Kharkiv Ukrainian-only report",
        summary="Звіт про дітей Харкова.",
    )
    NewsPageFactory(
        parent=index_of(home_for("en"), NewsIndexPage),
        title="Kharkiv English report",
    )

    english = client.get("/en/search/", {"q": "Kharkiv"})
    ukrainian = client.get("/uk/search/", {"q": "Kharkiv"})
    ukrainian_words = client.get("/uk/search/", {"q": "Харкова"})

    assert result_titles(english) == ["Kharkiv English report"]
    assert result_titles(ukrainian) == ["Kharkiv Ukrainian-only report"]
    assert result_titles(ukrainian_words) == ["Kharkiv Ukrainian-only report"]


@postgres_only
def test_english_search_uses_english_stemming(client, en_news):
    NewsPageFactory(parent=en_news, title="Children protected", summary="Families were supported.")

    # "protecting" and "protected" share the stem "protect"; "supporting" matches "supported".
    assert result_titles(client.get("/en/search/", {"q": "protecting"})) == ["Children protected"]
    assert result_titles(client.get("/en/search/", {"q": "supporting families"})) == [
        "Children protected"
    ]


@postgres_only
def test_russian_search_uses_russian_stemming(client, home_for, index_of):
    ru_news = index_of(home_for("ru"), NewsIndexPage)
    NewsPageFactory(
        parent=ru_news, title="Защита детей", summary="Новая программа для приёмных семей."
    )

    # "детям" (dative) and "детей" (genitive) share a Russian stem, as do "семья" and "семей".
    assert result_titles(client.get("/ru/search/", {"q": "защиту"})) == ["Защита детей"]
    assert result_titles(client.get("/ru/search/", {"q": "программы семья"})) == ["Защита детей"]


def test_each_language_has_its_text_search_configuration():
    assert postgres_config("en") == "english"
    assert postgres_config("ru") == "russian"
    assert postgres_config("el") == "greek"
    assert postgres_config("fr") == "french"
    assert postgres_config("hu") == "hungarian"
    assert postgres_config("ro") == "romanian"
    # PostgreSQL has no stemmer for these: words are matched as written.
    for code in ("uk", "bg", "sq", "sh"):
        assert postgres_config(code) == "simple"


@pytest.mark.parametrize(
    "query",
    [
        "x" * 10_000,
        '"(&|!:*',
        "shelter & | ! :* (",
        "'''",
        "-",
        "OR AND NOT",
        "\\",
        "%_",
    ],
)
def test_odd_queries_give_a_normal_page(client, en_news, query):
    NewsPageFactory(parent=en_news, title="Shelter news")
    before = NewsPage.objects.count()

    response = client.get("/en/search/", {"q": query})

    assert response.status_code == 200
    html = response.content.decode()
    assert "<h1>" in html
    assert NewsPage.objects.count() == before


def test_a_too_long_query_says_so(client, en_news):
    response = client.get("/en/search/", {"q": "shelter " * 2000})

    assert response.status_code == 200
    assert response.context["query_error"]
    assert str(QUERY_MAX_LENGTH) in response.content.decode()
    assert result_titles(response) == []


def test_a_nul_byte_is_refused_with_a_message(client, en_news):
    # The site-wide NUL guard (portal.middleware.RejectNulBytesMiddleware) answers
    # before the search runs.
    for query in ("shel\x00ter", "\x00"):
        response = client.get("/en/search/", {"q": query})

        assert response.status_code == 400
        assert "a NUL byte" in response.content.decode()


def test_operators_alone_find_nothing_without_error(client, en_news):
    NewsPageFactory(parent=en_news, title="Shelter news")

    response = client.get("/en/search/", {"q": '"(&|!:*'})

    assert response.status_code == 200
    assert result_titles(response) == []


def test_empty_search_shows_the_form_only(client, db):
    response = client.get("/en/search/")

    assert response.status_code == 200
    assert response.context["results"] == []
    assert 'role="search"' in response.content.decode()


def test_pagination_and_a_bad_page_give_the_nearest_page(client, en_news, settings):
    settings.PORTAL_PAGE_SIZE = 2
    for day in range(5):
        NewsPageFactory(
            parent=en_news,
            title=f"Winter support {day}",
            date=timezone.localdate() - datetime.timedelta(days=day),
        )

    first = client.get("/en/search/", {"q": "winter"})
    last = client.get("/en/search/", {"q": "winter", "page": "99"})
    junk = client.get("/en/search/", {"q": "winter", "page": "abc"})

    assert first.context["result_count"] == 5
    assert len(result_titles(first)) == 2
    assert last.status_code == 200
    assert last.context["page_obj"].number == 3
    assert len(result_titles(last)) == 1
    assert junk.context["page_obj"].number == 1
    seen = set()
    for number in (1, 2, 3):
        seen.update(result_titles(client.get("/en/search/", {"q": "winter", "page": number})))
    assert len(seen) == 5


def test_query_count_does_not_grow_with_results(client, en_news, settings):
    settings.PORTAL_PAGE_SIZE = 30

    def render():
        response = client.get("/en/search/", {"q": "rehabilitation"})
        assert response.status_code == 200
        return len(response.context["results"])

    for n in range(3):
        NewsPageFactory(parent=en_news, title=f"Rehabilitation centre {n}")
    three = count_queries(render)
    for n in range(3, 30):
        NewsPageFactory(parent=en_news, title=f"Rehabilitation centre {n}")
    thirty = count_queries(render)

    assert three == thirty


def test_header_has_a_labelled_search_box(client, home):
    html = client.get("/uk/").content.decode()

    assert 'action="/uk/search/"' in html
    assert '<label for="site-search-q">' in html
    assert 'id="site-search-q" name="q"' in html
