"""Reminders sent exactly once by the real worker (`manage.py db_worker`, in batch mode,
here in-process on the database backend): the reminder queued for its moment, the
periodic safety net and the mail job all run, and a second worker run (a restart)
sends nothing more; the hour reminder waits for its own moment."""

import datetime
import io

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from events import participation
from events.models import ParticipantNotice
from events.models.participants import NoticeKind
from portal.periodic import schedule_all

pytestmark = pytest.mark.django_db

HOUR = datetime.timedelta(hours=1)


def run_worker(monkeypatch):
    # The worker checks its connection between jobs and closes one that is not in
    # autocommit mode, which is the test's transaction; everything else runs as is.
    monkeypatch.setattr(
        "django_tasks_db.management.commands.db_worker.close_old_connections", lambda: None
    )
    call_command(
        "db_worker", "--batch", "--queue-name", "*", "--no-startup-delay", stdout=io.StringIO()
    )


def test_the_day_reminder_goes_out_once_through_the_worker_even_after_a_restart(
    make_webinar, registration_for, settings, monkeypatch
):
    start = timezone.now().replace(second=0, microsecond=0) + 20 * HOUR
    event = make_webinar(start=start, end=start + 2 * HOUR, slug="worker-soon")
    registration = registration_for(event, language="uk")
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    participation.schedule_reminders(registration.pk)
    schedule_all()
    mail.outbox.clear()

    run_worker(monkeypatch)
    assert [message.subject for message in mail.outbox] == [f"Завтра: {event.title}"]
    assert mail.outbox[0].to == [registration.email]
    run_worker(monkeypatch)  # the worker restarts and finds the queue again
    assert len(mail.outbox) == 1
    assert ParticipantNotice.objects.filter(kind=NoticeKind.REMINDER_DAY).count() == 1
    assert not ParticipantNotice.objects.filter(kind=NoticeKind.REMINDER_HOUR).exists()
    # The hour reminder is still queued for its moment; nothing failed.
    hour_job = DBTaskResult.objects.get(
        task_path="events.tasks.send_webinar_reminder", status=TaskResultStatus.READY
    )
    assert hour_job.run_after == start - HOUR
    assert not DBTaskResult.objects.filter(status=TaskResultStatus.FAILED).exists()


def test_a_cancelled_place_gets_no_reminder_from_the_worker(
    make_webinar, registration_for, settings, monkeypatch
):
    start = timezone.now().replace(second=0, microsecond=0) + 20 * HOUR
    event = make_webinar(start=start, end=start + 2 * HOUR, slug="worker-cancelled")
    registration = registration_for(event, language="en")
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    participation.schedule_reminders(registration.pk)
    participation.cancel(registration)
    mail.outbox.clear()
    run_worker(monkeypatch)
    assert not [m for m in mail.outbox if event.title in m.subject and "Tomorrow" in m.subject]
    assert not ParticipantNotice.objects.filter(kind=NoticeKind.REMINDER_DAY).exists()
