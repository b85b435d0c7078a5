import datetime
import xml.etree.ElementTree as ET

import pytest
from django.utils import timezone

from news.factories import NewsPageFactory, TopicFactory
from news.models import NewsIndexPage
from tests.utils import count_queries
from vacancies.factories import VacancyPageFactory
from vacancies.models import VacancyIndexPage


def channel(response):
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/rss+xml")
    root = ET.fromstring(response.content)  # noqa: S314 (our own output)
    assert root.tag == "rss"
    assert root.attrib["version"] == "2.0"
    return root.find("channel")


def item_titles(response):
    return [item.findtext("title") for item in channel(response).findall("item")]


def test_news_feed_lists_live_public_news_of_the_locale(client, home, home_for, index_of):
    index = index_of(home, NewsIndexPage)
    NewsPageFactory(parent=index, title="Older", date=timezone.localdate() - datetime.timedelta(1))
    NewsPageFactory(parent=index, title="Newer")
    NewsPageFactory(parent=index, title="Draft", live=False)
    NewsPageFactory(parent=index_of(home_for("uk"), NewsIndexPage), title="Українська новина")

    response = client.get("/en/news/feed/")

    feed = channel(response)
    assert feed.findtext("link") == "http://localhost/en/news/"
    assert feed.findtext("language") == "en"
    assert item_titles(response) == ["Newer", "Older"]
    first = feed.find("item")
    assert first.findtext("link").startswith("http://localhost/en/news/newer")
    assert first.findtext("description") == "What happened, in one sentence."
    assert first.findtext("pubDate")


def test_news_feed_honours_country_and_topic_filters(client, home, index_of, country_section):
    ukraine = country_section("ukraine", "en")
    serbia = country_section("serbia", "en")
    topic = TopicFactory(locale=home.locale, name="Foster care", slug="foster-care-rss")
    NewsPageFactory(parent=index_of(ukraine, NewsIndexPage), title="Kyiv", topics=[topic])
    NewsPageFactory(parent=index_of(ukraine, NewsIndexPage), title="Lviv")
    NewsPageFactory(parent=index_of(serbia, NewsIndexPage), title="Belgrade", topics=[topic])

    by_country = client.get("/en/news/feed/", {"country": "ukraine"})
    by_topic = client.get("/en/news/feed/", {"topic": "foster-care-rss"})
    country_feed = client.get("/en/ukraine/news/feed/")
    bad_filter = client.get("/en/news/feed/", {"country": "atlantis"})

    assert sorted(item_titles(by_country)) == ["Kyiv", "Lviv"]
    assert sorted(item_titles(by_topic)) == ["Belgrade", "Kyiv"]
    categories = [c.text for c in channel(by_topic).find("item").findall("category")]
    assert categories == ["Foster care"]
    assert sorted(item_titles(country_feed)) == ["Kyiv", "Lviv"]
    # An unknown value is dropped, as on the listing page.
    assert sorted(item_titles(bad_filter)) == ["Belgrade", "Kyiv", "Lviv"]


def test_vacancy_feed_leaves_out_closed_vacancies_and_honours_closing_soon(
    client, country_section, index_of
):
    index = index_of(country_section("ukraine", "en"), VacancyIndexPage)
    VacancyPageFactory(
        parent=index, title="Closing soon", closes_at=timezone.now() + datetime.timedelta(days=2)
    )
    VacancyPageFactory(parent=index, title="Open for long")
    VacancyPageFactory(parent=index, title="Closed", closed=True)

    everything = client.get("/en/vacancies/feed/")
    soon = client.get("/en/vacancies/feed/", {"closing": "soon"})

    assert item_titles(everything) == ["Closing soon", "Open for long"]
    assert item_titles(soon) == ["Closing soon"]
    assert "Regional Centre for Social Work" in channel(soon).find("item").findtext("description")


@pytest.mark.parametrize(
    ("listing", "query", "feed"),
    [
        ("/en/news/", {"country": "ukraine", "page": "2"}, "/en/news/feed/?country=ukraine"),
        ("/uk/ukraine/news/", {}, "/uk/ukraine/news/feed/"),
        ("/en/vacancies/", {"closing": "soon"}, "/en/vacancies/feed/?closing=soon"),
        ("/en/events/", {"format": "online"}, "/en/events/feed.ics?format=online"),
        ("/en/ukraine/events/", {}, "/en/ukraine/events/feed.ics"),
    ],
)
def test_every_listing_links_to_its_feed_with_its_filters(client, db, listing, query, feed):
    html = client.get(listing, query).content.decode()

    assert '<link rel="alternate" type="' in html
    # Once in the head, once as a visible link; the page number is not carried over.
    assert html.count(f'href="{feed}"') == 2


@pytest.mark.parametrize(
    ("url", "factory", "index_model"),
    [
        ("/en/news/feed/", NewsPageFactory, NewsIndexPage),
        ("/en/vacancies/feed/", VacancyPageFactory, VacancyIndexPage),
    ],
)
def test_feed_query_count_does_not_grow_with_items(
    client, home, index_of, url, factory, index_model
):
    index = index_of(home, index_model)
    for n in range(3):
        factory(parent=index, title=f"Item {n}")

    def fetch():
        assert client.get(url).status_code == 200

    three = count_queries(fetch)
    for n in range(3, 30):
        factory(parent=index, title=f"Item {n}")
    thirty = count_queries(fetch)

    assert three == thirty
    assert len(item_titles(client.get(url))) == 30


def test_the_listing_itself_still_works(client, db):
    assert client.get("/en/news/").status_code == 200
    assert client.get("/en/news/feed/nothing/").status_code == 404
