"""The listing query count does not grow with the number of items: each index is
rendered with 3 and with 30 items (all on one page, with images, topics, areas and
languages) and must issue the same number of queries."""

import datetime

import pytest
from django.utils import timezone

from events.factories import EventPageFactory
from events.models import EventIndexPage
from expert_profiles.factories import ExpertiseAreaFactory, ExpertProfilePageFactory
from expert_profiles.models import ExpertDirectoryPage
from home.factories import ImageFactory
from news.factories import NewsPageFactory, TopicFactory
from news.models import NewsIndexPage
from tests.utils import count_queries
from vacancies.factories import VacancyPageFactory
from vacancies.models import VacancyIndexPage


def make_news(index, n, locale):
    topics = [TopicFactory(locale=locale), TopicFactory(locale=locale)]
    for _ in range(n):
        NewsPageFactory(
            parent=index, lead_image=ImageFactory(), lead_image_alt="Alt", topics=topics
        )


def make_events(index, n, locale):
    for i in range(n):
        EventPageFactory(
            parent=index, lead_image=ImageFactory(), lead_image_alt="Alt", webinar=bool(i % 2)
        )


def make_vacancies(index, n, locale):
    for _ in range(n):
        VacancyPageFactory(parent=index, closes_at=timezone.now() + datetime.timedelta(days=3))


def make_experts(index, n, locale):
    areas = [ExpertiseAreaFactory(locale=locale), ExpertiseAreaFactory(locale=locale)]
    for _ in range(n):
        ExpertProfilePageFactory(
            parent=index,
            photo=ImageFactory(),
            photo_alt="Portrait",
            areas=areas,
            languages=["uk", "en"],
        )


CASES = [
    (NewsIndexPage, make_news, "news"),
    (EventIndexPage, make_events, "events"),
    (VacancyIndexPage, make_vacancies, "vacancies"),
    (ExpertDirectoryPage, make_experts, "experts"),
]


def render_count(client, url, expected_items):
    response = client.get(url)  # warm: renditions are created on first sight
    assert response.status_code == 200
    assert len(response.context["items"]) == expected_items
    return count_queries(lambda: client.get(url))


@pytest.mark.parametrize(("index_model", "make", "slug"), CASES, ids=[c[2] for c in CASES])
@pytest.mark.parametrize("level", ["region", "country"])
def test_listing_queries_do_not_grow_with_items(
    client, db, settings, country_section, index_of, home, index_model, make, slug, level
):
    settings.PORTAL_PAGE_SIZE = 50
    counts = {}
    for n, country in ((3, "ukraine"), (30, "serbia")):
        section = country_section(country, "en")
        make(index_of(section, index_model), n, section.locale)
        url = f"/en/{country}/{slug}/" if level == "country" else f"/en/{slug}/?country={country}"
        counts[n] = render_count(client, url, n)
    print(f"{slug} ({level}): {counts[3]} queries for 3 items, {counts[30]} for 30")
    assert counts[3] == counts[30]


def test_home_page_queries_do_not_grow_with_content(client, db, country_section, index_of):
    section = country_section("ukraine", "en")

    def add(n):
        make_news(index_of(section, NewsIndexPage), n, section.locale)
        make_events(index_of(section, EventIndexPage), n, section.locale)
        make_vacancies(index_of(section, VacancyIndexPage), n, section.locale)
        make_experts(index_of(section, ExpertDirectoryPage), n, section.locale)
        client.get("/en/")  # warm renditions
        return count_queries(lambda: client.get("/en/"))

    # Four items fill every home block; a block with fewer fills up from other
    # languages at one more query (tests/home/test_no_dead_ends.py).
    small = add(4)
    large = add(10)
    print(f"home: {small} queries with full sections, {large} with 14 items per section")
    assert small == large
