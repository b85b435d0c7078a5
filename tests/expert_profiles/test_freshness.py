"""Freshness: stale-profile reminders at most once per period, in the expert's
language, and the directory's freshness filter and sort."""

import datetime
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from expert_profiles.models import ExpertProfilePage

pytestmark = pytest.mark.django_db


def age(page, days):
    ExpertProfilePage.objects.filter(translation_key=page.translation_key).update(
        last_confirmed=timezone.localdate() - datetime.timedelta(days=days)
    )


def remind(*args):
    out = StringIO()
    call_command("remind_stale_experts", *args, stdout=out)
    return out.getvalue()


def test_dry_run_lists_and_changes_nothing(expert_a, expert_b):
    age(expert_a[1], 400)
    output = remind("--dry-run")
    assert "expert.a@example.org" in output
    assert "expert.b@example.org" not in output
    assert mail.outbox == []
    assert ExpertProfilePage.objects.get(pk=expert_a[1].pk).reminder_sent_at is None


def test_stale_experts_are_reminded_once_per_period(expert_a, expert_b):
    age(expert_a[1], 400)
    remind()
    assert [m.to for m in mail.outbox] == [["expert.a@example.org"]]
    assert "/uk/experts/me/" in mail.outbox[0].body
    page = ExpertProfilePage.objects.get(pk=expert_a[1].pk)
    assert page.reminder_sent_at is not None
    remind()
    assert len(mail.outbox) == 1
    # A year later, still unconfirmed: one more reminder.
    ExpertProfilePage.objects.filter(pk=page.pk).update(
        reminder_sent_at=timezone.now() - datetime.timedelta(days=366)
    )
    remind()
    assert len(mail.outbox) == 2


def test_days_is_configurable(expert_a, expert_b, settings):
    age(expert_a[1], 40)
    remind()
    assert mail.outbox == []
    remind("--days", "30")
    assert len(mail.outbox) == 1
    settings.PORTAL_EXPERT_STALE_DAYS = 10
    age(expert_b[1], 20)
    call_command("remind_stale_experts", stdout=StringIO())
    assert [m.to for m in mail.outbox][-1] == ["expert.b@example.org"]


def test_confirming_stops_the_reminders(client, expert_a):
    user, page = expert_a
    age(page, 400)
    client.force_login(user)
    client.post("/uk/experts/me/confirm/")
    remind()
    assert mail.outbox == []


def test_directory_filters_and_sorts_by_freshness(client, expert_a, expert_b):
    age(expert_a[1], 3)
    age(expert_b[1], 400)
    html = client.get("/uk/ukraine/experts/?fresh=1").content.decode()
    assert "Олена Авраменко" in html
    assert "Богдан Бойко" not in html
    # By name by default; most recently confirmed first on request.
    html = client.get("/uk/ukraine/experts/").content.decode()
    assert html.index("Богдан Бойко") < html.index("Олена Авраменко")
    html = client.get("/uk/experts/?sort=recent").content.decode()
    assert html.index("Олена Авраменко") < html.index("Богдан Бойко")
    assert "badge-soon" in client.get(expert_b[1].url).content.decode()
    assert "badge-soon" not in client.get(expert_a[1].url).content.decode()


def test_staff_verification_shows_on_the_profile(client, expert_a):
    page = expert_a[1]
    assert "badge-verified" not in client.get(page.url).content.decode()
    ExpertProfilePage.objects.filter(pk=page.pk).update(verified=True)
    assert "badge-verified" in client.get(page.url).content.decode()


def test_new_fields_follow_the_translation_policy():
    from wagtail_localize.fields import SynchronizedField, get_translatable_fields

    from home.models import CountryPage

    profile_fields = {f.field_name: type(f) for f in get_translatable_fields(ExpertProfilePage)}
    assert profile_fields["verified"] is SynchronizedField
    assert profile_fields["accepts_contact"] is SynchronizedField
    assert "reminder_sent_at" not in profile_fields
    country_fields = {f.field_name: type(f) for f in get_translatable_fields(CountryPage)}
    assert country_fields["experts_self_publish"] is SynchronizedField


def test_the_self_service_page_query_count_does_not_grow_with_areas(client, expert_a):
    from expert_profiles.factories import ExpertiseAreaFactory
    from tests.utils import count_queries

    user, page = expert_a
    client.force_login(user)
    client.get("/uk/experts/me/")
    few = count_queries(lambda: client.get("/uk/experts/me/"))
    for _ in range(15):
        ExpertiseAreaFactory(locale=page.locale)
    many = count_queries(lambda: client.get("/uk/experts/me/"))
    print(f"/uk/experts/me/: {few} queries")
    assert many == few
