"""Topics and areas of expertise in the reader's language: on cards, detail pages,
filters, feeds and the API, with the same filter slug everywhere, and a term without a
translation shown in its source language, marked with `lang`, never silently."""

import xml.etree.ElementTree as ET

import pytest
from wagtail.models import Locale

from expert_profiles.factories import ExpertiseAreaFactory, ExpertProfilePageFactory
from expert_profiles.models import ExpertDirectoryPage
from news.factories import NewsPageFactory, TopicFactory
from news.models import NewsIndexPage, Topic
from tests.utils import translate


def translated_term(term, code, name):
    copy = term.copy_for_translation(Locale.objects.get(language_code=code))
    copy.name = name
    copy.save()
    return copy


@pytest.fixture
def ukrainian_news(db, country_section, index_of):
    """A Ukrainian news item with two topics, one of them translated into English,
    translated into English itself."""
    section = country_section("ukraine", "uk")
    violence = TopicFactory(locale=section.locale, name="Запобігання насильству", slug="violence-x")
    english_violence = translated_term(violence, "en", "Violence prevention")
    care = TopicFactory(locale=section.locale, name="Альтернативний догляд", slug="care-x")
    source = NewsPageFactory(
        parent=index_of(section, NewsIndexPage),
        title="Мобільні команди",
        topics=[violence, care],
    )
    english = translate(source, "en", lambda text: f"EN {text}")
    return {"source": source, "english": english, "english_violence": english_violence}


def test_translating_a_page_does_not_rewrite_the_target_languages_terms(ukrainian_news):
    # Stock wagtail-localize (TranslatableField on the link) translated the linked
    # topic along with the page and overwrote "Violence prevention" with Ukrainian.
    term = Topic.objects.get(pk=ukrainian_news["english_violence"].pk)
    assert term.name == "Violence prevention"
    # Nor does it invent an "English" topic with a Ukrainian name.
    assert not Topic.objects.filter(locale__language_code="en", slug="care-x").exists()


def test_english_pages_show_english_terms_and_mark_the_untranslated_one(client, ukrainian_news):
    for url in ("/en/news/", "/en/ukraine/news/", ukrainian_news["english"].url, "/en/"):
        html = client.get(url).content.decode()
        assert "Violence prevention" in html, url
        assert "Запобігання насильству" not in html, url
        # No English version of this one yet: the Ukrainian name, marked as Ukrainian.
        assert '<li lang="uk">' in html, url
        assert "Альтернативний догляд" in html, url


def test_the_ukrainian_page_shows_ukrainian_terms(client, ukrainian_news):
    html = client.get(ukrainian_news["source"].url).content.decode()
    assert "Запобігання насильству" in html and "Альтернативний догляд" in html
    assert "Violence prevention" not in html
    assert 'lang="en"' not in html.split("<main", 1)[1]


def test_filter_offers_reader_terms_with_the_same_slug_in_every_language(client, ukrainian_news):
    english = client.get("/en/news/").content.decode()
    ukrainian = client.get("/uk/news/").content.decode()
    assert '<option value="violence-x">Violence prevention</option>' in english
    assert '<option value="care-x" lang="uk">Альтернативний догляд</option>' in english
    assert '<option value="violence-x">Запобігання насильству</option>' in ukrainian
    assert '<option value="care-x">Альтернативний догляд</option>' in ukrainian
    # The same slug filters in both languages.
    filtered = client.get("/en/news/?topic=care-x").content.decode()
    assert "EN Мобільні команди" in filtered
    assert "Мобільні команди" in client.get("/uk/news/?topic=violence-x").content.decode()


def test_feed_categories_are_in_the_readers_language(client, ukrainian_news):
    response = client.get("/en/news/feed/")
    channel = ET.fromstring(response.content).find("channel")  # noqa: S314 (our own output)
    item = next(i for i in channel.findall("item") if i.findtext("title") == "EN Мобільні команди")
    assert [c.text for c in item.findall("category")] == [
        "Violence prevention",
        "Альтернативний догляд",
    ]


def test_api_gives_the_readers_terms(client, ukrainian_news):
    english = ukrainian_news["english"]
    data = client.get(f"/api/v2/pages/{english.pk}/").json()
    assert data["topic_names"] == ["Violence prevention", "Альтернативний догляд"]


def test_expert_directory_filter_and_cards(client, db, country_section, index_of):
    section = country_section("ukraine", "uk")
    area = ExpertiseAreaFactory(locale=section.locale, name="Ведення випадку", slug="case-x")
    translated_term(area, "en", "Case management")
    profile = ExpertProfilePageFactory(
        parent=index_of(section, ExpertDirectoryPage), title="Ярина Савчук", areas=[area]
    )
    translate(profile, "en", lambda text: {"Ярина Савчук": "Yaryna Savchuk"}.get(text, text))
    html = client.get("/en/experts/").content.decode()
    assert '<option value="case-x">Case management</option>' in html
    assert "<li>Case management</li>" in html
    assert "Ведення випадку" not in html
    assert "Yaryna Savchuk" in html


def test_term_lookup_keeps_listing_queries_fixed(
    client, db, country_section, index_of, locales, settings
):
    """Two or twelve translated items with translated and untranslated terms: the
    same number of queries (the reader's term is a subquery of the link prefetch).
    Full pages at both sizes, so no page fills up from other languages."""
    from tests.utils import count_queries

    settings.PORTAL_PAGE_SIZE = 2
    section = country_section("serbia", "sh")
    index = index_of(section, NewsIndexPage)
    translated = TopicFactory(locale=section.locale, name="Nasilje", slug="violence-q")
    translated_term(translated, "en", "Violence")
    untranslated = TopicFactory(locale=section.locale, name="Hraniteljstvo", slug="foster-q")
    counts = []
    for n in (2, 10):
        for _ in range(n):
            item = NewsPageFactory(parent=index, topics=[translated, untranslated])
            translate(item, "en")
        client.get("/en/serbia/news/")
        counts.append(count_queries(lambda: client.get("/en/serbia/news/")))
    assert counts[0] == counts[1]
