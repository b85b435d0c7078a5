"""No dead end in any language: a home page, country page or listing with fewer items
in its language than it can show fills up with the latest items in other languages,
marked with their language, under a one-line note in the reader's language."""

import datetime

import pytest
from django.utils import timezone

from events.factories import EventPageFactory
from events.models import EventIndexPage
from expert_profiles.factories import ExpertProfilePageFactory
from expert_profiles.models import ExpertDirectoryPage
from news.factories import NewsPageFactory
from news.models import NewsIndexPage
from tests.utils import count_queries, translate
from vacancies.factories import VacancyPageFactory
from vacancies.models import VacancyIndexPage

NOTE_RU = "На этом языке пока мало публикаций"
NOTE_EN = "Little has been published in this language yet"


@pytest.fixture
def ukrainian_only(country_section, index_of):
    """One item of each section in Ukrainian, none in Russian."""
    section = country_section("ukraine", "uk")
    soon = timezone.now() + datetime.timedelta(days=10)
    return {
        "news": NewsPageFactory(parent=index_of(section, NewsIndexPage), title="Новина з Харкова"),
        "event": EventPageFactory(
            parent=index_of(section, EventIndexPage),
            title="Вебінар для вчителів",
            start=soon,
            end=soon + datetime.timedelta(hours=2),
        ),
        "vacancy": VacancyPageFactory(
            parent=index_of(section, VacancyIndexPage),
            title="Соціальний працівник",
            closes_at=soon,
        ),
        "expert": ExpertProfilePageFactory(
            parent=index_of(section, ExpertDirectoryPage), title="Ярина Савчук"
        ),
    }


def test_russian_home_fills_every_section_from_other_languages(client, ukrainian_only):
    html = client.get("/ru/").content.decode()
    for page in ukrainian_only.values():
        assert page.title in html
    assert html.count('<article lang="uk">') >= 4
    assert NOTE_RU in html
    assert NOTE_EN not in html


def test_country_page_fills_from_the_same_country_only(
    client, ukrainian_only, country_section, index_of
):
    NewsPageFactory(
        parent=index_of(country_section("serbia", "sh"), NewsIndexPage), title="Vijest iz Niša"
    )
    html = client.get("/ru/ukraine/").content.decode()
    assert "Новина з Харкова" in html
    assert "Vijest iz Niša" not in html
    assert NOTE_RU in html


def test_listing_fills_up_after_its_own_items_and_shows_no_item_twice(
    client, ukrainian_only, country_section, index_of
):
    news = ukrainian_only["news"]
    translated = NewsPageFactory(
        parent=index_of(country_section("ukraine", "uk"), NewsIndexPage), title="Перекладено"
    )
    translate(translated, "ru", lambda text: f"RU {text}")
    html = client.get("/ru/news/").content.decode()
    own, _note, rest = html.partition(NOTE_RU)
    assert "RU Перекладено" in own
    assert news.title in rest and '<article lang="uk">' in rest
    # The Ukrainian original of the translated item is not added.
    assert "Перекладено</a>" not in rest


def test_a_full_language_shows_no_note(client, ukrainian_only):
    html = client.get("/uk/").content.decode()
    assert "Little has been published" not in html
    assert "Поки що мало публікацій цією мовою" not in html


def test_filling_costs_a_fixed_number_of_queries(client, country_section, index_of):
    index = index_of(country_section("ukraine", "uk"), NewsIndexPage)
    NewsPageFactory(parent=index, title="Перша")
    few = count_queries(lambda: client.get("/ru/news/"))
    home_few = count_queries(lambda: client.get("/ru/"))
    for number in range(12):
        NewsPageFactory(parent=index, title=f"Ще одна {number}")
    response = client.get("/ru/news/")
    assert len(response.context["filled_items"]) == 12
    assert count_queries(lambda: client.get("/ru/news/")) == few
    assert count_queries(lambda: client.get("/ru/")) == home_few
