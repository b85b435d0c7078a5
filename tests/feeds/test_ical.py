import datetime
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone
from icalendar import Calendar
from wagtail.models import PageViewRestriction

from events.factories import EventPageFactory
from events.models import EventIndexPage
from news.factories import NewsPageFactory
from news.models import NewsIndexPage

KYIV = ZoneInfo("Europe/Kyiv")


def parse(response):
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    calendar = Calendar.from_ical(response.content)
    assert calendar["VERSION"] == "2.0"
    assert calendar["PRODID"]
    return calendar


def events_of(calendar):
    return calendar.walk("VEVENT")


@pytest.fixture
def ukraine_events(country_section, index_of):
    return index_of(country_section("ukraine", "en"), EventIndexPage)


def test_single_event_is_valid_icalendar_at_the_right_instant(client, ukraine_events):
    # 18:00 in Kyiv in winter is 16:00 UTC.
    start = datetime.datetime(2031, 1, 15, 18, 0, tzinfo=KYIV)
    event = EventPageFactory(
        parent=ukraine_events,
        title="Winter webinar",
        start=start,
        end=start + datetime.timedelta(hours=2),
        time_zone="Europe/Kyiv",
        webinar=True,
    )

    response = client.get(f"{event.url}event.ics")

    calendar = parse(response)
    assert "attachment" in response["Content-Disposition"]
    [entry] = events_of(calendar)
    assert str(entry["SUMMARY"]) == "Winter webinar"
    assert entry["DTSTART"].params["TZID"] == "Europe/Kyiv"
    assert entry.decoded("DTSTART") == datetime.datetime(2031, 1, 15, 16, 0, tzinfo=datetime.UTC)
    assert entry.decoded("DTEND") - entry.decoded("DTSTART") == datetime.timedelta(hours=2)
    assert str(entry["URL"]) == event.full_url
    # An online event's public calendar entry points to its page, never to the
    # meeting room, which only participants get.
    assert str(entry["LOCATION"]) == event.full_url
    assert "meet.example.org" not in response.content.decode()
    assert entry["UID"] and entry["DTSTAMP"]
    # RFC 5545: every TZID used has its VTIMEZONE.
    zones = {str(zone["TZID"]) for zone in calendar.walk("VTIMEZONE")}
    assert zones == {"Europe/Kyiv"}


def test_summer_time_is_handled(client, ukraine_events):
    start = datetime.datetime(2031, 7, 15, 10, 0, tzinfo=KYIV)
    event = EventPageFactory(
        parent=ukraine_events, start=start, end=start + datetime.timedelta(hours=1)
    )

    [entry] = events_of(parse(client.get(f"{event.url}event.ics")))

    assert entry.decoded("DTSTART") == datetime.datetime(2031, 7, 15, 7, 0, tzinfo=datetime.UTC)


def test_event_page_has_add_to_calendar(client, ukraine_events):
    event = EventPageFactory(parent=ukraine_events, title="Training")

    html = client.get(event.url).content.decode()

    assert client.get(event.url).status_code == 200
    assert f'href="{event.url}event.ics"' in html


def test_events_feed_honours_filters(client, home, index_of, ukraine_events, country_section):
    serbia = index_of(country_section("serbia", "en"), EventIndexPage)
    EventPageFactory(parent=ukraine_events, title="Kyiv webinar", webinar=True)
    EventPageFactory(parent=ukraine_events, title="Kyiv workshop")
    EventPageFactory(parent=serbia, title="Belgrade workshop", time_zone="Europe/Belgrade")
    past_start = timezone.now() - datetime.timedelta(days=30)
    EventPageFactory(
        parent=ukraine_events,
        title="Past seminar",
        start=past_start,
        end=past_start + datetime.timedelta(hours=3),
    )
    EventPageFactory(parent=ukraine_events, title="Draft event", live=False)

    def titles(url, **params):
        return sorted(str(e["SUMMARY"]) for e in events_of(parse(client.get(url, params))))

    assert titles("/en/events/feed.ics") == ["Belgrade workshop", "Kyiv webinar", "Kyiv workshop"]
    assert titles("/en/events/feed.ics", country="ukraine") == ["Kyiv webinar", "Kyiv workshop"]
    assert titles("/en/events/feed.ics", format="online") == ["Kyiv webinar"]
    assert titles("/en/events/feed.ics", when="past") == ["Past seminar"]
    assert titles("/en/ukraine/events/feed.ics") == ["Kyiv webinar", "Kyiv workshop"]
    zones = {str(z["TZID"]) for z in parse(client.get("/en/events/feed.ics")).walk("VTIMEZONE")}
    assert zones == {"Europe/Belgrade", "Europe/Kyiv"}


def test_ics_is_only_served_for_live_public_events(client, home, index_of, ukraine_events):
    draft = EventPageFactory(parent=ukraine_events, title="Draft", live=False)
    private = EventPageFactory(parent=ukraine_events, title="Private")
    PageViewRestriction.objects.create(
        page=private, restriction_type=PageViewRestriction.PASSWORD, password="secret"
    )
    news = NewsPageFactory(parent=index_of(home, NewsIndexPage))

    assert client.get(f"/en/ukraine/events/{draft.slug}/event.ics").status_code == 404
    assert client.get(f"{private.url}event.ics").status_code == 404
    assert client.get(f"{news.url}event.ics").status_code == 404
    assert client.get("/en/news/feed.ics").status_code == 404
    assert client.get("/en/no-such-page/event.ics").status_code == 404
    # A private event is left out of the feed as well.
    response = client.get("/en/events/feed.ics")
    assert [str(e["SUMMARY"]) for e in events_of(parse(response))] == []


def test_event_in_another_language_tree(client, home_for, index_of, country_section):
    index = index_of(country_section("ukraine", "uk"), EventIndexPage)
    event = EventPageFactory(parent=index, title="Вебінар")

    response = client.get(f"/uk/ukraine/events/{event.slug}/event.ics")

    [entry] = events_of(parse(response))
    assert str(entry["SUMMARY"]) == "Вебінар"
    assert client.get(f"/en/ukraine/events/{event.slug}/event.ics").status_code == 404
