"""The joining link and the participants never appear anywhere public: not on the
event page, its listing, the feeds, the API, the JSON-LD, search or the sitemap. The
personal joining link works only from 30 minutes before the start until the end.
Participants' data is deleted a configurable time after the event."""

import datetime
import io
import json

import pytest
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from events.models import Certificate, Registration, RegistrationStatus
from tests.events.conftest import JOIN_URL

pytestmark = pytest.mark.django_db


@pytest.fixture
def public_webinar(make_webinar, registration_for):
    event = make_webinar(
        capacity=10, recording_url="https://video.example.org/r/1", summary="Підтримка дітей"
    )
    people = [
        registration_for(event, name="Ольга Приватна", email="olha.private@example.org"),
        registration_for(
            event,
            name="Waiting Person",
            email="waiting.private@example.org",
            status=RegistrationStatus.WAITING,
        ),
    ]
    return event, people


def public_outputs(client, event):
    urls = [
        event.url,
        event.url + "register/",
        event.url + "register/sent/",
        event.url + "event.ics",
        "/uk/events/",
        "/uk/ukraine/events/",
        "/uk/events/feed.ics",
        "/uk/ukraine/events/feed.ics",
        "/uk/",
        "/uk/ukraine/",
        "/uk/search/?q=Вебінар",
        "/sitemap.xml",
        f"/api/v2/pages/{event.pk}/",
        "/api/v2/pages/?type=events.EventPage&fields=*&locale=uk",
    ]
    outputs = {}
    for url in urls:
        response = client.get(url, HTTP_HOST="localhost")
        assert response.status_code == 200, url
        outputs[url] = response.content.decode()
    return outputs


def test_the_joining_link_and_the_participants_never_appear_in_public(client, public_webinar):
    event, people = public_webinar
    outputs = public_outputs(client, event)
    # The checks can fail: the event itself is in each of them.
    assert event.title in outputs[event.url]
    assert event.title in outputs["/uk/events/feed.ics"]
    assert event.slug in outputs["/sitemap.xml"]
    assert event.title in outputs[f"/api/v2/pages/{event.pk}/"]
    for url, text in outputs.items():
        assert JOIN_URL not in text, url
        assert "meet.example.org" not in text, url
        for person in people:
            assert person.email not in text, url
            assert person.name not in text, url


def test_the_joining_link_is_not_in_the_json_ld(client, public_webinar):
    from tests.utils import json_ld

    event, _people = public_webinar
    (data,) = json_ld(client.get(event.url).content.decode())
    assert "meet.example.org" not in json.dumps(data)
    assert data["location"]["url"] == event.full_url
    assert data["offers"]["url"] == event.full_url + "register/"


def test_the_search_index_holds_no_joining_link(public_webinar):
    from wagtail.search.index import get_indexed_models

    from events.models import EventPage

    event, _people = public_webinar
    assert EventPage in get_indexed_models()
    indexed = {field.field_name for field in EventPage.get_search_fields()}
    assert "join_url" not in indexed
    assert not {"registrations", "email"} & indexed


class Clock:
    def __init__(self, monkeypatch):
        self.monkeypatch = monkeypatch

    def at(self, moment):
        self.monkeypatch.setattr("events.views.timezone.now", lambda: moment)


def test_the_personal_joining_link_opens_30_minutes_before_and_closes_at_the_end(
    public_webinar, monkeypatch
):
    event, (holder, waiting) = public_webinar
    clock = Clock(monkeypatch)
    client = Client()
    url = f"/uk/webinars/me/{holder.manage_token}/join/"

    clock.at(event.start - datetime.timedelta(minutes=31))
    early = client.get(url)
    assert early.status_code == 200
    assert "Ще зарано" in early.content.decode()
    assert JOIN_URL not in early.content.decode()

    clock.at(event.start - datetime.timedelta(minutes=30))
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"] == JOIN_URL
    assert response["Referrer-Policy"] == "no-referrer"

    clock.at(event.end - datetime.timedelta(seconds=1))
    assert client.get(url).status_code == 302

    clock.at(event.end)
    ended = client.get(url)
    assert ended.status_code == 410
    assert "Вебінар завершився" in ended.content.decode()

    clock.at(event.start)
    refused = client.get(f"/uk/webinars/me/{waiting.manage_token}/join/")
    assert refused.status_code == 403
    assert JOIN_URL not in refused.content.decode()


def test_personal_pages_are_never_cached_nor_indexed(public_webinar):
    _event, (holder, _waiting) = public_webinar
    response = Client().get(f"/uk/webinars/me/{holder.manage_token}/")
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    assert response["X-Robots-Tag"] == "noindex"
    assert holder.name in response.content.decode()


def test_participants_are_deleted_after_the_retention_period_but_certificates_stay(
    make_webinar, registration_for, settings
):
    settings.PORTAL_WEBINAR_RETENTION_DAYS = 30
    old = make_webinar(slug="old", days=-40)
    recent = make_webinar(slug="recent", days=-10)
    gone = registration_for(old, attended=True)
    certificate = Certificate.objects.create(
        registration=gone,
        event_key=old.translation_key,
        name=gone.name,
        event_title=old.title,
        start=old.start,
        duration_minutes=90,
        organiser=old.organiser,
        language="uk",
    )
    kept = registration_for(recent)
    out = io.StringIO()
    call_command("purge_webinar_participants", stdout=out)
    assert "1 registration(s) deleted" in out.getvalue()
    assert not Registration.objects.filter(pk=gone.pk).exists()
    assert Registration.objects.filter(pk=kept.pk).exists()
    certificate.refresh_from_db()
    assert certificate.registration is None
    assert certificate.name == gone.name
    # Still verifiable, with the name and the webinar only.
    page = Client().get(f"/uk/certificates/{certificate.code}/").content.decode()
    assert gone.name in page and old.title in page
    assert gone.email not in page


def test_a_past_webinar_shows_its_materials_and_loads_no_player_until_asked(make_webinar, client):
    from wagtail.embeds.models import Embed

    past = make_webinar(
        days=-3,
        recording_url="https://www.youtube.com/watch?v=abc123",
        slug="past-webinar",
    )
    html = client.get(past.url).content.decode()
    assert "Минулий вебінар" in html
    assert 'href="https://www.youtube.com/watch?v=abc123"' in html
    assert "<iframe" not in html
    assert "?embed=1" in html
    # The player comes from Wagtail's embed cache (no network in the test).
    from wagtail.embeds.embeds import get_embed_hash

    Embed.objects.create(
        url=past.recording_url,
        max_width=None,
        hash=get_embed_hash(past.recording_url, None),
        type="video",
        html='<iframe src="https://www.youtube-nocookie.com/embed/abc123"></iframe>',
        cache_until=timezone.now() + datetime.timedelta(days=1),
    )
    response = client.get(past.url + "?embed=1")
    embedded = response.content.decode()
    assert "youtube-nocookie.com/embed/abc123" in embedded
    assert "?embed=1#recording" not in embedded
    # The Content-Security-Policy lets that one player's origin frame the page it is
    # asked on, and no other page.
    policy = response["Content-Security-Policy"]
    assert "frame-src https://www.youtube-nocookie.com" in policy
    assert "frame-src 'none'" in client.get(past.url)["Content-Security-Policy"]


def test_past_webinars_with_recordings_are_listed(make_webinar, client):
    with_recording = make_webinar(
        days=-5, recording_url="https://video.example.org/a", title="Із записом"
    )
    without = make_webinar(days=-5, title="Без запису")
    upcoming = make_webinar(days=5, recording_url="https://video.example.org/b", title="Майбутній")
    html = client.get("/uk/events/?when=past&recording=yes").content.decode()
    assert with_recording.title in html
    assert without.title not in html
    assert upcoming.title not in html
    assert without.title in client.get("/uk/events/?when=past").content.decode()
