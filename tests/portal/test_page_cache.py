"""The anonymous page cache (portal/page_cache.py) and compression of public answers
(portal/compression.py): a visitor without a session gets a stored copy with no
query; anything personal is neither served from it nor stored in it; publishing,
unpublishing, moving or deleting shows at once everywhere the item appears."""

import gzip
from unittest import mock

import pytest
from django.db import OperationalError
from django.db.backends.utils import CursorWrapper
from django.test import Client
from wagtail.contrib.frontend_cache.backends.base import BaseBackend

from expert_profiles.factories import ExpertProfilePageFactory
from expert_profiles.models import ExpertDirectoryPage
from news.factories import NewsPageFactory
from news.models import NewsIndexPage
from portal import page_cache as cache_module
from tests.utils import count_queries, superuser

pytestmark = pytest.mark.django_db


@pytest.fixture
def news(page_cache, country_section, index_of):
    """A live English news item in the Ukraine section."""
    ukraine = country_section("ukraine", "en")
    item = NewsPageFactory(parent=index_of(ukraine, NewsIndexPage), title="Old headline qx")
    return item


# The page itself and every place that lists it: region and country indexes (and a
# filtered variant), home and country pages, feeds, sitemap.
SHOWING = [
    "{page}",
    "/en/news/",
    "/en/news/?country=ukraine",
    "/en/ukraine/news/",
    "/en/",
    "/en/ukraine/",
    "/en/news/feed/",
    "/en/ukraine/news/feed/",
]


def urls_for(item):
    return [url.format(page=item.url) for url in SHOWING]


def warm(client, urls, text):
    """GET every URL twice: the first is stored, the second comes from the cache."""
    for url in urls:
        first = client.get(url)
        assert first.status_code == 200, url
        assert first["X-Cache"] == "miss", url
        assert text in first.content.decode(), url
        second = client.get(url)
        assert second["X-Cache"] == "hit", url


def test_a_second_request_is_a_hit_with_no_query(client, news):
    first = client.get("/en/news/")
    assert first["X-Cache"] == "miss"
    assert len(first.context["items"]) == 1
    directives = {part.strip() for part in first["Cache-Control"].split(",")}
    assert directives == {"public", "max-age=60", "s-maxage=300"}
    queries = count_queries(lambda: client.get("/en/news/"))
    assert queries == 0
    second = client.get("/en/news/")
    assert second["X-Cache"] == "hit"
    assert second.content == first.content
    assert second["Cache-Control"] == first["Cache-Control"]
    assert second["Content-Type"] == first["Content-Type"]


def test_the_query_string_is_part_of_the_key_in_any_order(client, news):
    assert client.get("/en/news/?country=ukraine&page=1")["X-Cache"] == "miss"
    assert client.get("/en/news/?page=1&country=ukraine")["X-Cache"] == "hit"
    other = client.get("/en/news/?country=serbia")
    assert other["X-Cache"] == "miss"
    assert "Old headline qx" not in other.content.decode()


def test_each_language_has_its_own_copy(client, page_cache, home_for):
    home_for("uk")
    english = client.get("/en/")
    ukrainian = client.get("/uk/")
    assert ukrainian["X-Cache"] == "miss"
    assert '<html lang="uk">' in ukrainian.content.decode()
    assert '<html lang="en">' in english.content.decode()


def test_a_cacheable_answer_sets_no_cookie_and_holds_no_token(client, news):
    for url in [*urls_for(news), "/sitemap.xml", "/en/events/feed.ics"]:
        response = client.get(url)
        assert response.status_code == 200, url
        assert response["X-Cache"] == "miss", url
        assert not response.cookies, url
        assert "csrfmiddlewaretoken" not in response.content.decode(), url


def test_a_signed_in_visitor_never_gets_the_stored_copy_nor_stores_one(client, news):
    warm(Client(), [news.url], "Old headline qx")
    # Changed behind the cache's back (no signal), so the stored copy is stale.
    type(news).objects.filter(pk=news.pk).update(title="Quiet change qx")

    client.force_login(superuser())
    signed_in = client.get(news.url)
    assert "X-Cache" not in signed_in
    assert "Quiet change qx" in signed_in.content.decode()
    assert "private" in signed_in["Cache-Control"]
    assert "Old headline qx" in Client().get(news.url).content.decode()

    # A page first seen by a signed-in visitor is not stored for others.
    assert "X-Cache" not in client.get("/en/ukraine/")
    assert Client().get("/en/ukraine/")["X-Cache"] == "miss"


def test_head_is_answered_from_the_cache_without_a_body(client, news):
    stored = client.get(news.url)
    head = client.head(news.url)
    assert head["X-Cache"] == "hit"
    assert head.content == b""
    assert head["Content-Length"] == str(len(stored.content))


def test_a_visitor_with_a_flash_message_waiting_gets_a_fresh_page(client, news):
    warm(client, [news.url], "Old headline qx")
    client.cookies["messages"] = "anything"
    response = client.get(news.url)
    assert "X-Cache" not in response
    assert "private" in response["Cache-Control"]


def test_a_page_with_a_form_is_not_cached(client, page_cache, country_section, index_of):
    directory = index_of(country_section("ukraine", "uk"), ExpertDirectoryPage)
    expert = ExpertProfilePageFactory(
        parent=directory, email="olena.private@example.org", accepts_contact=True
    )
    profile = client.get(expert.url)
    assert profile["X-Cache"] == "miss"
    assert client.get(expert.url)["X-Cache"] == "hit"

    for url in [expert.url + "contact/", "/uk/accounts/login/"]:
        first = client.get(url)
        assert first.status_code == 200
        assert "csrfmiddlewaretoken" in first.content.decode()
        assert "X-Cache" not in first
        assert "private" in first["Cache-Control"]
        assert count_queries(lambda url=url: client.get(url)) > 0


def test_publishing_an_edit_shows_at_once_everywhere(
    client, news, django_capture_on_commit_callbacks
):
    urls = urls_for(news)
    warm(client, urls, "Old headline qx")

    news.title = "New headline qx"
    with django_capture_on_commit_callbacks(execute=True):
        news.save_revision().publish()

    for url in urls:
        response = client.get(url)
        assert response["X-Cache"] == "miss", url
        html = response.content.decode()
        assert "New headline qx" in html, url
        assert "Old headline qx" not in html, url


def test_saving_a_draft_keeps_the_cache(client, news):
    warm(client, [news.url], "Old headline qx")
    news.title = "Draft headline qx"
    news.save_revision()
    response = client.get(news.url)
    assert response["X-Cache"] == "hit"
    assert "Old headline qx" in response.content.decode()


def test_unpublishing_removes_the_item_at_once(client, news, django_capture_on_commit_callbacks):
    urls = urls_for(news)
    warm(client, urls, "Old headline qx")
    with django_capture_on_commit_callbacks(execute=True):
        news.unpublish()
    assert client.get(news.url).status_code == 404
    for url in urls[1:]:
        assert "Old headline qx" not in client.get(url).content.decode(), url


def test_deleting_removes_the_item_at_once(client, news, django_capture_on_commit_callbacks):
    urls = urls_for(news)
    warm(client, urls, "Old headline qx")
    with django_capture_on_commit_callbacks(execute=True):
        news.delete()
    assert client.get(urls[0]).status_code == 404
    for url in urls[1:]:
        assert "Old headline qx" not in client.get(url).content.decode(), url


def test_moving_shows_the_item_in_its_new_place_at_once(
    client, news, country_section, index_of, django_capture_on_commit_callbacks
):
    old_url = news.url
    warm(client, [old_url, "/en/ukraine/news/", "/en/serbia/news/"], "")
    serbia_news = index_of(country_section("serbia", "en"), NewsIndexPage)
    with django_capture_on_commit_callbacks(execute=True):
        news.move(serbia_news, pos="last-child")
    # Wagtail's redirects app sends the old address on to the new one.
    moved = client.get(old_url)
    assert moved.status_code == 301
    assert moved["Location"].endswith(news.specific_class.objects.get(pk=news.pk).url)
    assert "/en/serbia/news/" in moved["Location"]
    assert "Old headline qx" not in client.get("/en/ukraine/news/").content.decode()
    assert "Old headline qx" in client.get("/en/serbia/news/").content.decode()


class RecordingBackend(BaseBackend):
    purged = []

    def purge(self, url):
        self.purged.append(url)


def test_publishing_sends_every_url_that_shows_the_item_to_the_cdn(
    news, settings, django_capture_on_commit_callbacks
):
    settings.WAGTAILFRONTENDCACHE = {"test": {"BACKEND": f"{__name__}.RecordingBackend"}}
    settings.WAGTAILFRONTENDCACHE_LANGUAGES = []
    RecordingBackend.purged = []
    with django_capture_on_commit_callbacks(execute=True):
        news.save_revision().publish()
    root = news.get_site().root_url
    expected = {
        root + path
        for path in [
            news.url,
            "/en/",
            "/en/ukraine/",
            "/en/news/",
            "/en/news/feed/",
            "/en/ukraine/news/",
            "/en/ukraine/news/feed/",
            "/sitemap.xml",
        ]
    }
    assert set(RecordingBackend.purged) == expected


def test_an_event_purges_its_calendars(settings, page_cache, home, index_of):
    from events.factories import EventPageFactory
    from events.models import EventIndexPage

    settings.WAGTAILFRONTENDCACHE = {"test": {"BACKEND": f"{__name__}.RecordingBackend"}}
    event = EventPageFactory(parent=index_of(home, EventIndexPage))
    urls = cache_module.urls_showing(event)
    root = event.get_site().root_url
    assert root + "/en/events/feed.ics" in urls
    assert root + event.url + "event.ics" in urls


def test_with_the_database_down_a_cached_page_is_still_served(news):
    browser = Client(raise_request_exception=False)
    warm(browser, [news.url], "Old headline qx")
    down = OperationalError("server closed the connection unexpectedly")
    with mock.patch.object(CursorWrapper, "execute", side_effect=down):
        cached = browser.get(news.url)
        uncached = browser.get("/en/vacancies/")
    assert cached.status_code == 200
    assert cached["X-Cache"] == "hit"
    assert "Old headline qx" in cached.content.decode()
    assert uncached.status_code == 503


def test_with_the_cache_down_pages_are_rendered(client, news):
    with mock.patch.object(cache_module, "cache", side_effect=ConnectionError("no Redis")):
        response = client.get(news.url)
    assert response.status_code == 200
    assert "Old headline qx" in response.content.decode()
    assert "X-Cache" not in response


def test_off_when_page_cache_seconds_is_zero(client, news, settings):
    settings.PAGE_CACHE_SECONDS = 0
    client.get(news.url)
    response = client.get(news.url)
    assert "X-Cache" not in response
    assert "s-maxage" not in response.get("Cache-Control", "")


# Compression -------------------------------------------------------------------------
def test_public_pages_are_gzipped_and_round_trip(client, news):
    plain = client.get(news.url)
    packed = client.get(news.url, HTTP_ACCEPT_ENCODING="gzip, br")
    assert packed["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in packed["Vary"]
    assert len(packed.content) < len(plain.content) / 2
    assert gzip.decompress(packed.content) == plain.content
    feed = client.get("/en/news/feed/", HTTP_ACCEPT_ENCODING="gzip")
    assert feed["Content-Encoding"] == "gzip"


def test_answers_with_a_secret_are_not_compressed(client, page_cache, home, make_user):
    # BREACH: a CSRF token in a compressed answer can be recovered from its length.
    login = client.get("/en/accounts/login/", HTTP_ACCEPT_ENCODING="gzip")
    assert "csrfmiddlewaretoken" in login.content.decode()
    assert "Content-Encoding" not in login
    client.force_login(make_user("reader"))
    signed_in = client.get("/en/", HTTP_ACCEPT_ENCODING="gzip")
    assert signed_in.status_code == 200
    assert "Content-Encoding" not in signed_in
