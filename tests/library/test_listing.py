"""The library listing: filters that combine, counts per facet value, sorting, bad
values dropped and reported, and a query count that does not grow."""

import pytest

from library.factories import DocumentFactory, PublicationPageFactory
from news.factories import TopicFactory


def titles(response):
    return [item.title for item in response.context["items"]]


def facet(response, name):
    for entry in response.context["facets"]:
        if entry["name"] == name:
            return {option["value"]: option["count"] for option in entry["options"]}
    return {}


def test_region_wide_library_lists_every_live_publication_newest_first(client, catalogue):
    response = client.get("/en/library/")
    assert response.status_code == 200
    assert titles(response) == [
        "Regional training",
        "Kyiv care report",
        "Belgrade care guideline",
        "Kyiv online toolkit",
        "Belgrade training",
        "Regional research",
    ]
    assert "Draft report" not in response.content.decode()


def test_country_library_lists_its_section_only(client, catalogue):
    response = client.get("/en/ukraine/library/")
    assert sorted(titles(response)) == ["Kyiv care report", "Kyiv online toolkit"]
    assert 'name="country"' not in response.content.decode()


def test_sorting(client, catalogue):
    assert titles(client.get("/en/library/?sort=oldest"))[:2] == [
        "Regional research",
        "Belgrade training",
    ]
    assert titles(client.get("/en/library/?sort=title"))[0] == "Belgrade care guideline"


def test_filters_combine(client, catalogue):
    response = client.get("/en/library/?topic=care-l&audience=social-workers&year_from=2024")
    assert titles(response) == ["Kyiv care report"]
    response = client.get("/en/library/?type=training&language=en")
    assert titles(response) == ["Regional training"]
    response = client.get("/en/library/?country=moldova")
    assert sorted(titles(response)) == ["Regional research", "Regional training"]
    response = client.get("/en/library/?year_from=2021&year_to=2022")
    assert sorted(titles(response)) == ["Belgrade training", "Kyiv online toolkit"]


def test_facet_counts_follow_the_other_filters(client, catalogue):
    response = client.get("/en/library/")
    assert facet(response, "type") == {
        "report": 1,
        "guideline": 1,
        "toolkit": 1,
        "training": 2,
        "research": 1,
    }
    assert facet(response, "topic") == {"care-l": 4, "online-l": 3}
    assert facet(response, "audience")["trainers"] == 2
    assert facet(response, "audience")["teachers"] == 2
    assert facet(response, "language") == {"uk": 2, "en": 3, "sh": 2}
    assert facet(response, "country") == {"ukraine": 4, "serbia": 2, "moldova": 2}
    assert facet(response, "year") == {"2024": 2, "2023": 1, "2022": 1, "2021": 1, "2020": 1}

    # With type=training chosen, the type facet still counts every type under the
    # other filters (so a reader sees where each link leads), and the other facets
    # count training materials only.
    response = client.get("/en/library/?type=training&topic=online-l")
    assert facet(response, "type") == {"toolkit": 1, "training": 2}
    assert facet(response, "topic") == {"care-l": 1, "online-l": 2}
    assert facet(response, "audience") == {"trainers": 2, "teachers": 1}
    html = response.content.decode()
    # The selected value links to its own removal; others keep the other filters.
    assert 'href="?topic=online-l" aria-current="true" data-facet="type"' in html
    assert 'href="?topic=online-l&amp;type=toolkit"' in html


@pytest.mark.parametrize(
    ("query", "label", "shown"),
    [
        ("?type=atlantis", "Type", 6),
        ("?topic=nowhere", "Topic", 6),
        ("?audience=aliens", "Audience", 6),
        ("?language=xx", "Language of the document", 6),
        ("?country=narnia", "Country covered", 6),
        ("?year_from=abc", "From year", 6),
        ("?year_to=1800", "To year", 6),
        # The start year is good and kept; the end year before it is dropped.
        ("?year_from=2024&year_to=2020", "To year", 2),
        ("?sort=random", "Order", 6),
        ("?q=" + "x" * 500, "Search the library", 6),
    ],
)
def test_a_bad_value_is_dropped_and_reported(client, catalogue, query, label, shown):
    response = client.get("/en/library/" + query)
    assert response.status_code == 200
    html = response.content.decode()
    assert f"The “{label}” filter had a value we do not recognise, so it was left out." in html
    # Dropped, not applied: the other filters still work.
    assert len(titles(response)) == shown


@pytest.mark.parametrize("query", ["?page=abc", "?page=999", "?q=%22unbalanced", "?q=a%20OR%20-"])
def test_odd_queries_give_a_normal_page(client, catalogue, query):
    assert client.get("/en/library/" + query).status_code == 200


def make_publications(index, n, locale):
    topics = [TopicFactory(locale=locale, slug=f"t{i}-{index.pk}") for i in range(4)]
    from home.factories import ImageFactory
    from library.factories import OrganisationFactory

    publisher = OrganisationFactory(locale=locale)
    for i in range(n):
        PublicationPageFactory(
            parent=index,
            publication_type=["report", "toolkit", "training", "video"][i % 4],
            year=2010 + i % 12,
            month=(i % 12) + 1,
            publisher=publisher,
            lead_image=ImageFactory(),
            lead_image_alt="Cover",
            extras={
                "topics": topics[: 1 + i % 4],
                "audiences": ["trainers", "teachers", "police"][: 1 + i % 3],
                "countries": [index.section_country, "moldova"][: 1 + i % 2],
                "languages": ["uk", "en", "ru"][: 1 + i % 3],
                "authors": [("person", "Koval, Olena"), ("organisation", "UNICEF")],
                "files": [(DocumentFactory(), "uk"), (DocumentFactory(), "en")],
            },
        )


# The pinned counts, equal with 3 and 30 items and several values in every facet:
# navigation with the page's translations (one query), topic choices, one query per facet (6 region-wide; 5
# in a country, which has no country facet but looks up its section's country),
# the count, the items and their prefetches (cover renditions, publisher, authors,
# languages, topics, files with their documents).
# Both sizes are fewer than a page (50), so the listing also fills up from other
# languages (home.models.IndexPage.fill_from_other_languages): two or three more.
# The page route costs two queries at any depth (home.models.PortalPage.route), and
# view restrictions are a subquery of each listing query (home.sections.public).
REGION_QUERIES = 25
COUNTRY_QUERIES = 24


@pytest.mark.parametrize("level", ["region", "country"])
def test_listing_queries_do_not_grow_with_items_or_facet_values(
    client, settings, library_of, locales, django_assert_num_queries, level
):
    settings.PORTAL_PAGE_SIZE = 50
    expected = REGION_QUERIES if level == "region" else COUNTRY_QUERIES
    for n, country in ((3, "ukraine"), (30, "serbia")):
        make_publications(library_of("en", country), n, locales["en"])
        url = (
            f"/en/{country}/library/"
            if level == "country"
            else f"/en/library/?country={country}&audience=trainers"
        )
        response = client.get(url)  # warm: renditions are created on first sight
        assert response.status_code == 200
        shown = len(response.context["items"])
        # Every publication is for trainers and covers its country.
        assert shown == n
        with django_assert_num_queries(expected):
            client.get(url)
        print(f"library ({level}): {expected} queries for {shown} items")


def test_search_queries_are_fixed_too(
    client, settings, library_of, locales, django_assert_num_queries
):
    settings.PORTAL_PAGE_SIZE = 50
    counts = []
    for n, country in ((3, "ukraine"), (30, "serbia")):
        make_publications(library_of("en", country), n, locales["en"])
        url = f"/en/{country}/library/?q=Sample"
        client.get(url)
        from tests.utils import count_queries

        counts.append(count_queries(lambda url=url: client.get(url)))
    assert counts[0] == counts[1]


def test_a_nul_byte_in_a_filter_is_refused_like_everywhere(client, db):
    # portal.middleware.RejectNulBytesMiddleware answers 400 site-wide (tests/hardening).
    response = client.get("/en/library/?topic=%00")
    assert response.status_code == 400
