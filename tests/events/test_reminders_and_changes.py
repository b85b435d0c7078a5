"""Reminders a day and an hour before, each sent exactly once (however often and in
however many workers the command or task runs) and never after a cancellation; and
the updated invitation or cancellation participants get when an editor changes the
time or cancels the event."""

import datetime
import io

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone
from django_tasks import task_backends

from events import participation
from events.models import EventSchedule, ParticipantNotice, RegistrationStatus
from events.models.participants import NoticeKind
from events.tasks import send_due_webinar_reminders, send_webinar_reminder
from home.factories import publish
from tests.events.conftest import JOIN_URL, parse_ics

pytestmark = pytest.mark.django_db

HOUR = datetime.timedelta(hours=1)


def run_command():
    out = io.StringIO()
    call_command("send_webinar_reminders", stdout=out)
    return out.getvalue()


@pytest.fixture
def soon(make_webinar):
    """A webinar starting in 20 hours: the day reminder is due, the hour one not yet."""
    start = timezone.now().replace(second=0, microsecond=0) + 20 * HOUR
    return make_webinar(start=start, end=start + 2 * HOUR, slug="soon")


def test_the_day_reminder_goes_out_once_in_the_participants_language(soon, registration_for):
    ukrainian = registration_for(soon, language="uk")
    english = registration_for(soon, language="en", time_zone="Europe/London")
    registration_for(soon, status=RegistrationStatus.WAITING)
    registration_for(soon, status=RegistrationStatus.PENDING)
    registration_for(soon, status=RegistrationStatus.CANCELLED)

    assert "2 reminder(s) sent." in run_command()
    by_address = {message.to[0]: message for message in mail.outbox}
    assert set(by_address) == {ukrainian.email, english.email}
    assert by_address[ukrainian.email].subject == f"Завтра: {soon.title}"
    assert by_address[english.email].subject == f"Tomorrow: {soon.title}"
    for message in by_address.values():
        assert JOIN_URL in message.body
        assert "/webinars/me/" in message.body
    assert "Europe/London" in by_address[english.email].body

    # A second run, and the task, find nothing left to send.
    assert "0 reminder(s) sent." in run_command()
    send_due_webinar_reminders.enqueue()
    assert len(mail.outbox) == 2
    assert ParticipantNotice.objects.filter(kind=NoticeKind.REMINDER_DAY).count() == 2


def test_a_reminder_claimed_by_another_worker_is_not_sent_again(soon, registration_for):
    """Two workers at once: the one whose notice row exists (committed by the other)
    sends nothing, because the unique constraint refuses its claim."""
    registration = registration_for(soon)
    ParticipantNotice.objects.create(
        registration=registration, kind=NoticeKind.REMINDER_DAY, key=soon.start.isoformat()
    )
    assert participation.send_reminder(registration.pk, NoticeKind.REMINDER_DAY) is False
    # Even when it was asked to, from a list computed before the other worker claimed it.
    assert participation.send_due_reminders() == 0
    assert mail.outbox == []


def test_a_failed_send_leaves_the_reminder_to_the_next_run(soon, registration_for, monkeypatch):
    registration = registration_for(soon)

    def broken(*args, **kwargs):
        raise ConnectionError("mail server down")

    monkeypatch.setattr("events.emails.send_reminder", broken)
    assert participation.send_due_reminders() == 0
    assert not ParticipantNotice.objects.filter(registration=registration).exists()
    monkeypatch.undo()
    assert participation.send_due_reminders() == 1
    assert len(mail.outbox) == 1


def test_the_hour_reminder_replaces_a_late_day_reminder(make_webinar, registration_for):
    start = timezone.now().replace(second=0, microsecond=0) + 40 * datetime.timedelta(minutes=1)
    event = make_webinar(start=start, end=start + HOUR, slug="in-40-minutes")
    registration_for(event)
    assert participation.send_due_reminders() == 1
    (message,) = mail.outbox
    assert message.subject == f"Початок за годину: {event.title}"
    assert participation.send_due_reminders() == 0


def test_someone_who_got_a_place_after_the_reminder_moment_gets_no_reminder(soon, registration_for):
    registration_for(soon, confirmed_at=timezone.now() - datetime.timedelta(minutes=5))
    assert participation.send_due_reminders() == 0
    assert mail.outbox == []


def test_no_reminder_after_a_cancellation(soon, registration_for):
    registration = registration_for(soon)
    participation.cancel(registration)
    cancelled_event = registration_for(soon)
    soon.cancelled = True
    soon.save()
    mail.outbox.clear()
    assert participation.send_due_reminders() == 0
    assert participation.send_reminder(registration.pk, NoticeKind.REMINDER_DAY) is False
    assert participation.send_reminder(cancelled_event.pk, NoticeKind.REMINDER_DAY) is False
    assert mail.outbox == []


def test_a_confirmed_place_queues_each_reminder_for_its_moment(
    make_webinar, registration_for, settings
):
    """With a backend that runs jobs later (the database backend in production), each
    reminder is queued for its moment; the job itself checks again when it runs."""
    # django-tasks resets its backends when the setting changes.
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    event = make_webinar(days=3)
    registration = registration_for(event)
    queued = participation.schedule_reminders(registration.pk)
    assert queued == [
        (NoticeKind.REMINDER_DAY, event.start - datetime.timedelta(hours=24)),
        (NoticeKind.REMINDER_HOUR, event.start - HOUR),
    ]
    results = [
        result
        for result in task_backends["default"].results
        if result.task.func is send_webinar_reminder.func
    ]
    assert [(r.task.run_after, list(r.args)) for r in results] == [
        (event.start - datetime.timedelta(hours=24), [registration.pk, "reminder_24h"]),
        (event.start - HOUR, [registration.pk, "reminder_1h"]),
    ]
    # Run now, three days early, the job finds nothing due and sends nothing.
    assert participation.send_reminder(registration.pk, "reminder_24h") is False
    assert mail.outbox == []


def test_a_new_time_sends_an_updated_invitation_with_a_higher_sequence(
    webinar, registration_for, django_capture_on_commit_callbacks
):
    publish(webinar)
    assert EventSchedule.objects.get(event_key=webinar.translation_key).sequence == 0
    holder = registration_for(webinar, language="uk")
    registration_for(webinar)  # the second and last place
    waiting = registration_for(webinar, language="en", status=RegistrationStatus.WAITING)

    webinar.start += 2 * HOUR
    webinar.end += 2 * HOUR
    with django_capture_on_commit_callbacks(execute=True):
        publish(webinar)
    assert EventSchedule.objects.get(event_key=webinar.translation_key).sequence == 1
    by_address = {message.to[0]: message for message in mail.outbox}
    update = by_address[holder.email]
    assert update.subject == f"Новий час: {webinar.title}"
    calendar = parse_ics(update.attachments[0])
    assert str(calendar["method"]) == "REQUEST"
    (entry,) = calendar.walk("VEVENT")
    assert entry["sequence"] == 1
    assert entry["dtstart"].dt == webinar.start
    assert str(entry["uid"]) == f"{webinar.translation_key}-uk@childhub"
    # Someone waiting hears of the new time, without an invitation.
    assert by_address[waiting.email].subject == f"New time: {webinar.title}"
    assert by_address[waiting.email].attachments == []

    # Publishing again without a change, or a rerun of the task, tells nobody twice.
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        publish(webinar)
    assert participation.notify_change(webinar.translation_key, NoticeKind.UPDATE, 1) == 0
    assert mail.outbox == []


def test_cancelling_the_event_sends_a_cancellation(
    webinar, registration_for, django_capture_on_commit_callbacks
):
    publish(webinar)
    holder = registration_for(webinar)
    pending = registration_for(webinar, status=RegistrationStatus.PENDING)
    webinar.cancelled = True
    with django_capture_on_commit_callbacks(execute=True):
        publish(webinar)
    (message,) = mail.outbox
    assert message.to == [holder.email]
    assert message.subject == f"Скасовано: {webinar.title}"
    calendar = parse_ics(message.attachments[0])
    assert str(calendar["method"]) == "CANCEL"
    (entry,) = calendar.walk("VEVENT")
    assert str(entry["status"]) == "CANCELLED"
    assert entry["sequence"] == 1
    assert pending.email not in [m.to[0] for m in mail.outbox]


def test_only_the_original_speaks_to_participants(
    webinar, registration_for, django_capture_on_commit_callbacks
):
    """A translation published with a stale time must not move everybody back."""
    from tests.utils import translate

    publish(webinar)
    english = translate(webinar, "en")
    registration_for(webinar)
    english.start -= 5 * HOUR
    english.end -= 5 * HOUR
    with django_capture_on_commit_callbacks(execute=True):
        publish(english)
    assert EventSchedule.objects.get(event_key=webinar.translation_key).sequence == 0
    assert mail.outbox == []


def test_more_places_move_people_up(webinar, registration_for, django_capture_on_commit_callbacks):
    publish(webinar)
    registration_for(webinar)
    registration_for(webinar)
    waiting = registration_for(webinar, status=RegistrationStatus.WAITING)
    webinar.capacity = 3
    with django_capture_on_commit_callbacks(execute=True):
        publish(webinar)
    waiting.refresh_from_db()
    assert waiting.status == RegistrationStatus.CONFIRMED
    (message,) = mail.outbox
    assert message.to == [waiting.email]
