"""Background work for webinars on Django's task framework (django-tasks). Every task
is idempotent: running one twice, or in two workers at once, sends nothing twice
(see events.participation), so a job that fails on a mail server's hiccup is simply
retried (portal.tasks.retrying_task). The two periodic jobs queue their own next run
(portal.periodic), so a deployment with a worker needs no cron."""

import datetime

from events import participation
from portal.periodic import periodic_task
from portal.tasks import retrying_task


@retrying_task()
def send_webinar_reminder(registration_id, kind):
    """One participant's reminder, queued for its moment where the backend defers."""
    return participation.send_reminder(registration_id, kind)


@periodic_task(every=datetime.timedelta(minutes=5))
def send_due_webinar_reminders():
    """Every reminder that is due: the periodic safety net (and what
    ``manage.py send_webinar_reminders`` runs)."""
    return participation.send_due_reminders()


@retrying_task()
def notify_participants(event_key, kind, sequence):
    """An updated invitation or a cancellation to every participant of an event."""
    return participation.notify_change(event_key, kind, sequence)


@retrying_task()
def email_certificate(certificate_id):
    from events import emails

    message = emails.send_certificate(certificate_id)
    return message is not None


@periodic_task(every=datetime.timedelta(days=1))
def purge_webinar_participants():
    """Participants' data past its retention (what ``manage.py
    purge_webinar_participants`` runs)."""
    return participation.purge_expired()
