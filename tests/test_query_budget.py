"""The query budget of every public page type: at most 12 queries for an anonymous
visitor, and the same number whatever the amount of content.

Each page is rendered after 4 items of every kind were published in its country,
and again after 30 (all on one page, with images, topics, areas and languages).
Each render asserts how many items it showed, then
the two counts must both equal the figure pinned in PINNED. `make bench` prints
the table (README "Performance figures")."""

import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from events.factories import EventPageFactory
from events.models import EventIndexPage
from expert_profiles.factories import ExpertiseAreaFactory, ExpertProfilePageFactory
from expert_profiles.models import ExpertDirectoryPage
from home.factories import ImageFactory
from home.sections import all_sections
from library.factories import OrganisationFactory, PublicationPageFactory
from library.models import LibraryIndexPage
from news.factories import NewsPageFactory, TopicFactory
from news.models import NewsIndexPage
from vacancies.factories import VacancyPageFactory
from vacancies.models import VacancyIndexPage

# Items of every kind, small then large: the small size fills every home block (the
# news block shows 4).
SIZES = (4, 30)

# No public page may cost more than this (issue 12).
BUDGET = 12

# Every figure, at every size. A change that adds or removes a query changes one of
# these on purpose, together with README "Performance figures".
PINNED = {
    "home": 21,
    "country": 20,
    "news (region)": 15,
    "news (country)": 16,
    "events (region)": 13,
    "events (country)": 14,
    "vacancies (region)": 12,
    "vacancies (country)": 13,
    "experts (region)": 16,
    "experts (country)": 17,
    "library (region)": 24,
    "library (country)": 23,
    "news item": 14,
    "event": 10,
    "webinar": 10,
    "vacancy": 9,
    "expert": 17,
    "publication": 17,
    "news feed": 12,
    "vacancies feed": 9,
    "library feed": 14,
    "calendar": 9,
    "event .ics": 8,
    "sitemap": 25,
    "api detail": 12,
    "about": 8,
}

# Still above the budget: issue 12 is not finished for these. Listed by hand, so
# that a page getting under the budget (or going over it) fails test_within_budget.
OVER_BUDGET = {
    "home",
    "country",
    "news (region)",
    "news (country)",
    "events (region)",
    "events (country)",
    "vacancies (country)",
    "experts (region)",
    "experts (country)",
    "library (region)",
    "library (country)",
    "news item",
    "expert",
    "publication",
    "library feed",
    "sitemap",
}


class Content:
    """Items of every kind in one country section of the English tree, added in
    batches: `grow(n)` brings each kind up to n items."""

    def __init__(self, country_section, index_of, locales, home, country="ukraine"):
        self.locale = locales["en"]
        self.country = country
        self.section = country_section(country, "en")
        self.home = home
        self.index_of = index_of
        self.topics = [TopicFactory(locale=self.locale) for _ in range(2)]
        self.areas = [ExpertiseAreaFactory(locale=self.locale) for _ in range(2)]
        self.publisher = OrganisationFactory(locale=self.locale)
        self.made = {"news": [], "events": [], "vacancies": [], "experts": [], "library": []}

    def index(self, model):
        return self.index_of(self.section, model)

    def grow(self, n, kinds=None):
        kinds = kinds or list(self.made)
        for kind in kinds:
            made = self.made[kind]
            while len(made) < n:
                made.append(getattr(self, f"make_{kind}")(len(made)))

    def make_news(self, i):
        return NewsPageFactory(
            parent=self.index(NewsIndexPage),
            lead_image=ImageFactory(),
            lead_image_alt="Alt",
            topics=self.topics,
        )

    def make_events(self, i):
        return EventPageFactory(
            parent=self.index(EventIndexPage),
            lead_image=ImageFactory(),
            lead_image_alt="Alt",
            webinar=bool(i % 2),
            start=timezone.now().replace(microsecond=0) + datetime.timedelta(days=10 + i),
        )

    def make_vacancies(self, i):
        return VacancyPageFactory(
            parent=self.index(VacancyIndexPage),
            closes_at=timezone.now() + datetime.timedelta(days=3 + i),
        )

    def make_experts(self, i):
        return ExpertProfilePageFactory(
            parent=self.index(ExpertDirectoryPage),
            photo=ImageFactory(),
            photo_alt="Portrait",
            areas=self.areas,
            languages=["uk", "en"],
        )

    def make_library(self, i):
        return PublicationPageFactory(
            parent=self.index(LibraryIndexPage),
            publisher=self.publisher,
            publication_type="training",
            extras={
                "topics": self.topics,
                "audiences": ["trainers"],
                "countries": [self.country],
                "languages": ["uk", "en"],
                "authors": [("person", "Koval, Olena")],
            },
        )


def listing_items(response):
    return len(response.context["items"])


def html_count(pattern):
    return lambda response: len(re.findall(pattern, response.content.decode()))


# page -> (kinds of content it needs, url(content), items it shows(response))
LISTINGS = {
    f"{kind} ({level})": (
        [kind],
        (lambda c, kind=kind: f"/en/{c.country}/{kind}/")
        if level == "country"
        else (lambda c, kind=kind: f"/en/{kind}/?country={c.country}"),
        listing_items,
    )
    for kind in ("news", "events", "vacancies", "experts", "library")
    for level in ("region", "country")
}


def first(kind, suffix=""):
    return lambda c: c.made[kind][0].url + suffix


def one_item(response):
    return 1 if response.context.get("page") is not None else 0


def block_items(response):
    """Items per home or country block, e.g. (3, 3, 3, 3, 3): every block full."""
    return tuple(len(block["items"]) for block in response.context["section_blocks"])


PAGES = {
    "home": (None, lambda c: "/en/", block_items),
    "country": (None, lambda c: f"/en/{c.country}/", block_items),
    **LISTINGS,
    "news item": (["news"], first("news"), one_item),
    "event": (["events"], first("events"), one_item),
    "webinar": (["events"], lambda c: c.made["events"][1].url, one_item),
    "vacancy": (["vacancies"], first("vacancies"), one_item),
    "expert": (["experts"], first("experts"), one_item),
    "publication": (["library"], first("library"), one_item),
    "news feed": (["news"], lambda c: f"/en/{c.country}/news/feed/", html_count(r"<item>")),
    "vacancies feed": (
        ["vacancies"],
        lambda c: f"/en/{c.country}/vacancies/feed/",
        html_count(r"<item>"),
    ),
    "library feed": (
        ["library"],
        lambda c: f"/en/{c.country}/library/feed/",
        html_count(r"<item>"),
    ),
    "calendar": (
        ["events"],
        lambda c: f"/en/{c.country}/events/feed.ics",
        html_count(r"BEGIN:VEVENT"),
    ),
    "event .ics": (["events"], first("events", "event.ics"), html_count(r"BEGIN:VEVENT")),
    "sitemap": (None, lambda c: "/sitemap.xml", html_count(r"<url>")),
    "api detail": (["news"], lambda c: f"/api/v2/pages/{c.made['news'][0].pk}/", lambda r: 1),
    "about": ([], lambda c: "/en/about/", one_item),
}


def measure(client, url, items_of):
    client.get(url)  # warm: renditions are created on first sight
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return items_of(response), len(queries), [q["sql"] for q in queries.captured_queries]


# Items each page shows with 3 and with 30 items of every kind.
def expected_items(name, n):
    if name in ("home", "country"):
        # Every block full: a short block would fill up from other languages.
        return tuple(
            section.home_limit
            for section in all_sections()
            if name == "home" or section.on_country_page
        )
    if name in LISTINGS or name in ("news feed", "vacancies feed", "library feed", "calendar"):
        return n
    return EXPECTED_OTHER[name]


EXPECTED_OTHER = {
    **dict.fromkeys(
        ["news item", "event", "webinar", "vacancy", "expert", "publication", "event .ics"], 1
    ),
    **dict.fromkeys(["api detail", "about"], 1),
}


@pytest.mark.parametrize("name", list(PAGES))
def test_query_count_is_pinned_and_flat(
    client, settings, country_section, index_of, locales, home, name
):
    settings.PORTAL_PAGE_SIZE = 50
    kinds, url_of, items_of = PAGES[name]
    content = Content(country_section, index_of, locales, home)
    results = {}
    for n in SIZES:
        content.grow(n, kinds)
        results[n] = measure(client, url_of(content), items_of)
    print(f"BUDGET {name}: {results[SIZES[0]][:2]} {results[SIZES[1]][:2]}")
    for n in SIZES:
        shown, queries, statements = results[n]
        if name == "sitemap":
            # Every item of the five kinds added between the sizes is listed.
            assert shown - results[SIZES[0]][0] == 5 * (n - SIZES[0])
        else:
            assert shown == expected_items(name, n), (name, n)
        assert queries == PINNED[name], (name, n, "\n".join(statements))


@pytest.mark.parametrize(
    "name",
    [
        pytest.param(
            name,
            marks=pytest.mark.xfail(
                strict=True, reason="over the budget of 12 (README, Performance figures)"
            ),
        )
        if name in OVER_BUDGET
        else name
        for name in PAGES
    ],
)
def test_within_budget(name):
    assert PINNED[name] <= BUDGET
