"""Honest fallbacks: a listing shows only its own language unless the visitor asks,
and an untranslated item that is reached says so, without duplicate content."""

from news.factories import NewsPageFactory
from news.models import NewsIndexPage
from tests.utils import translate


def test_listing_offers_untranslated_items_only_on_request(
    client, db, country_section, index_of, settings
):
    """A full page of the listing's own language shows nothing else unless asked (a
    short one fills up from other languages: test_no_dead_ends)."""
    index = index_of(country_section("ukraine", "uk"), NewsIndexPage)
    translated = NewsPageFactory(parent=index, title="Перекладена новина")
    translate(translated, "en", lambda text: f"EN {text}")
    NewsPageFactory(parent=index, title="Лише українською")
    NewsPageFactory(
        parent=index_of(country_section("serbia", "sh"), NewsIndexPage), title="Samo na srpskom"
    )

    settings.PORTAL_PAGE_SIZE = 1
    html = client.get("/en/news/").content.decode()
    assert "EN Перекладена новина" in html
    assert "Лише українською" not in html and "Samo na srpskom" not in html
    settings.PORTAL_PAGE_SIZE = 12

    html = client.get("/en/news/?untranslated=on").content.decode()
    assert "EN Перекладена новина" in html
    assert '<article lang="uk">' in html and "Лише українською" in html
    assert '<article lang="sh">' in html and "Samo na srpskom" in html
    # The Ukrainian original of the translated item is not shown twice.
    assert "Перекладена новина</a>" not in html.replace("EN Перекладена новина</a>", "")

    html = client.get("/en/ukraine/news/?untranslated=on").content.decode()
    assert "Лише українською" in html and "Samo na srpskom" not in html


def test_an_untranslated_item_says_so_and_links_to_what_exists(
    client, db, country_section, index_of
):
    index = index_of(country_section("ukraine", "uk"), NewsIndexPage)
    item = NewsPageFactory(parent=index, title="Тільки тут")
    translate(item, "ru", lambda text: f"RU {text}")
    response = client.get(f"/en/ukraine/news/{item.slug}/")
    assert response.status_code == 404
    html = response.content.decode()
    assert '<html lang="en">' in html
    assert "has not been translated into this language yet" in html
    assert f'href="/uk/ukraine/news/{item.slug}/"' in html and 'lang="uk"' in html
    assert f'href="/ru/ukraine/news/{item.slug}/"' in html
    assert '<meta name="robots" content="noindex">' in html
    assert 'rel="canonical"' not in html and 'hreflang="x-default"' not in html


def test_a_truly_unknown_slug_is_a_plain_404(client, db):
    response = client.get("/en/ukraine/news/no-such-thing/")
    assert response.status_code == 404
    assert "has not been translated" not in response.content.decode()
