import re

import pytest
from django.db import DatabaseError

from news.factories import NewsPageFactory
from news.models import NewsIndexPage
from portal.middleware import normalise_accept_language
from tests.utils import translate

ALL_LANGUAGES = ["en", "sq", "bg", "el", "fr", "hu", "ro", "sh", "uk", "ru"]


@pytest.mark.parametrize(
    ("accept", "expected"),
    [
        ("uk,en;q=0.8", "/uk/"),
        ("ru-RU,ru;q=0.9", "/ru/"),
        ("hr-HR,hr;q=0.9,en;q=0.5", "/sh/"),
        ("sr-Latn-RS", "/sh/"),
        ("bs", "/sh/"),
        ("de-DE,de;q=0.9", "/en/"),
        ("", "/en/"),
    ],
)
def test_root_redirects_to_best_language(client, db, accept, expected):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE=accept)
    assert response.status_code == 302
    assert response["Location"] == expected


def test_accept_language_aliases_do_not_touch_other_codes():
    assert normalise_accept_language("hr-HR,hr;q=0.9") == "sh,sh;q=0.9"
    assert normalise_accept_language("sr-Latn-RS,en") == "sh,en"
    # "hu" and "ru" must not be caught by a careless match on "u" or "r".
    assert normalise_accept_language("hu,ru;q=0.5") == "hu,ru;q=0.5"


@pytest.mark.parametrize("code", ALL_LANGUAGES)
def test_every_home_answers_with_its_html_lang(client, db, code):
    response = client.get(f"/{code}/")
    assert response.status_code == 200
    html = response.content.decode()
    assert f'<html lang="{code}">' in html
    # The navigation points into the same language.
    assert f'href="/{code}/news/"' in html
    assert f'href="/{code}/ukraine/"' in html


def test_navigation_is_translated(client, db):
    html = client.get("/uk/").content.decode()
    assert ">Новини<" in html
    assert "Перейти до основного вмісту" in html


def test_language_switcher_lists_only_existing_translations(client, db, country_section, index_of):
    index = index_of(country_section("ukraine", "uk"), NewsIndexPage)
    item = NewsPageFactory(parent=index, title="Психологічна підтримка")
    translate(item, "ru")
    html = client.get(item.url).content.decode()
    switcher = re.search(r'<nav class="language-switcher".*?</nav>', html, re.S).group(0)
    assert 'hreflang="ru"' in switcher
    assert "/ru/ukraine/news/" in switcher
    for missing in ["en", "sq", "bg", "el", "fr", "hu", "ro", "sh"]:
        assert f'hreflang="{missing}"' not in switcher
    # The head carries the same alternates; x-default falls back to an existing version.
    assert '<link rel="alternate" hreflang="uk"' in html
    assert '<link rel="alternate" hreflang="ru"' in html
    assert '<link rel="alternate" hreflang="en"' not in html
    assert re.search(
        r'<link rel="alternate" hreflang="x-default" href="[^"]+/uk/ukraine/news/', html
    )
    assert re.search(
        r'<link rel="canonical" href="http://[^"]+/uk/ukraine/news/psikhologichna', html
    )


def test_untranslated_language_switch_would_be_a_dead_end(client, db, country_section, index_of):
    """The draft English translation must not be offered to visitors."""
    index = index_of(country_section("ukraine", "uk"), NewsIndexPage)
    item = NewsPageFactory(parent=index, title="Тільки українською")
    translate(item, "en", publish=False)
    html = client.get(item.url).content.decode()
    assert 'hreflang="en"' not in html


def test_draft_translation_is_not_served(client, db, country_section, index_of):
    index = index_of(country_section("ukraine", "uk"), NewsIndexPage)
    item = NewsPageFactory(parent=index, title="Чернетка перекладу")
    translate(item, "en", publish=False)
    assert client.get(f"/en/ukraine/news/{item.slug}/").status_code == 404


def test_listing_switcher_keeps_filters_but_not_the_page_number(client, db):
    html = client.get("/en/news/?country=ukraine&page=2").content.decode()
    assert 'href="/uk/news/?country=ukraine"' in html


def test_404_is_translated_and_keeps_the_layout(client, db):
    response = client.get("/uk/no-such-page/")
    assert response.status_code == 404
    html = response.content.decode()
    assert '<html lang="uk">' in html
    assert "Сторінку не знайдено" in html


def test_healthz_reports_database(client, db, monkeypatch):
    assert client.get("/healthz").status_code == 200

    def broken_cursor(*args, **kwargs):
        raise DatabaseError("down")

    from django.db import connection

    with monkeypatch.context() as patch:
        patch.setattr(connection, "cursor", broken_cursor)
        response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["status"] == "unavailable"
    assert response.json()["database"] == "unavailable"
