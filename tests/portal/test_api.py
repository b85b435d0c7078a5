import json

import pytest
from django.core.cache import cache
from wagtail.models import PageViewRestriction

from events.factories import EventPageFactory
from events.models import EventIndexPage
from expert_profiles.factories import ExpertProfilePageFactory
from expert_profiles.models import ExpertDirectoryPage, ExpertProfilePage
from home.factories import ImageFactory
from news.factories import NewsPageFactory, TopicFactory
from news.models import NewsIndexPage, NewsPage
from vacancies.factories import VacancyPageFactory
from vacancies.models import VacancyIndexPage


@pytest.fixture(autouse=True)
def _fresh_throttle():
    cache.clear()
    yield
    cache.clear()


def get_json(client, url, **params):
    response = client.get(url, params)
    assert response.status_code == 200, response.content
    return response.json()


def test_pages_filtered_by_locale_and_type(client, home, home_for, index_of):
    NewsPageFactory(parent=index_of(home, NewsIndexPage), title="English news")
    NewsPageFactory(parent=index_of(home_for("uk"), NewsIndexPage), title="Українська новина")

    data = get_json(client, "/api/v2/pages/", locale="uk", type="news.NewsPage")

    assert [item["title"] for item in data["items"]] == ["Українська новина"]
    assert data["items"][0]["meta"]["locale"] == "uk"
    english = get_json(client, "/api/v2/pages/", locale="en", type="news.NewsPage")
    assert [item["title"] for item in english["items"]] == ["English news"]


def test_each_type_exposes_its_useful_fields(client, home, index_of):
    topic = TopicFactory(locale=home.locale, name="Foster care")
    image = ImageFactory()
    news = NewsPageFactory(
        parent=index_of(home, NewsIndexPage),
        topics=[topic],
        lead_image=image,
        lead_image_alt="Children playing",
    )
    event = EventPageFactory(parent=index_of(home, EventIndexPage), webinar=True)
    vacancy = VacancyPageFactory(parent=index_of(home, VacancyIndexPage))

    news_data = get_json(client, f"/api/v2/pages/{news.pk}/")
    event_data = get_json(client, f"/api/v2/pages/{event.pk}/")
    vacancy_data = get_json(client, f"/api/v2/pages/{vacancy.pk}/")

    assert news_data["date"] == news.date.isoformat()
    assert news_data["topic_names"] == ["Foster care"]
    assert news_data["lead_image"]["id"] == image.pk
    assert news_data["lead_image_alt"] == "Children playing"
    assert news_data["body"][0]["type"] == "paragraph"
    assert event_data["event_format"] == "online"
    assert event_data["time_zone"] == "Europe/Kyiv"
    # The joining link is for registered participants only.
    assert "join_url" not in event_data
    assert "meet.example.org" not in json.dumps(event_data)
    assert event_data["registration_enabled"] is True
    assert event_data["start"].startswith(str(event.start.year))
    assert vacancy_data["is_open"] is True
    assert vacancy_data["apply_url"] == "https://jobs.example.org/apply"
    assert vacancy_data["organisation"] == "Regional Centre for Social Work"
    image_data = get_json(client, f"/api/v2/images/{image.pk}/")
    assert image_data["title"] == image.title
    assert get_json(client, "/api/v2/documents/")["meta"]["total_count"] == 0


def test_expert_email_and_user_never_appear(client, home, index_of, django_user_model):
    owner = django_user_model.objects.create_user(
        "olena", email="olena.private@example.org", password="x"
    )
    expert = ExpertProfilePageFactory(
        parent=index_of(home, ExpertDirectoryPage),
        email="olena.private@example.org",
        user=owner,
        languages=["uk", "en"],
    )

    responses = [
        client.get(f"/api/v2/pages/{expert.pk}/"),
        client.get(f"/api/v2/pages/{expert.pk}/", {"fields": "*"}),
        client.get("/api/v2/pages/", {"type": "expert_profiles.ExpertProfilePage", "fields": "*"}),
        client.get("/api/v2/pages/", {"fields": "*"}),
        client.get("/api/v2/pages/", {"search": "olena.private@example.org"}),
    ]

    for response in responses:
        assert response.status_code == 200
        body = response.content.decode()
        assert "olena.private" not in body
        assert '"user"' not in body
        assert '"email"' not in body
    detail = json.loads(responses[0].content)
    assert detail["spoken_language_codes"] == ["uk", "en"]
    assert detail["job_title"] == "Psychologist"
    # Asking for the field by name is refused, not answered.
    asked = client.get(
        "/api/v2/pages/", {"type": "expert_profiles.ExpertProfilePage", "fields": "email"}
    )
    assert asked.status_code == 400
    assert "olena.private" not in asked.content.decode()
    assert ExpertProfilePage.objects.get(pk=expert.pk).email == "olena.private@example.org"


def test_drafts_and_private_pages_are_never_exposed(client, home, index_of):
    index = index_of(home, NewsIndexPage)
    draft = NewsPageFactory(parent=index, title="Secret draft", live=False)
    private = NewsPageFactory(parent=index, title="Members only")
    PageViewRestriction.objects.create(
        page=private, restriction_type=PageViewRestriction.PASSWORD, password="secret"
    )
    published = NewsPageFactory(parent=index, title="Published title")
    published.title = "Unpublished new title"
    published.save_revision()

    listing = get_json(client, "/api/v2/pages/", type="news.NewsPage", fields="*")
    titles = [item["title"] for item in listing["items"]]

    assert titles == ["Published title"]
    assert client.get(f"/api/v2/pages/{draft.pk}/").status_code == 404
    assert client.get(f"/api/v2/pages/{private.pk}/").status_code == 404
    body = client.get("/api/v2/pages/", {"search": "Secret"}).content.decode()
    assert "Secret draft" not in body
    assert NewsPage.objects.get(pk=published.pk).title == "Published title"


def test_api_is_read_only(client, home, index_of):
    news = NewsPageFactory(parent=index_of(home, NewsIndexPage), title="Stays")

    for method in (client.post, client.put, client.patch, client.delete):
        response = method(f"/api/v2/pages/{news.pk}/", {"title": "Changed"})
        assert response.status_code in (403, 405)

    assert NewsPage.objects.get(pk=news.pk).title == "Stays"


def test_api_is_rate_limited_and_cacheable(client, db, settings):
    settings.PORTAL_API_RATE = "3/minute"

    statuses = [client.get("/api/v2/pages/", {"locale": "en"}).status_code for _ in range(5)]

    assert statuses == [200, 200, 200, 429, 429]
    # Another client address has its own allowance.
    other = client.get("/api/v2/pages/", REMOTE_ADDR="10.0.0.9")
    assert other.status_code == 200
    assert "max-age=60" in other["Cache-Control"]
    assert "public" in other["Cache-Control"]
