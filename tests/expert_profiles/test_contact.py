"""Visitors write to an expert through the profile's contact form; the expert's
address never leaves the server except towards the mail server."""

import datetime

import pytest
from django.core import mail
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from expert_profiles.models import ContactMessage, ExpertProfilePage
from tests.utils import json_ld

pytestmark = pytest.mark.django_db

PRIVATE = "olena.private"


def message(**overrides):
    data = {
        "name": "Ivan Teacher",
        "email": "ivan@school.example.org",
        "subject": "Training request",
        "message": "Could you give a training on trauma-informed care?",
        "website": "",
    }
    data.update(overrides)
    return data


def contact_url(page):
    return page.url + "contact/"


def test_the_profile_links_to_the_form_and_never_shows_the_address(client, expert_a):
    page = expert_a[1]
    profile = client.get(page.url)
    html = profile.content.decode()
    # The form is on a page of its own, so the profile holds no token and is cacheable.
    assert 'href="' + contact_url(page) + '"' in html
    assert 'name="csrfmiddlewaretoken"' not in html
    assert "csrftoken" not in profile.cookies
    assert PRIVATE not in html
    assert "email" not in json_ld(html)[0]
    form = client.get(contact_url(page))
    assert form.status_code == 200
    form_html = form.content.decode()
    assert 'action="' + contact_url(page) + '"' in form_html
    assert 'name="csrfmiddlewaretoken"' in form_html
    assert "private" in form["Cache-Control"]
    assert PRIVATE not in form_html
    directory = client.get(page.get_parent().url).content.decode()
    assert PRIVATE not in directory


def test_a_message_is_emailed_to_the_expert_and_not_stored(client, expert_a):
    page = expert_a[1]
    response = client.post(contact_url(page), message())
    assert response.status_code == 302
    assert response["Location"] == page.url + "contact/sent/"
    assert len(mail.outbox) == 1
    sent = mail.outbox[0]
    assert sent.to == ["olena.private@example.org"]
    assert sent.reply_to == ["ivan@school.example.org"]
    assert "Training request" in sent.subject
    assert "trauma-informed care" in sent.body
    assert ContactMessage.objects.count() == 0
    thanks = client.get(response["Location"])
    assert thanks.status_code == 200
    assert PRIVATE not in thanks.content.decode()


def test_csrf_is_required(expert_a):
    page = expert_a[1]
    client = Client(enforce_csrf_checks=True)
    response = client.post(contact_url(page), message())
    assert response.status_code == 403
    assert mail.outbox == []


@pytest.mark.parametrize(
    "bad",
    [
        {"subject": "Hello\r\nBcc: everyone@example.org"},
        {"subject": "Hello\nBcc: everyone@example.org"},
        {"name": "Ivan\r\nCc: x@example.org"},
        {"email": "ivan@example.org\r\nBcc: x@example.org"},
        {"email": "not-an-address"},
        {"message": "x" * 3001},
        {"message": ""},
    ],
)
def test_bad_input_is_refused_without_sending_or_leaking(client, expert_a, bad):
    page = expert_a[1]
    response = client.post(contact_url(page), message(**bad))
    assert response.status_code == 400
    assert mail.outbox == []
    html = response.content.decode()
    assert PRIVATE not in html
    assert response.context["contact_form"].errors


def test_the_message_length_limit_is_a_setting(client, expert_a, settings):
    settings.PORTAL_CONTACT_MAX_LENGTH = 50
    page = expert_a[1]
    assert client.post(contact_url(page), message(message="y" * 51)).status_code == 400
    assert client.post(contact_url(page), message(message="y" * 50)).status_code == 302
    assert len(mail.outbox) == 1


def test_the_honeypot_pretends_success_but_sends_nothing(client, expert_a):
    page = expert_a[1]
    response = client.post(contact_url(page), message(website="http://spam.example"))
    assert response.status_code == 302
    assert mail.outbox == []


def test_rate_limited_per_address(client, expert_a, settings):
    settings.PORTAL_CONTACT_PER_IP_PER_HOUR = 3
    page = expert_a[1]
    for _ in range(3):
        assert client.post(contact_url(page), message()).status_code == 302
    response = client.post(contact_url(page), message())
    assert response.status_code == 429
    assert PRIVATE not in response.content.decode()
    assert len(mail.outbox) == 3
    # Another visitor is not affected.
    other = Client(REMOTE_ADDR="198.51.100.7")
    assert other.post(contact_url(page), message()).status_code == 302
    assert len(mail.outbox) == 4


def test_rate_limited_per_expert(expert_a, expert_b, settings):
    settings.PORTAL_CONTACT_PER_EXPERT_PER_DAY = 2
    page_a, page_b = expert_a[1], expert_b[1]
    for i in range(2):
        visitor = Client(REMOTE_ADDR=f"203.0.113.{i}")
        assert visitor.post(contact_url(page_a), message()).status_code == 302
    visitor = Client(REMOTE_ADDR="203.0.113.99")
    assert visitor.post(contact_url(page_a), message()).status_code == 429
    assert visitor.post(contact_url(page_b), message()).status_code == 302
    assert [m.to for m in mail.outbox] == [
        ["olena.private@example.org"],
        ["olena.private@example.org"],
        ["bohdan.private@example.org"],
    ]


def test_experts_who_opt_out_get_no_form_and_no_messages(client, expert_a):
    page = expert_a[1]
    ExpertProfilePage.objects.filter(pk=page.pk).update(accepts_contact=False)
    page.refresh_from_db()
    html = client.get(page.url).content.decode()
    assert contact_url(page) not in html
    response = client.post(contact_url(page), message())
    assert response.status_code == 404
    assert mail.outbox == []
    assert PRIVATE not in response.content.decode()


def test_retention_setting_keeps_messages_until_they_are_purged(client, expert_a, settings):
    settings.PORTAL_CONTACT_RETENTION_DAYS = 30
    page = expert_a[1]
    client.post(contact_url(page), message())
    stored = ContactMessage.objects.get()
    assert stored.profile_id == page.pk
    assert stored.delete_after.date() == (timezone.now() + datetime.timedelta(days=30)).date()
    call_command("purge_contact_messages")
    assert ContactMessage.objects.count() == 1
    ContactMessage.objects.update(delete_after=timezone.now() - datetime.timedelta(seconds=1))
    call_command("purge_contact_messages")
    assert ContactMessage.objects.count() == 0


def test_the_message_reaches_the_expert_in_their_language(client, expert_a):
    page = expert_a[1]
    client.post(contact_url(page), message())
    # The footer link points at the Ukrainian profile.
    assert f"/uk/ukraine/experts/{page.slug}/" in mail.outbox[0].body


def test_the_contact_page_of_an_expert_who_opted_out_is_a_404(client, expert_a):
    page = expert_a[1]
    ExpertProfilePage.objects.filter(pk=page.pk).update(accepts_contact=False)
    response = client.get(contact_url(page))
    assert response.status_code == 404
    assert 'name="csrfmiddlewaretoken"' not in response.content.decode()
