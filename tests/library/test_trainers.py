"""Resources for trainers: one page per locale, training materials by topic and by
audience with counts and links into the filtered library, and editors' picks shown
in the reader's language."""

from library.factories import PublicationPageFactory
from library.models import TrainersPage, TrainersPick
from news.factories import TopicFactory
from tests.utils import count_queries, translate


def test_one_trainers_page_per_locale_below_the_region_wide_library(db, home_for):
    for code in ("en", "uk", "sh"):
        page = TrainersPage.objects.get(locale__language_code=code)
        assert page.get_parent().specific.is_region_wide
        assert page.url == f"/{code}/library/trainers/"
    assert TrainersPage.objects.count() == 10


def training(index, title, topics, audiences, year=2024):
    return PublicationPageFactory(
        parent=index,
        title=title,
        publication_type="training",
        year=year,
        extras={"topics": topics, "audiences": audiences},
    )


def test_materials_by_topic_and_audience_with_picks(client, library_of, locales):
    en = locales["en"]
    care = TopicFactory(locale=en, name="Alternative care", slug="care-t")
    online = TopicFactory(locale=en, name="Online safety", slug="online-t")
    index = library_of("en", "ukraine")
    for year in range(2018, 2023):
        training(index, f"Care course {year}", [care], ["social-workers"], year)
    training(index, "Online course", [online], ["teachers", "trainers"])
    PublicationPageFactory(parent=index, title="Care report", extras={"topics": [care]})
    pick = PublicationPageFactory(parent=library_of("en"), title="Regional pick")
    trainers = TrainersPage.objects.get(locale=en)
    trainers.picks = [TrainersPick(publication=pick)]
    trainers.save_revision().publish()

    response = client.get("/en/library/trainers/")
    html = response.content.decode()
    assert [item.title for item in response.context["picks"]] == ["Regional pick"]
    by_topic = {group["label"]: group for group in response.context["by_topic"]}
    assert by_topic["Alternative care"]["count"] == 5
    # The newest three of each group.
    assert [i.title for i in by_topic["Alternative care"]["items"]] == [
        "Care course 2022",
        "Care course 2021",
        "Care course 2020",
    ]
    assert "Care report" not in html
    assert "All 5 training materials on Alternative care" in html
    assert 'href="/en/library/?type=training&amp;topic=care-t"' in html
    by_audience = {group["label"]: group["count"] for group in response.context["by_audience"]}
    assert by_audience == {"Trainers": 1, "Social workers": 5, "Teachers": 1}


def test_a_pick_is_shown_in_the_readers_language(client, library_of, locales):
    pick = PublicationPageFactory(parent=library_of("uk", "ukraine"), title="Посібник")
    russian = translate(pick, "ru", lambda text: f"RU {text}")
    for code in ("uk", "ru"):
        trainers = TrainersPage.objects.get(locale__language_code=code)
        trainers.picks = [TrainersPick(publication=pick)]
        trainers.save_revision().publish()
    assert [i.pk for i in client.get("/ru/library/trainers/").context["picks"]] == [russian.pk]
    assert [i.pk for i in client.get("/uk/library/trainers/").context["picks"]] == [pick.pk]
    # No English version: nothing to show in English.
    trainers = TrainersPage.objects.get(locale__language_code="en")
    trainers.picks = [TrainersPick(publication=pick)]
    trainers.save_revision().publish()
    assert client.get("/en/library/trainers/").context["picks"] == []


def test_the_trainers_page_queries_do_not_grow(client, library_of, locales):
    en = locales["en"]
    topics = [TopicFactory(locale=en, slug=f"tt{i}") for i in range(3)]
    index = library_of("en", "serbia")

    def add(n):
        for i in range(n):
            training(index, f"T{n}-{i}", topics[: 1 + i % 3], ["trainers", "police"][: 1 + i % 2])
        client.get("/en/library/trainers/")
        return count_queries(lambda: client.get("/en/library/trainers/"))

    assert add(3) == add(30)
