"""Background work for webinars on Django's task framework (django-tasks). Every task
is idempotent: running one twice, or in two workers at once, sends nothing twice
(see events.participation)."""

from django_tasks import task

from events import participation


@task()
def send_webinar_reminder(registration_id, kind):
    """One participant's reminder, queued for its moment where the backend defers."""
    return participation.send_reminder(registration_id, kind)


@task()
def send_due_webinar_reminders():
    """Every reminder that is due: the periodic safety net (and what
    ``manage.py send_webinar_reminders`` runs)."""
    return participation.send_due_reminders()


@task()
def notify_participants(event_key, kind, sequence):
    """An updated invitation or a cancellation to every participant of an event."""
    return participation.notify_change(event_key, kind, sequence)


@task()
def email_certificate(certificate_id):
    from events import emails

    message = emails.send_certificate(certificate_id)
    return message is not None


@task()
def purge_webinar_participants():
    return participation.purge_expired()
