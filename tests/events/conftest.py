import datetime

import pytest
from django.core.cache import cache
from django.utils import timezone
from icalendar import Calendar

from events.factories import EventPageFactory, RegistrationFactory
from events.models import EventIndexPage

JOIN_URL = "https://meet.example.org/secret-room-4711"


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def ukraine_events(country_section, index_of):
    def get(code="uk"):
        return index_of(country_section("ukraine", code), EventIndexPage)

    return get


@pytest.fixture
def make_webinar(ukraine_events):
    def make(code="uk", days=3, **fields):
        start = timezone.now().replace(second=0, microsecond=0) + datetime.timedelta(days=days)
        defaults = {
            "title": "Вебінар: підтримка дітей у горі",
            "start": start,
            "end": start + datetime.timedelta(minutes=90),
            "join_url": JOIN_URL,
            "organiser": "Terre des hommes",
        }
        defaults.update(fields)
        return EventPageFactory(parent=ukraine_events(code), webinar=True, **defaults)

    return make


@pytest.fixture
def webinar(make_webinar):
    return make_webinar(capacity=2)


@pytest.fixture
def registration_for():
    def make(event, **fields):
        return RegistrationFactory(event=event, **fields)

    return make


def parse_ics(attachment):
    """The parsed calendar of an (filename, content, mimetype) attachment."""
    _name, content, mimetype = attachment
    assert mimetype.startswith("text/calendar")
    return Calendar.from_ical(content)


def form_data(**overrides):
    data = {
        "name": "Оксана Петренко",
        "email": "Oksana@Example.org",
        "organisation": "Служба у справах дітей",
        "profession": "social_work",
        "country": "ukraine",
        "time_zone": "",
        "consent": "on",
        "website": "",
    }
    data.update(overrides)
    return data
