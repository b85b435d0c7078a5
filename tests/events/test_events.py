import datetime
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield
from wagtail_localize.fields import SynchronizedField, TranslatableField, get_translatable_fields

from events.factories import EventPageFactory
from events.models import EventIndexPage, EventPage
from home.models import CountryPage, HomePage
from tests.utils import json_ld, translate

KYIV = ZoneInfo("Europe/Kyiv")
NEXT_YEAR = timezone.now().year + 1


def event_form(**overrides):
    data = {
        "title": "Вебінар: підтримка дітей",
        "slug": "vebinar-pidtrymka",
        "summary": "Онлайн-зустріч для фахівців.",
        "time_zone": "Europe/Kyiv",
        "start": f"{NEXT_YEAR}-01-15 10:00",
        "end": f"{NEXT_YEAR}-01-15 11:30",
        "event_format": "online",
        "venue": "",
        "city": "",
        "join_url": "https://meet.example.org/webinar",
        "organiser": "Terre des hommes",
        "event_language": "uk",
        "country": "",
        "registration_url": "",
        "registration_deadline": "",
        "registration_enabled": "on",
        "capacity": "",
        "registration_consent": "",
        "certificate_threshold": "80",
        "recording_url": "",
        "transcript": "",
        "slides": streamfield([]),
        "lead_image_alt": "",
        "body": streamfield([("paragraph", rich_text("<p>Програма.</p>"))]),
    }
    data.update(overrides)
    return nested_form_data(data)


class EventAdminTests(WagtailPageTestCase):
    def setUp(self):
        self.login()
        self.section = CountryPage.objects.get(locale__language_code="uk", country="ukraine")
        self.index = EventIndexPage.objects.child_of(self.section).get()

    def test_times_typed_in_the_admin_are_read_in_the_event_zone(self):
        self.assertCanCreate(self.index, EventPage, event_form())
        event = EventPage.objects.get(slug="vebinar-pidtrymka")
        # 10:00 in Kyiv in January is 08:00 UTC, whatever the admin user's zone.
        self.assertEqual(
            event.start, datetime.datetime(NEXT_YEAR, 1, 15, 8, 0, tzinfo=datetime.UTC)
        )
        self.assertEqual(event.local_start.hour, 10)
        # The edit form shows the wall-clock time again, not UTC.
        response = self.client.get(f"/admin/pages/{event.pk}/edit/")
        self.assertContains(response, f"{NEXT_YEAR}-01-15 10:00")

    def test_a_new_event_starts_in_its_country_zone(self):
        response = self.client.get(f"/admin/pages/add/events/eventpage/{self.index.pk}/")
        self.assertContains(response, '<option value="Europe/Kyiv" selected>')

    def test_an_event_that_ends_before_it_starts_is_refused(self):
        before = EventPage.objects.count()
        response = self.client.post(
            f"/admin/pages/add/events/eventpage/{self.index.pk}/",
            event_form(end=f"{NEXT_YEAR}-01-15 09:00"),
        )
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "The event must end after it starts.")
        self.assertEqual(EventPage.objects.count(), before)

    def test_an_in_person_event_needs_a_venue(self):
        before = EventPage.objects.count()
        response = self.client.post(
            f"/admin/pages/add/events/eventpage/{self.index.pk}/",
            event_form(event_format="in_person", join_url="", registration_enabled=""),
        )
        self.assertContains(response, "Say where the event takes place.")
        self.assertEqual(EventPage.objects.count(), before)

    def test_the_page_shows_times_in_the_event_zone_and_names_it(self):
        start = datetime.datetime(NEXT_YEAR, 7, 1, 14, 0, tzinfo=KYIV)
        event = EventPageFactory(
            parent=self.index,
            title="Літня школа",
            start=start,
            end=start + datetime.timedelta(hours=3),
        )
        self.assertPageIsRenderable(event)
        html = self.client.get(event.url).content.decode()
        self.assertIn("Europe/Kyiv", html)
        self.assertIn("UTC+03:00", html)  # summer time in Kyiv
        self.assertIn("14:00", html)
        self.assertIn(f'datetime="{NEXT_YEAR}-07-01T11:00:00+00:00"', html)

    def test_webinar_json_ld_is_an_online_event(self):
        event = EventPageFactory(parent=self.index, webinar=True)
        data = json_ld(self.client.get(event.url).content.decode())[0]
        self.assertEqual(data["@type"], "Event")
        self.assertEqual(
            data["eventAttendanceMode"], "https://schema.org/OnlineEventAttendanceMode"
        )
        self.assertEqual(data["location"]["@type"], "VirtualLocation")
        self.assertEqual(data["startDate"][-6:], event.local_start.isoformat()[-6:])


def test_event_translatable_field_policy():
    fields = {f.field_name: type(f) for f in get_translatable_fields(EventPage)}
    for name in [
        "title",
        "summary",
        "venue",
        "city",
        "organiser",
        "body",
        "lead_image_alt",
        "registration_consent",
    ]:
        assert fields[name] is TranslatableField, name
    for name in [
        "slug",
        "start",
        "end",
        "time_zone",
        "event_format",
        "join_url",
        "registration_enabled",
        "capacity",
        "cancelled",
        "certificate_threshold",
        "recording_url",
        "transcript",
        "slides",
        "event_language",
        "registration_url",
        "registration_deadline",
        "country",
        "lead_image",
    ]:
        assert fields[name] is SynchronizedField, name


def test_event_translation_round_trip(client, db, country_section, index_of):
    source = EventPageFactory(
        parent=index_of(country_section("ukraine", "uk"), EventIndexPage), title="Семінар у Львові"
    )
    english = translate(source, "en", lambda text: f"EN {text}")
    assert english.specific.start == source.start
    html = client.get(f"/en/ukraine/events/{source.slug}/").content.decode()
    assert "EN Семінар у Львові" in html
    assert "EN Семінар у Львові" in client.get("/en/events/").content.decode()
    assert "EN Семінар у Львові" not in client.get("/uk/events/").content.decode()


@pytest.fixture
def events(db, country_section, index_of):
    index = index_of(country_section("serbia", "en"), EventIndexPage)
    now = timezone.now()
    return {
        "soon": EventPageFactory(
            parent=index,
            title="Soon in Belgrade",
            start=now + datetime.timedelta(days=2),
            end=now + datetime.timedelta(days=2, hours=2),
        ),
        "later": EventPageFactory(
            parent=index,
            title="Later webinar",
            webinar=True,
            start=now + datetime.timedelta(days=20),
            end=now + datetime.timedelta(days=20, hours=1),
        ),
        "running": EventPageFactory(
            parent=index,
            title="Running now",
            start=now - datetime.timedelta(hours=1),
            end=now + datetime.timedelta(hours=1),
        ),
        "past": EventPageFactory(
            parent=index,
            title="Last month",
            start=now - datetime.timedelta(days=30),
            end=now - datetime.timedelta(days=30) + datetime.timedelta(hours=2),
        ),
    }


def test_upcoming_by_default_in_date_order(client, events):
    html = client.get("/en/events/").content.decode()
    assert "Last month" not in html
    assert html.index("Running now") < html.index("Soon in Belgrade") < html.index("Later webinar")


def test_past_and_format_filters(client, events):
    html = client.get("/en/events/?when=past").content.decode()
    assert "Last month" in html and "Soon in Belgrade" not in html
    html = client.get("/en/events/?format=online").content.decode()
    assert "Later webinar" in html and "Soon in Belgrade" not in html
    html = client.get("/en/serbia/events/?format=in_person").content.decode()
    assert "Soon in Belgrade" in html and "Later webinar" not in html


def test_unknown_event_filters_give_a_normal_page(client, events):
    response = client.get("/en/events/?format=teleport&when=tomorrow&page=x")
    assert response.status_code == 200
    assert "Soon in Belgrade" in response.content.decode()


def test_home_shows_upcoming_events(client, events):
    HomePage.objects.get(locale__language_code="en")
    html = client.get("/en/").content.decode()
    assert "Soon in Belgrade" in html and "Last month" not in html
