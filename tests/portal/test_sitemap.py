import xml.etree.ElementTree as ET

from wagtail.models import PageViewRestriction

from expert_profiles.factories import ExpertProfilePageFactory
from expert_profiles.models import ExpertDirectoryPage
from news.factories import NewsPageFactory
from news.models import NewsIndexPage
from portal.languages import LANGUAGE_CODES
from tests.utils import count_queries, translate
from vacancies.factories import VacancyPageFactory
from vacancies.models import VacancyIndexPage

NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}


def fetch(client):
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    root = ET.fromstring(response.content)  # noqa: S314 (our own output)
    entries = {}
    for url in root.findall("s:url", NS):
        alternates = {
            link.attrib["hreflang"]: link.attrib["href"] for link in url.findall("x:link", NS)
        }
        entries[url.findtext("s:loc", namespaces=NS)] = alternates
    return entries


def test_sitemap_covers_every_locale(client, db):
    entries = fetch(client)

    for code in LANGUAGE_CODES:
        assert f"http://localhost/{code}/" in entries
        assert f"http://localhost/{code}/ukraine/news/" in entries
    # Structural pages exist in every language, so each lists all ten.
    assert set(entries["http://localhost/uk/"]) == set(LANGUAGE_CODES)
    assert entries["http://localhost/uk/"]["en"] == "http://localhost/en/"


def test_alternates_only_for_translations_that_exist(client, country_section, index_of):
    index = index_of(country_section("ukraine", "uk"), NewsIndexPage)
    source = NewsPageFactory(parent=index, title="Звіт")
    translate(source, "en")
    lonely = NewsPageFactory(parent=index, title="Лише українською")
    draft_translation_source = NewsPageFactory(parent=index, title="Чернетка перекладу")
    translate(draft_translation_source, "fr", publish=False)

    entries = fetch(client)

    assert set(entries[source.full_url]) == {"uk", "en"}
    assert (
        entries[source.full_url]["en"]
        == source.get_translation(country_section("ukraine", "en").locale).full_url
    )
    assert entries[lonely.full_url] == {}
    # The French translation is a draft: no alternate for it, and no entry.
    assert entries[draft_translation_source.full_url] == {}
    french_draft = f"http://localhost/fr/ukraine/news/{draft_translation_source.slug}/"
    assert "http://localhost/fr/ukraine/news/" in entries
    assert french_draft not in entries


def test_drafts_private_pages_and_closed_vacancies_are_left_out(client, home, index_of):
    news = index_of(home, NewsIndexPage)
    public = NewsPageFactory(parent=news, title="Public")
    draft = NewsPageFactory(parent=news, title="Draft", live=False)
    private = NewsPageFactory(parent=news, title="Private")
    PageViewRestriction.objects.create(
        page=private, restriction_type=PageViewRestriction.PASSWORD, password="secret"
    )
    vacancies = index_of(home, VacancyIndexPage)
    open_vacancy = VacancyPageFactory(parent=vacancies, title="Open")
    closed = VacancyPageFactory(parent=vacancies, title="Closed", closed=True)
    expert = ExpertProfilePageFactory(parent=index_of(home, ExpertDirectoryPage))

    entries = fetch(client)

    assert public.full_url in entries
    assert open_vacancy.full_url in entries
    assert expert.full_url in entries
    assert "http://localhost/en/news/draft/" not in entries
    assert draft.slug and not any(draft.slug in url for url in entries)
    assert private.full_url not in entries
    assert closed.full_url not in entries


def test_sitemap_query_count_does_not_grow_with_pages(client, home, index_of):
    news = index_of(home, NewsIndexPage)
    NewsPageFactory.create_batch(3, parent=news)
    few = count_queries(lambda: client.get("/sitemap.xml"))
    NewsPageFactory.create_batch(30, parent=news)
    many = count_queries(lambda: client.get("/sitemap.xml"))

    assert few == many


def test_robots_points_to_the_sitemap(client, db):
    response = client.get("/robots.txt")

    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    lines = response.content.decode().splitlines()
    assert "Sitemap: http://testserver/sitemap.xml" in lines
    assert "Disallow: /admin/" in lines
    assert "Disallow: /uk/search/" in lines
    # Content is open to crawlers.
    assert "Disallow: /" not in lines


def test_a_large_sitemap_is_split_per_language_and_paginated(client, db, settings, monkeypatch):
    settings.PORTAL_SITEMAP_SPLIT_AT = 10
    monkeypatch.setattr("portal.sitemaps.PER_FILE", 5)
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    index = ET.fromstring(response.content)  # noqa: S314 (our own output)
    files = [entry.findtext("s:loc", namespaces=NS) for entry in index.findall("s:sitemap", NS)]
    assert "http://testserver/sitemap-uk.xml" in files
    assert "http://testserver/sitemap-uk.xml?p=2" in files
    assert {url.split("sitemap-")[1].split(".")[0] for url in files} == set(LANGUAGE_CODES)

    first = ET.fromstring(client.get("/sitemap-uk.xml").content)  # noqa: S314
    second = ET.fromstring(client.get("/sitemap-uk.xml?p=2").content)  # noqa: S314
    locations = [
        url.findtext("s:loc", namespaces=NS)
        for root in (first, second)
        for url in root.findall("s:url", NS)
    ]
    assert len(first.findall("s:url", NS)) == 5
    assert len(set(locations)) == len(locations) == 10
    assert all(location.startswith("http://localhost/uk/") for location in locations)
    # Each URL still names its translations.
    assert first.find("s:url/x:link", NS) is not None
    assert client.get("/sitemap-xx.xml").status_code == 404
    assert client.get("/sitemap-uk.xml?p=999").status_code == 404


def test_a_small_sitemap_stays_one_file(client, db):
    root = ET.fromstring(client.get("/sitemap.xml").content)  # noqa: S314
    assert root.findall("s:url", NS) and not root.findall("s:sitemap", NS)
