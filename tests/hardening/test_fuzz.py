"""A property-based fuzzer over the query string of every public URL and over the
API's filters: whatever the parameters, the answer is never a 5xx, and a refusal
says why (a page with a heading in the visitor's language, or a JSON message).
Bounded so the suite stays fast; deterministic in CI (CI=true)."""

import os
from urllib.parse import urlencode

import pytest
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

pytestmark = pytest.mark.django_db

FUZZ = settings(
    max_examples=int(os.environ.get("FUZZ_EXAMPLES", "40")),
    deadline=None,
    database=None,
    derandomize=bool(os.environ.get("CI")),
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

PUBLIC_URLS = [
    "/uk/",
    "/uk/news/",
    "/uk/events/",
    "/uk/vacancies/",
    "/uk/experts/",
    "/uk/ukraine/news/",
    "/sh/serbia/events/",
    "/uk/search/",
    "/uk/news/feed/",
    "/uk/vacancies/feed/",
    "/uk/events/feed.ics",
    "/uk/accounts/login/",
    "/uk/accounts/password-reset/",
    "/sitemap.xml",
    "/robots.txt",
    "/healthz",
    "/",
]
PAGE_PARAMETERS = [
    "page", "country", "topic", "format", "when", "closing", "contract_type", "expertise",
    "language", "fresh", "sort", "q", "type", "untranslated", "next",
]  # fmt: skip
API_URLS = ["/api/v2/pages/", "/api/v2/images/", "/api/v2/documents/", "/api/v2/pages/find/"]
API_PARAMETERS = [
    "type", "fields", "order", "limit", "offset", "search", "search_operator", "locale",
    "child_of", "descendant_of", "ancestor_of", "translation_of", "html_path", "id", "title",
    "slug", "first_published_at", "show_in_menus", "width", "height", "tags", "seo_title",
]  # fmt: skip

values = st.one_of(
    st.text(max_size=40),
    st.text(alphabet=st.characters(codec="utf-8"), max_size=12),
    st.integers(min_value=-(2**70), max_value=2**70).map(str),
    st.sampled_from(
        [
            "",
            "-",
            "*",
            "0",
            "-1",
            "1e9",
            "null",
            "true",
            "maybe",
            "../..",
            "%",
            "'",
            '"',
            ",",
            "2026-02-30",
            "uk",
            "en",
            "news.NewsPage",
            "wagtailcore.Page",
            "-title",
            "title,id",
        ]
    ),  # fmt: skip
)


def query(names):
    return st.lists(st.tuples(st.sampled_from(names) | st.text(max_size=8), values), max_size=4)


def assert_clear_answer(response):
    assert response.status_code < 500, response.content[:500]
    if response.status_code == 400:
        content = response.content.decode("utf-8", "replace")
        assert '"message"' in content or "<h1>" in content


@pytest.fixture
def visitor(settings):
    settings.PORTAL_API_RATE = "1000000/minute"
    return Client(raise_request_exception=False, HTTP_ACCEPT_LANGUAGE="uk")


@FUZZ
@given(url=st.sampled_from(PUBLIC_URLS), params=query(PAGE_PARAMETERS))
def test_public_query_strings_never_give_a_5xx(visitor, url, params):
    assert_clear_answer(visitor.get(f"{url}?{urlencode(params)}"))


@FUZZ
@given(url=st.sampled_from(API_URLS), params=query(API_PARAMETERS))
def test_api_filters_never_give_a_5xx(visitor, url, params):
    assert_clear_answer(visitor.get(f"{url}?{urlencode(params)}"))


@FUZZ
@given(segment=st.text(max_size=30), language=st.sampled_from(["uk", "en", "sh", "zz"]))
def test_odd_paths_never_give_a_5xx(visitor, segment, language):
    from urllib.parse import quote

    assert_clear_answer(visitor.get(f"/{language}/{quote(segment)}/"))
