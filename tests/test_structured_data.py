"""Each JSON-LD type, parsed from the rendered page, with the properties search
engines require for it (schema.org and Google's structured-data rules)."""

import datetime

import pytest

from events.factories import EventPageFactory
from events.models import EventFormat, EventIndexPage
from expert_profiles.factories import ExpertProfilePageFactory
from expert_profiles.models import ExpertDirectoryPage
from home.factories import ImageFactory
from news.factories import NewsPageFactory
from news.models import NewsIndexPage
from tests.utils import json_ld
from vacancies.factories import VacancyPageFactory
from vacancies.models import VacancyIndexPage


@pytest.fixture
def ukraine(country_section):
    return country_section("ukraine", "en")


def only_object(client, page):
    response = client.get(page.url)
    assert response.status_code == 200
    objects = json_ld(response.content.decode())
    assert len(objects) == 1
    data = objects[0]
    assert data["@context"] == "https://schema.org"
    assert data["url"] == page.full_url
    return data


def test_news_article_required_properties(client, ukraine, index_of):
    page = NewsPageFactory(
        parent=index_of(ukraine, NewsIndexPage),
        title="A" * 150,
        lead_image=ImageFactory(),
        lead_image_alt="Alt",
    )

    data = only_object(client, page)

    assert data["@type"] == "NewsArticle"
    assert data["headline"] == "A" * 110  # Google truncates past 110 characters
    assert datetime.date.fromisoformat(data["datePublished"]) == page.date
    assert data["image"][0].startswith("http://testserver/")
    assert data["publisher"]["name"] == "ChildHub"
    assert data["inLanguage"] == "en"


def test_news_article_without_image_has_no_image_property(client, ukraine, index_of):
    data = only_object(client, NewsPageFactory(parent=index_of(ukraine, NewsIndexPage)))

    assert "image" not in data
    assert data["headline"]


@pytest.mark.parametrize(
    ("event_format", "mode", "location_types"),
    [
        (EventFormat.IN_PERSON, "OfflineEventAttendanceMode", ["Place"]),
        (EventFormat.ONLINE, "OnlineEventAttendanceMode", ["VirtualLocation"]),
        (EventFormat.HYBRID, "MixedEventAttendanceMode", ["Place", "VirtualLocation"]),
    ],
)
def test_event_required_properties(client, ukraine, index_of, event_format, mode, location_types):
    event = EventPageFactory(
        parent=index_of(ukraine, EventIndexPage),
        event_format=event_format,
        join_url="https://meet.example.org/x" if event_format != EventFormat.IN_PERSON else "",
        registration_enabled=event_format != EventFormat.IN_PERSON,
        venue="" if event_format == EventFormat.ONLINE else "Hall 1",
    )

    data = only_object(client, event)

    assert data["@type"] == "Event"
    assert data["name"] == event.title
    assert data["eventAttendanceMode"] == f"https://schema.org/{mode}"
    assert data["eventStatus"] == "https://schema.org/EventScheduled"
    # Dates carry the event's own offset and name the right instant.
    assert datetime.datetime.fromisoformat(data["startDate"]) == event.start
    assert datetime.datetime.fromisoformat(data["endDate"]) == event.end
    locations = data["location"] if isinstance(data["location"], list) else [data["location"]]
    assert [location["@type"] for location in locations] == location_types
    for location in locations:
        if location["@type"] == "VirtualLocation":
            # The event page, never the meeting room.
            assert location["url"] == event.full_url
        else:
            assert location["address"]["addressCountry"] == "UA"
    assert data["organizer"]["name"] == event.organiser


def test_job_posting_required_properties_and_none_once_closed(client, ukraine, index_of):
    index = index_of(ukraine, VacancyIndexPage)
    vacancy = VacancyPageFactory(parent=index)
    closed = VacancyPageFactory(parent=index, closed=True)

    data = only_object(client, vacancy)

    assert data["@type"] == "JobPosting"
    assert data["title"] == vacancy.title
    assert data["description"]
    assert datetime.date.fromisoformat(data["datePosted"])
    assert datetime.datetime.fromisoformat(data["validThrough"]) == vacancy.closes_at
    assert data["hiringOrganization"] == {
        "@type": "Organization",
        "name": "Regional Centre for Social Work",
    }
    assert data["jobLocation"]["address"]["addressCountry"] == "UA"
    assert data["employmentType"] == "FULL_TIME"
    assert json_ld(client.get(closed.url).content.decode()) == []


def test_person_has_no_email(client, ukraine, index_of):
    expert = ExpertProfilePageFactory(
        parent=index_of(ukraine, ExpertDirectoryPage), email="hidden.person@example.org"
    )

    response = client.get(expert.url)
    data = json_ld(response.content.decode())[0]

    assert data["@type"] == "Person"
    assert data["name"] == expert.title
    assert data["jobTitle"] == "Psychologist"
    assert data["worksFor"]["name"] == "Centre for Child Rights"
    assert "email" not in data
    assert "hidden.person" not in response.content.decode()
