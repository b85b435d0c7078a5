"""Countries, terms and languages in filters and footers follow the alphabet of the
page's language (ICU collation), not code-point order."""

import re

import pytest

from news.factories import TopicFactory
from portal.collation import collated


def options(html, name):
    select = re.search(rf'<select name="{name}"[^>]*>(.*?)</select>', html, re.S).group(1)
    # Without the "All …" option.
    return [
        label
        for value, label in re.findall(r'<option value="([^"]*)"[^>]*>([^<]+)<', select)
        if value
    ]


def test_ukrainian_language_filter_in_ukrainian_order(client, db):
    labels = options(client.get("/uk/experts/").content.decode(), "language")
    # Code-point order puts "Іспанська" and "Італійська" before "Албанська" (І < А).
    assert sorted(labels)[0] == "Іспанська"
    assert labels[:4] == ["Албанська", "Англійська", "Болгарська", "Боснійська/хорватська/сербська"]
    assert labels.index("Грецька") < labels.index("Іспанська") < labels.index("Італійська")
    assert labels.index("Італійська") < labels.index("Македонська")
    assert labels[-1] == "Чеська"


def test_ukrainian_topics_in_ukrainian_order(client, locales):
    for name, slug in [
        ("Ігри та дозвілля", "play-c"),
        ("Європейські стандарти", "eu-c"),
        ("Безпека", "safety-c"),
        ("Ґендер", "gender-c"),
        ("Дитинство", "child-c"),
    ]:
        TopicFactory(locale=locales["uk"], name=name, slug=slug)
    labels = options(client.get("/uk/news/").content.decode(), "topic")
    mine = [
        label
        for label in labels
        if label in {"Ігри та дозвілля", "Європейські стандарти", "Безпека", "Ґендер", "Дитинство"}
    ]
    assert mine == ["Безпека", "Ґендер", "Дитинство", "Європейські стандарти", "Ігри та дозвілля"]


def test_romanian_topics_in_romanian_order(client, locales):
    for name, slug in [
        ("Siguranța online", "online-c"),
        ("Sănătatea mintală", "health-c"),
        ("Ștefan cel Mare", "stefan-c"),
        ("Tineret", "youth-c"),
        ("Îngrijire", "care-c"),
        ("Justiție", "justice-c"),
    ]:
        TopicFactory(locale=locales["ro"], name=name, slug=slug)
    labels = options(client.get("/ro/news/").content.decode(), "topic")
    # Code points would give Justiție, Siguranța, Sănătatea, Tineret, Îngrijire, Ștefan.
    expected = [
        "Îngrijire",
        "Justiție",
        "Sănătatea mintală",
        "Siguranța online",
        "Ștefan cel Mare",
        "Tineret",
    ]
    assert [label for label in labels if label in expected] == expected


@pytest.mark.parametrize("code", ["uk", "ro", "bg", "sh", "el"])
def test_country_filter_and_footer_follow_the_page_language(client, db, code):
    html = client.get(f"/{code}/news/").content.decode()
    countries = options(html, "country")
    assert len(countries) == 10
    assert countries == collated(countries, language_code=code)
    footer = html.split('class="country-list"', 1)[1].split("</ul>", 1)[0]
    footer_names = re.findall(r">([^<]+)</a>", footer)
    assert footer_names == countries


def test_ukrainian_countries_are_not_in_english_order(client, db):
    countries = options(client.get("/uk/news/").content.decode(), "country")
    # English order would start Albania, Bosnia…, Bulgaria: Албанія, Боснія…, Болгарія.
    assert countries[:3] == ["Албанія", "Болгарія", "Боснія і Герцеговина"]
    assert countries[-3:] == ["Угорщина", "Україна", "Хорватія"]
