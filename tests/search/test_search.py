import datetime

import pytest
from django.db import connection
from django.test import TestCase
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from events.factories import EventPageFactory
from events.models import EventIndexPage
from expert_profiles.factories import ExpertProfilePageFactory
from expert_profiles.models import ExpertDirectoryPage
from home.factories import publish
from news.factories import NewsPageFactory
from news.models import NewsIndexPage, NewsPage
from search.forms import QUERY_MAX_LENGTH
from search.text_search import text_search_config
from vacancies.factories import VacancyPageFactory
from vacancies.models import VacancyIndexPage

postgres_only = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="language-specific stemming needs PostgreSQL's text search configurations",
)


def published(factory, **kwargs):
    """An item made by `factory` and published as an editor publishes it, so its search
    entry is written by the task that publishing enqueues on commit. A draft
    (live=False) is only created."""
    page = factory(**kwargs)
    if page.live:
        with TestCase.captureOnCommitCallbacks(execute=True):
            publish(page)
    return page


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
    published(NewsPageFactory, parent=index_of(home, NewsIndexPage), title="Foster families meet")
    published(
        EventPageFactory, parent=index_of(ukraine, EventIndexPage), title="Foster care training"
    )
    published(
        VacancyPageFactory, parent=index_of(ukraine, VacancyIndexPage), title="Foster care officer"
    )
    published(
        ExpertProfilePageFactory,
        parent=index_of(ukraine, ExpertDirectoryPage),
        title="Maria Foster",
        summary="Foster care specialist.",
    )
    published(NewsPageFactory, parent=index_of(home, NewsIndexPage), title="Budget approved")

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
    published(NewsPageFactory, parent=index_of(ukraine, NewsIndexPage), title="Kyiv shelter opens")
    published(
        NewsPageFactory, parent=index_of(serbia, NewsIndexPage), title="Belgrade shelter opens"
    )
    published(
        EventPageFactory, parent=index_of(ukraine, EventIndexPage), title="Shelter volunteers day"
    )

    only_news = client.get("/en/search/", {"q": "shelter", "type": "news"})
    assert sorted(result_titles(only_news)) == ["Belgrade shelter opens", "Kyiv shelter opens"]

    only_ukraine = client.get("/en/search/", {"q": "shelter", "country": "ukraine"})
    assert sorted(result_titles(only_ukraine)) == ["Kyiv shelter opens", "Shelter volunteers day"]


def test_unknown_filter_values_are_dropped_and_reported(client, en_news):
    published(NewsPageFactory, parent=en_news, title="Shelter news")

    response = client.get("/en/search/", {"q": "shelter", "type": "blog", "country": "mars"})

    assert response.status_code == 200
    assert result_titles(response) == ["Shelter news"]
    assert len(response.context["rejected_filters"]) == 2


def test_drafts_private_pages_and_closed_vacancies_are_not_found(
    client, home, index_of, country_section
):
    from wagtail.models import PageViewRestriction

    ukraine = country_section("ukraine", "en")
    published(
        NewsPageFactory, parent=index_of(home, NewsIndexPage), title="Orphanage reform public"
    )
    published(
        NewsPageFactory,
        parent=index_of(home, NewsIndexPage),
        title="Orphanage reform draft",
        live=False,
    )
    private = published(
        NewsPageFactory, parent=index_of(home, NewsIndexPage), title="Orphanage reform private"
    )
    PageViewRestriction.objects.create(
        page=private, restriction_type=PageViewRestriction.PASSWORD, password="secret"
    )
    published(
        VacancyPageFactory,
        parent=index_of(ukraine, VacancyIndexPage),
        title="Orphanage reform advisor",
        closed=True,
    )

    response = client.get("/en/search/", {"q": "orphanage"})

    assert result_titles(response) == ["Orphanage reform public"]


def test_ukrainian_content_is_not_returned_for_an_english_search(
    client, home_for, index_of, country_section
):
    uk_ukraine = country_section("ukraine", "uk")
    published(
        NewsPageFactory,
        parent=index_of(uk_ukraine, NewsIndexPage),
        title="Kharkiv Ukrainian-only report",
        summary="Звіт про дітей Харкова.",
    )
    published(
        NewsPageFactory,
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
    published(
        NewsPageFactory,
        parent=en_news,
        title="Children protected",
        summary="Families were supported.",
    )

    # "protecting" and "protected" share the stem "protect"; "supporting" matches "supported".
    assert result_titles(client.get("/en/search/", {"q": "protecting"})) == ["Children protected"]
    assert result_titles(client.get("/en/search/", {"q": "supporting families"})) == [
        "Children protected"
    ]


@postgres_only
def test_russian_search_uses_russian_stemming(client, home_for, index_of):
    ru_news = index_of(home_for("ru"), NewsIndexPage)
    published(
        NewsPageFactory,
        parent=ru_news,
        title="Защита детей",
        summary="Новая программа для приёмных семей.",
    )

    # "детям" (dative) and "детей" (genitive) share a Russian stem, as do "семья" and "семей".
    assert result_titles(client.get("/ru/search/", {"q": "защиту"})) == ["Защита детей"]
    assert result_titles(client.get("/ru/search/", {"q": "программы семья"})) == ["Защита детей"]


def test_each_language_has_its_text_search_configuration():
    assert text_search_config("en") == "english"
    assert text_search_config("ru") == "russian"
    assert text_search_config("el") == "greek"
    assert text_search_config("fr") == "french"
    assert text_search_config("hu") == "hungarian"
    assert text_search_config("ro") == "romanian"
    # Bosnian/Croatian/Serbian: PostgreSQL's Serbian Snowball stemmer.
    assert text_search_config("sh") == "serbian"
    # Hunspell dictionaries as PostgreSQL ispell dictionaries (search.text_search).
    assert text_search_config("uk") == "portal_uk"
    assert text_search_config("bg") == "portal_bg"
    # PostgreSQL has no Albanian stemmer: words are matched as written.
    assert text_search_config("sq") == "simple"


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
    published(NewsPageFactory, parent=en_news, title="Shelter news")
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
    published(NewsPageFactory, parent=en_news, title="Shelter news")

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
        published(
            NewsPageFactory,
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


# Queries of one search page, whatever the number of items: on PostgreSQL the
# locale, the view restrictions, the navigation with the language versions, a capped count, one ranked page of hits, then one
# query per type shown
# plus its listing prefetches; elsewhere Wagtail's search API.
SEARCH_QUERIES = {"postgresql": 8, "sqlite": 15}


def test_query_count_does_not_grow_with_results(client, en_news, settings):
    settings.PORTAL_PAGE_SIZE = 30

    def render():
        with CaptureQueriesContext(connection) as queries:
            response = client.get("/en/search/", {"q": "rehabilitation"})
        assert response.status_code == 200
        return len(response.context["results"]), response.context["result_count"], len(queries)

    render()  # the first request of a process caches the site's root paths
    for n in range(3):
        published(NewsPageFactory, parent=en_news, title=f"Rehabilitation centre {n}")
    three = render()
    for n in range(3, 40):
        published(NewsPageFactory, parent=en_news, title=f"Rehabilitation centre {n}")
    forty = render()

    # (items rendered, items counted, queries)
    assert three == (3, 3, SEARCH_QUERIES[connection.vendor])
    assert forty == (30, 40, SEARCH_QUERIES[connection.vendor])


def test_header_has_a_labelled_search_box(client, home):
    html = client.get("/uk/").content.decode()

    assert 'action="/uk/search/"' in html
    assert '<label for="site-search-q">' in html
    assert 'id="site-search-q" name="q"' in html


def test_a_large_result_count_stops_at_the_limit(client, en_news, settings, monkeypatch):
    monkeypatch.setattr("search.backends.COUNT_LIMIT", 4)
    monkeypatch.setattr("search.views.COUNT_LIMIT", 4)
    settings.PORTAL_PAGE_SIZE = 2
    for n in range(6):
        published(NewsPageFactory, parent=en_news, title=f"Kinship care {n}")

    response = client.get("/en/search/", {"q": "kinship"})

    assert response.context["result_count_capped"]
    assert "More than 4 results for “kinship”." in response.content.decode()
    assert len(result_titles(response)) == 2


def test_a_title_match_ranks_above_a_body_match(client, en_news):
    published(NewsPageFactory, parent=en_news, title="Budget news", summary="Guardianship rules.")
    published(NewsPageFactory, parent=en_news, title="Guardianship reform")

    assert result_titles(client.get("/en/search/", {"q": "guardianship"})) == [
        "Guardianship reform",
        "Budget news",
    ]


@postgres_only
def test_publishing_unpublishing_and_deleting_keep_the_index_up_to_date(client, en_news):
    from search.models import SearchEntry

    page = published(NewsPageFactory, parent=en_news, title="Respite care opens")
    assert result_titles(client.get("/en/search/", {"q": "respite"})) == ["Respite care opens"]
    entry = SearchEntry.objects.get(page=page)
    assert (entry.section, entry.config, entry.locale_id) == ("news", "english", page.locale_id)

    # An edit is found once it is published, not while it is a draft.
    page.title = "Day care opens"
    revision = page.save_revision()
    assert result_titles(client.get("/en/search/", {"q": "respite"})) == ["Respite care opens"]
    with TestCase.captureOnCommitCallbacks(execute=True):
        revision.publish()
    assert result_titles(client.get("/en/search/", {"q": "respite"})) == []
    assert result_titles(client.get("/en/search/", {"q": "day care"})) == ["Day care opens"]

    with TestCase.captureOnCommitCallbacks(execute=True):
        page.unpublish()
    assert result_titles(client.get("/en/search/", {"q": "day care"})) == []
    assert not SearchEntry.objects.filter(page=page).exists()

    with TestCase.captureOnCommitCallbacks(execute=True):
        page.save_revision().publish()
    assert SearchEntry.objects.filter(page=page).exists()
    page.delete()
    assert not SearchEntry.objects.filter(page_id=page.pk).exists()


@postgres_only
def test_the_index_is_written_only_after_the_publication_commits(en_news):
    from search.models import SearchEntry

    page = NewsPageFactory(parent=en_news, title="Waiting for commit")
    with TestCase.captureOnCommitCallbacks(execute=False) as callbacks:
        publish(page)
        assert not SearchEntry.objects.filter(page=page).exists()
    assert len(callbacks) >= 1
    for callback in callbacks:
        callback()
    assert SearchEntry.objects.filter(page=page).exists()


@postgres_only
def test_rebuilding_indexes_every_live_item_and_drops_the_rest(client, en_news):
    from django.core.management import call_command

    from search.models import SearchEntry

    live = NewsPageFactory(parent=en_news, title="Imported adoption guide")
    draft = NewsPageFactory(parent=en_news, title="Imported adoption draft", live=False)
    SearchEntry.objects.create(
        page=draft, locale=draft.locale, section="news", config="english", vector=""
    )

    call_command("update_search_vectors", "--language", "en", stdout=None)

    assert SearchEntry.objects.filter(page=live).exists()
    assert not SearchEntry.objects.filter(page=draft).exists()
    assert result_titles(client.get("/en/search/", {"q": "adoption"})) == [
        "Imported adoption guide"
    ]


def require_dictionary(language):
    from search.text_search import ISPELL_CONFIGS

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT 1 FROM pg_ts_dict WHERE dictname = %s", [f"{ISPELL_CONFIGS[language]}_ispell"]
        )
        assert cursor.fetchone(), (
            f"The {language} Hunspell dictionary is not installed in PostgreSQL: run "
            "bin/install-text-search-dictionaries, then manage.py setup_text_search --reindex."
        )


@postgres_only
def test_ukrainian_search_finds_every_form_of_a_word(client, country_section, index_of):
    require_dictionary("uk")
    news = index_of(country_section("ukraine", "uk"), NewsIndexPage)
    published(NewsPageFactory, parent=news, title="Діти повертаються до школи", summary="Освіта.")
    published(NewsPageFactory, parent=news, title="Притулок для дітей", summary="Відкриття.")
    published(NewsPageFactory, parent=news, title="Кожна дитина має право", summary="Права.")
    published(NewsPageFactory, parent=news, title="Захист родин", summary="Підтримка біженців.")
    everyone = ["Діти повертаються до школи", "Кожна дитина має право", "Притулок для дітей"]

    # Before, "діти" found 3 items and "дітей" 8: forms of one word now find the same.
    for form in ("діти", "дітей", "дитина", "дітям"):
        assert sorted(result_titles(client.get("/uk/search/", {"q": form}))) == everyone, form
    # Hunspell relates the regular forms: "захисту" (genitive) finds "захист".
    assert result_titles(client.get("/uk/search/", {"q": "захисту родині"})) == ["Захист родин"]
    assert result_titles(client.get("/uk/search/", {"q": "біженець"})) == ["Захист родин"]


@postgres_only
def test_bulgarian_search_uses_its_hunspell_dictionary(client, home_for, index_of):
    require_dictionary("bg")
    news = index_of(home_for("bg"), NewsIndexPage)
    published(NewsPageFactory, parent=news, title="Закрилата на детето", summary="Нов закон.")

    assert result_titles(client.get("/bg/search/", {"q": "закрила деца"})) == [
        "Закрилата на детето"
    ]
    assert result_titles(client.get("/bg/search/", {"q": "семейства"})) == []


@postgres_only
def test_serbo_croatian_search_uses_the_serbian_stemmer(client, home_for, index_of):
    news = index_of(home_for("sh"), NewsIndexPage)
    published(NewsPageFactory, parent=news, title="Zaštita djece", summary="Podrška porodicama.")

    assert result_titles(client.get("/sh/search/", {"q": "zaštitu djeci"})) == ["Zaštita djece"]
    assert result_titles(client.get("/sh/search/", {"q": "porodice"})) == ["Zaštita djece"]


@postgres_only
def test_a_language_without_its_dictionary_falls_back_to_simple(db, monkeypatch, caplog):
    from search import text_search

    monkeypatch.setattr(text_search, "ISPELL_CONFIGS", {"xx": "portal_xx"})

    with caplog.at_level("WARNING", logger="search.text_search"):
        result = text_search.install_configurations()

    assert result == {"xx": False}
    assert "portal_xx matches words as written" in caplog.text
    with connection.cursor() as cursor:
        cursor.execute("SELECT to_tsvector('portal_xx', 'Children protected')::text")
        assert cursor.fetchone()[0] == "'children':1 'protected':2"
