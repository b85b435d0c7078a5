"""Registration on the portal, from the form to a place: every transition of a
registration (pending, confirmed, waiting, moved up, cancelled) and the e-mail each
one sends, in the participant's language, with its calendar invitation."""

import datetime
import re

import pytest
from django.core import mail
from django.test import Client
from django.utils import timezone

from events.models import Registration, RegistrationStatus
from tests.events.conftest import JOIN_URL, form_data, parse_ics

pytestmark = pytest.mark.django_db


def registrations():
    return sorted(
        Registration.objects.values_list(
            "pk", "email", "status", "confirm_token_hash", "manage_token_hash", "place_since"
        )
    )


def link_in(message, name):
    pattern = {
        "confirm": r"https?://\S+/webinars/confirm/[\w-]+/",
        "manage": r"https?://\S+/webinars/me/[\w-]+/",
    }[name]
    match = re.search(pattern, message.body)
    assert match, message.body
    return match.group(0).split("testserver", 1)[-1].split("localhost", 1)[-1]


def register(client, event, **overrides):
    with_callbacks = overrides.pop("callbacks", None)
    url = event.url + "register/"
    if with_callbacks is None:
        return client.post(url, form_data(**overrides))
    with with_callbacks(execute=True):
        return client.post(url, form_data(**overrides))


def confirm_by_mail(client, message, callbacks):
    path = link_in(message, "confirm")
    with callbacks(execute=True):
        return client.post(path)


def test_the_event_page_links_to_a_form_on_its_own_url_and_stays_cacheable(client, webinar):
    page = client.get(webinar.url)
    html = page.content.decode()
    assert f'href="{webinar.url}register/"' in html
    # No form, no token, no cookie: the event page can be cached for everyone.
    assert "csrfmiddlewaretoken" not in html
    assert not page.cookies
    assert "Відвідування відстежується" in html  # "Attendance is tracked" in Ukrainian

    form = client.get(webinar.url + "register/")
    assert form.status_code == 200
    body = form.content.decode()
    assert "csrfmiddlewaretoken" in body
    assert 'lang="uk"' in body
    assert "Зареєструватися на вебінар" in body
    assert "no-store" in form["Cache-Control"]
    assert form["Referrer-Policy"] == "no-referrer"


def test_registering_sends_a_confirmation_link_and_nothing_counts_until_it_is_used(
    client, webinar, django_capture_on_commit_callbacks
):
    response = register(client, webinar, callbacks=django_capture_on_commit_callbacks)
    assert response.status_code == 302
    assert response["Location"].endswith("register/sent/")
    registration = Registration.objects.get()
    assert registration.status == RegistrationStatus.PENDING
    assert registration.email == "oksana@example.org"
    assert registration.language == "uk"
    # Only hashes of the tokens are stored.
    assert registration.confirm_token not in registration.confirm_token_hash
    assert len(registration.confirm_token_hash) == 64

    (message,) = mail.outbox
    assert message.to == ["oksana@example.org"]
    assert message.subject == f"Підтвердьте реєстрацію: {webinar.title}"
    assert message.attachments == []
    assert JOIN_URL not in message.body

    sent = client.get(response["Location"])
    assert "Перевірте пошту" in sent.content.decode()


def test_confirming_gives_a_place_and_an_invitation_in_the_participants_language(
    client, webinar, django_capture_on_commit_callbacks
):
    register(
        client, webinar, callbacks=django_capture_on_commit_callbacks, time_zone="Europe/Paris"
    )
    (request_mail,) = mail.outbox
    path = link_in(request_mail, "confirm")

    # Opening the link (as a mail scanner would) changes nothing; the button does.
    page = client.get(path)
    assert page.status_code == 200
    assert Registration.objects.get().status == RegistrationStatus.PENDING

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(path)
    assert response.status_code == 302
    registration = Registration.objects.get()
    assert registration.status == RegistrationStatus.CONFIRMED
    assert registration.place_since is not None

    message = mail.outbox[-1]
    assert message.subject == f"Ваше місце підтверджено: {webinar.title}"
    assert JOIN_URL in message.body
    # Both the event's zone and the participant's own.
    assert "Europe/Kyiv" in message.body and "Europe/Paris" in message.body
    (attachment,) = message.attachments
    assert attachment[2] == "text/calendar; method=REQUEST"
    calendar = parse_ics(attachment)
    assert str(calendar["method"]) == "REQUEST"
    (entry,) = calendar.walk("VEVENT")
    assert str(entry["organizer"]).startswith("mailto:")
    attendees = entry.get("attendee")
    assert not isinstance(attendees, list)  # the participant alone
    assert str(attendees) == "mailto:oksana@example.org"
    assert attendees.params["CN"] == "Оксана Петренко"
    assert entry["sequence"] == 0
    assert entry["dtstart"].dt == webinar.start
    assert str(entry["dtstart"].dt.tzinfo) == "Europe/Kyiv"
    assert [str(tz["tzid"]) for tz in calendar.walk("VTIMEZONE")] == ["Europe/Kyiv"]

    manage = client.get(response["Location"])
    assert "Дякуємо" in manage.content.decode()

    # The link works once.
    before = registrations()
    again = client.get(path)
    assert "Вашу адресу вже підтверджено" in again.content.decode()
    client.post(path)
    assert registrations() == before


def test_an_english_registration_gets_english_mail(
    client, make_webinar, django_capture_on_commit_callbacks
):
    event = make_webinar(code="en", title="Webinar: supporting grieving children", capacity=5)
    register(client, event, callbacks=django_capture_on_commit_callbacks, email="emma@example.org")
    confirm_by_mail(client, mail.outbox[0], django_capture_on_commit_callbacks)
    subjects = [message.subject for message in mail.outbox]
    assert subjects == [
        "Confirm your registration: Webinar: supporting grieving children",
        "Your place is confirmed: Webinar: supporting grieving children",
    ]
    assert Registration.objects.get().language == "en"


def test_a_full_webinar_puts_people_on_the_waiting_list_and_moves_the_first_up(
    client, webinar, registration_for, django_capture_on_commit_callbacks
):
    first = registration_for(webinar)
    second = registration_for(webinar)
    earlier = registration_for(
        webinar,
        status=RegistrationStatus.WAITING,
        confirmed_at=timezone.now() - datetime.timedelta(days=2),
    )
    later = registration_for(
        webinar,
        status=RegistrationStatus.WAITING,
        confirmed_at=timezone.now() - datetime.timedelta(days=1),
    )

    register(client, webinar, callbacks=django_capture_on_commit_callbacks, email="new@example.org")
    confirm_by_mail(client, mail.outbox[0], django_capture_on_commit_callbacks)
    newcomer = Registration.objects.get(email="new@example.org")
    assert newcomer.status == RegistrationStatus.WAITING
    assert mail.outbox[-1].subject == f"Ви в списку очікування: {webinar.title}"
    assert mail.outbox[-1].attachments == []
    assert JOIN_URL not in mail.outbox[-1].body

    mail.outbox.clear()
    manage = f"/uk/webinars/me/{first.manage_token}/"
    with django_capture_on_commit_callbacks(execute=True):
        response = Client().post(manage + "cancel/")
    assert response.status_code == 302
    first.refresh_from_db()
    earlier.refresh_from_db()
    later.refresh_from_db()
    assert first.status == RegistrationStatus.CANCELLED
    assert earlier.status == RegistrationStatus.CONFIRMED
    assert earlier.moved_up_at is not None
    assert later.status == RegistrationStatus.WAITING
    assert Registration.objects.get(pk=second.pk).status == RegistrationStatus.CONFIRMED

    by_address = {message.to[0]: message for message in mail.outbox}
    cancelled = by_address[first.email]
    assert cancelled.subject == f"Вашу реєстрацію скасовано: {webinar.title}"
    calendar = parse_ics(cancelled.attachments[0])
    assert str(calendar["method"]) == "CANCEL"
    assert str(calendar.walk("VEVENT")[0]["status"]) == "CANCELLED"
    moved = by_address[earlier.email]
    assert moved.subject == f"Для вас звільнилося місце: {webinar.title}"
    assert JOIN_URL in moved.body
    calendar = parse_ics(moved.attachments[0])
    assert str(calendar["method"]) == "REQUEST"
    assert str(calendar.walk("VEVENT")[0]["attendee"]) == f"mailto:{earlier.email}"
    assert set(by_address) == {first.email, earlier.email}


def test_registering_twice_changes_nothing_and_says_so(
    client, webinar, registration_for, django_capture_on_commit_callbacks
):
    existing = registration_for(webinar, email="oksana@example.org", language="uk")
    before = registrations()
    response = register(
        client, webinar, callbacks=django_capture_on_commit_callbacks, name="Someone Else"
    )
    assert response.status_code == 302
    assert registrations() == before
    assert Registration.objects.get(pk=existing.pk).name == existing.name
    (message,) = mail.outbox
    assert message.to == ["oksana@example.org"]
    assert message.subject == f"Ви вже зареєстровані: {webinar.title}"
    # The page a stranger sees is the one everybody sees.
    page = client.get(response["Location"]).content.decode()
    assert "нічого не змінилося" in page
    assert existing.name not in page


def test_a_pending_registration_asked_again_gets_the_same_link(
    client, webinar, django_capture_on_commit_callbacks
):
    register(client, webinar, callbacks=django_capture_on_commit_callbacks)
    before = registrations()
    register(client, webinar, callbacks=django_capture_on_commit_callbacks)
    assert registrations() == before
    first, second = mail.outbox
    assert link_in(first, "confirm") == link_in(second, "confirm")


def test_registration_closes_at_the_deadline_and_at_the_start(client, make_webinar):
    past_deadline = make_webinar(
        slug="deadline-passed", registration_deadline=timezone.now() - datetime.timedelta(hours=1)
    )
    started = make_webinar(
        slug="started", days=0, start=timezone.now() - datetime.timedelta(minutes=5)
    )
    for event in (past_deadline, started):
        page = client.get(event.url).content.decode()
        assert "Реєстрацію закрито" in page
        assert f'href="{event.url}register/"' not in page
        response = client.post(event.url + "register/", form_data())
        assert response.status_code == 403
        assert "Реєстрацію закрито" in response.content.decode()
    assert not Registration.objects.exists()
    assert mail.outbox == []


def test_bad_input_gives_clear_errors_in_the_visitors_language(client, webinar):
    response = client.post(
        webinar.url + "register/", form_data(email="not-an-address", consent="", name="A\nB")
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "Введіть коректну адресу електронної пошти" in html or "адрес" in html
    assert "без розривів" in html
    assert not Registration.objects.exists()


def test_the_honeypot_swallows_bots_silently(client, webinar, django_capture_on_commit_callbacks):
    response = register(
        client, webinar, callbacks=django_capture_on_commit_callbacks, website="http://spam.example"
    )
    assert response.status_code == 302
    assert not Registration.objects.exists()
    assert mail.outbox == []


def test_registrations_are_rate_limited_per_address(client, webinar, settings):
    settings.PORTAL_REGISTRATION_PER_IP_PER_HOUR = 3
    for n in range(3):
        assert (
            client.post(webinar.url + "register/", form_data(email=f"p{n}@example.org")).status_code
            == 302
        )
    response = client.post(webinar.url + "register/", form_data(email="p9@example.org"))
    assert response.status_code == 429
    assert not Registration.objects.filter(email="p9@example.org").exists()


def test_the_form_needs_its_csrf_token(webinar):
    client = Client(enforce_csrf_checks=True)
    response = client.post(webinar.url + "register/", form_data())
    assert response.status_code == 403
    assert not Registration.objects.exists()


def test_deleting_my_data_frees_my_place(
    client, webinar, registration_for, django_capture_on_commit_callbacks
):
    holder = registration_for(webinar)
    registration_for(webinar)
    waiting = registration_for(webinar, status=RegistrationStatus.WAITING)
    url = f"/uk/webinars/me/{holder.manage_token}/delete/"
    assert client.get(url).status_code == 200
    assert Registration.objects.filter(pk=holder.pk).exists()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url)
    assert response.status_code == 200
    assert not Registration.objects.filter(pk=holder.pk).exists()
    assert Registration.objects.get(pk=waiting.pk).status == RegistrationStatus.CONFIRMED
    # Nothing goes to the forgotten address; the one moved up is told.
    assert [message.to for message in mail.outbox] == [[waiting.email]]
    assert client.get(f"/uk/webinars/me/{holder.manage_token}/").status_code == 404


def test_a_wrong_token_is_a_clear_404(client):
    for url in (
        "/uk/webinars/me/nonsense/",
        "/uk/webinars/confirm/nonsense/",
        "/uk/webinars/me/x/join/",
    ):
        response = client.get(url)
        assert response.status_code == 404
        assert "Це посилання не працює" in response.content.decode()
