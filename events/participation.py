"""What happens to a registration, in one place: register, confirm the address,
get a place or wait, move up, cancel, forget; attendance and certificates; and what
participants are told when the event changes.

Every transition that counts places locks the event's rows first
(``_lock_event``), so two confirmations racing for the last place cannot both get
it. E-mails are sent after the transaction commits (``transaction.on_commit``); a
fan-out to every participant runs as a background task."""

import datetime
import logging

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from events import emails
from events.models import (
    Certificate,
    EventPage,
    EventSchedule,
    ParticipantNotice,
    Registration,
    RegistrationStatus,
)
from events.models.participants import NoticeKind

logger = logging.getLogger("events.participation")

REMINDERS = {
    NoticeKind.REMINDER_DAY: datetime.timedelta(hours=24),
    NoticeKind.REMINDER_HOUR: datetime.timedelta(hours=1),
}


class Outcome:
    """What a visitor's action did, for the page that answers it."""

    REGISTERED = "registered"
    ALREADY = "already"
    CONFIRMED = "confirmed"
    WAITING = "waiting"
    CLOSED = "closed"
    CANCELLED = "cancelled"
    DELETED = "deleted"


def _lock_event(event_key):
    """Lock every language version of the event (in pk order, so two transactions
    never wait on each other crosswise) and return the original's settings."""
    pages = list(
        EventPage.objects.select_for_update()
        .filter(translation_key=event_key)
        .order_by("pk")
        .only("pk", "capacity", "cancelled", "start", "end", "registration_enabled")
    )
    return pages[0] if pages else None


def _after_commit(func, *args):
    transaction.on_commit(lambda: func(*args))


def schedule_for(event):
    schedule, _created = EventSchedule.objects.get_or_create(
        event_key=event.translation_key,
        defaults={"start": event.start, "end": event.end, "cancelled": event.cancelled},
    )
    return schedule


# Registration --------------------------------------------------------------------------
def register(page, data, language):
    """A visitor's registration. A second one with the same address changes nothing:
    the address is told where it stands (the page says only that a message went out)."""
    email = data["email"].strip().lower()
    with transaction.atomic():
        _lock_event(page.translation_key)
        existing = (
            Registration.objects.select_for_update()
            .filter(event_key=page.translation_key, email=email)
            .first()
        )
        if existing is not None and existing.status != RegistrationStatus.CANCELLED:
            _after_commit(_send_again, existing.pk)
            return existing, Outcome.ALREADY
        registration = existing or Registration(event_key=page.translation_key, email=email)
        registration.page = page
        registration.language = language
        registration.name = data["name"].strip()
        registration.organisation = data.get("organisation", "").strip()
        registration.profession = data["profession"]
        registration.country = data.get("country", "")
        registration.time_zone = data.get("time_zone", "")
        registration.consent_text = data["consent_text"]
        registration.status = RegistrationStatus.PENDING
        registration.created_at = timezone.now()
        for field in ("confirmed_at", "place_since", "waiting_since", "moved_up_at"):
            setattr(registration, field, None)
        registration.cancelled_at = None
        registration.new_tokens()
        registration.save()
        _after_commit(emails.send_confirm_address, registration.pk)
    return registration, Outcome.REGISTERED


def _send_again(registration_id):
    registration = Registration.objects.filter(pk=registration_id).first()
    if registration is None:
        return
    if registration.status == RegistrationStatus.PENDING:
        emails.send_confirm_address(registration.pk)
    else:
        emails.send_already_registered(registration.pk)


def confirm(registration):
    """The single-use link in the first e-mail. Only a confirmed address counts: it
    gets a place, or a place on the waiting list when the event is full."""
    with transaction.atomic():
        event = _lock_event(registration.event_key)
        registration = Registration.objects.select_for_update().get(pk=registration.pk)
        if registration.status != RegistrationStatus.PENDING:
            return registration, Outcome.ALREADY
        if event is None or event.cancelled or event.start <= timezone.now():
            return registration, Outcome.CLOSED
        now = timezone.now()
        registration.confirmed_at = now
        if _has_free_place(event):
            registration.status = RegistrationStatus.CONFIRMED
            registration.place_since = now
            outcome = Outcome.CONFIRMED
        else:
            registration.status = RegistrationStatus.WAITING
            registration.waiting_since = now
            outcome = Outcome.WAITING
        registration.save()
        schedule_for(event)
        if outcome == Outcome.CONFIRMED:
            _after_commit(emails.send_place_confirmed, registration.pk)
            _after_commit(schedule_reminders, registration.pk)
        else:
            _after_commit(emails.send_waiting_list, registration.pk)
    return registration, outcome


def _has_free_place(event):
    if event.capacity is None:
        return True
    taken = Registration.objects.filter(
        event_key=event.translation_key, status=RegistrationStatus.CONFIRMED
    ).count()
    return taken < event.capacity


def promote_waiting(event_key):
    """Give free places to the people waiting longest, and tell them. Only before
    the event starts, and never for a cancelled event. Call inside a transaction
    that holds the event lock."""
    event = EventPage.objects.filter(translation_key=event_key).order_by("pk").first()
    if event is None or event.cancelled or event.start <= timezone.now():
        return []
    moved = []
    waiting = Registration.objects.select_for_update().filter(
        event_key=event_key, status=RegistrationStatus.WAITING
    )
    for registration in waiting.order_by("waiting_since", "pk"):
        if not _has_free_place(event):
            break
        now = timezone.now()
        registration.status = RegistrationStatus.CONFIRMED
        registration.place_since = now
        registration.moved_up_at = now
        registration.save(update_fields=["status", "place_since", "moved_up_at"])
        moved.append(registration.pk)
        _after_commit(emails.send_moved_up, registration.pk)
        _after_commit(schedule_reminders, registration.pk)
    return moved


def cancel(registration, notify=True):
    """The participant's cancellation, from the link in any of their e-mails. A
    freed place goes to the first person waiting."""
    with transaction.atomic():
        _lock_event(registration.event_key)
        registration = Registration.objects.select_for_update().get(pk=registration.pk)
        if registration.status == RegistrationStatus.CANCELLED:
            return registration, Outcome.ALREADY
        had_place = registration.status == RegistrationStatus.CONFIRMED
        was_active = registration.status != RegistrationStatus.PENDING
        registration.status = RegistrationStatus.CANCELLED
        registration.cancelled_at = timezone.now()
        registration.save(update_fields=["status", "cancelled_at"])
        if was_active and notify:
            _after_commit(emails.send_registration_cancelled, registration.pk, had_place)
        if had_place:
            promote_waiting(registration.event_key)
    return registration, Outcome.CANCELLED


def forget(registration):
    """Delete a participant's data at their request. A place they held is freed
    first. An attendance certificate already issued stays verifiable (it holds the
    name and the webinar only)."""
    if registration.status != RegistrationStatus.CANCELLED:
        # No e-mail: the page confirms it, and the address is about to be forgotten.
        cancel(registration, notify=False)
    with transaction.atomic():
        Registration.objects.filter(pk=registration.pk).delete()
    return Outcome.DELETED


# Reminders -----------------------------------------------------------------------------
def reminder_due(kind, start, place_since, now):
    """A reminder is due from its moment until the next one takes over (the day
    reminder stops an hour before the start), and only for someone who had their
    place before that moment: a newer participant has just had the invitation."""
    moment = start - REMINDERS[kind]
    if not (moment <= now < start):
        return False
    if kind == NoticeKind.REMINDER_DAY and now >= start - REMINDERS[NoticeKind.REMINDER_HOUR]:
        return False
    return place_since is not None and place_since <= moment


def send_reminder(registration_id, kind, now=None):
    """Send one reminder if it is due and was not sent yet. Returns True when sent.

    Idempotent and safe to run in several workers at once: the registration row is
    locked (a cancellation waits, or is seen), and the notice row's unique
    constraint lets only one transaction claim the reminder; the message is sent
    (or queued) inside that transaction, so a crash before the commit leaves the
    reminder unclaimed, to be sent by the next run."""
    now = now or timezone.now()
    with transaction.atomic():
        registration = Registration.objects.select_for_update().filter(pk=registration_id).first()
        if registration is None or registration.status != RegistrationStatus.CONFIRMED:
            return False
        event = registration.event()
        if event is None or event.cancelled or not event.is_webinar:
            return False
        if not reminder_due(kind, event.start, registration.place_since, now):
            return False
        try:
            with transaction.atomic():
                ParticipantNotice.objects.create(
                    registration=registration, kind=kind, key=event.start.isoformat()
                )
        except IntegrityError:
            return False
        emails.send_reminder(registration, event, kind)
    return True


def due_reminders(now=None):
    """(registration id, kind) of every reminder due now and not yet sent."""
    now = now or timezone.now()
    events = (
        EventPage.objects.live()
        .filter(
            registration_enabled=True,
            cancelled=False,
            start__gt=now,
            start__lte=now + REMINDERS[NoticeKind.REMINDER_DAY],
        )
        .values_list("translation_key", "start")
        .distinct()
    )
    starts = dict(events)
    due = []
    registrations = Registration.objects.filter(
        event_key__in=starts, status=RegistrationStatus.CONFIRMED
    ).prefetch_related("notices")
    for registration in registrations:
        start = starts[registration.event_key]
        sent = {(n.kind, n.key) for n in registration.notices.all()}
        for kind in REMINDERS:
            if (kind, start.isoformat()) in sent:
                continue
            if reminder_due(kind, start, registration.place_since, now):
                due.append((registration.pk, kind))
    return due


def send_due_reminders(now=None):
    """Send every reminder that is due. Returns how many went out."""
    sent = 0
    for registration_id, kind in due_reminders(now):
        try:
            if send_reminder(registration_id, kind, now):
                sent += 1
        except Exception:
            # One failing address must not stop the others; the next run retries it.
            logger.exception("Reminder %s for registration %s failed", kind, registration_id)
    return sent


def schedule_reminders(registration_id):
    """Where the task backend can run a job later (the database backend), queue each
    reminder for its moment. The periodic ``send_webinar_reminders`` run is the
    safety net either way, and sending is idempotent, so a reminder queued twice
    still goes out once."""
    from events.tasks import send_webinar_reminder

    backend = send_webinar_reminder.get_backend()
    if not backend.supports_defer:
        return []
    registration = Registration.objects.filter(pk=registration_id).first()
    event = registration.event() if registration else None
    if event is None:
        return []
    queued = []
    for kind, before in REMINDERS.items():
        moment = event.start - before
        if moment > timezone.now():
            send_webinar_reminder.using(run_after=moment).enqueue(registration_id, kind)
            queued.append((kind, moment))
    return queued


# Changes to the event ------------------------------------------------------------------
def is_original(page):
    """True for the version of an event that its translations are made from (or an
    event with no translations): only its publication speaks to participants, so a
    translation published before it was synced cannot send the old time again."""
    from wagtail_localize.models import Translation

    return not Translation.objects.filter(
        source__object_id=page.translation_key, target_locale_id=page.locale_id
    ).exists()


def sync_schedule(page):
    """Called when an event is published. A new time sends every participant an
    updated invitation (same UID, higher SEQUENCE); a cancellation sends them
    METHOD:CANCEL. More places move people up from the waiting list."""
    if not page.registration_enabled or not is_original(page):
        return None
    change = None
    with transaction.atomic():
        _lock_event(page.translation_key)
        schedule, created = EventSchedule.objects.select_for_update().get_or_create(
            event_key=page.translation_key,
            defaults={"start": page.start, "end": page.end, "cancelled": page.cancelled},
        )
        if not created:
            if page.cancelled and not schedule.cancelled:
                change = NoticeKind.CANCELLATION
            elif not page.cancelled and (
                schedule.cancelled or schedule.start != page.start or schedule.end != page.end
            ):
                change = NoticeKind.UPDATE
        if change:
            schedule.sequence += 1
            schedule.start, schedule.end, schedule.cancelled = page.start, page.end, page.cancelled
            schedule.save()
            _after_commit(_enqueue_notify, str(page.translation_key), change, schedule.sequence)
        if not page.cancelled:
            promote_waiting(page.translation_key)
    return change


def _enqueue_notify(event_key, kind, sequence):
    from events.tasks import notify_participants

    notify_participants.enqueue(event_key, kind, sequence)


def notify_change(event_key, kind, sequence):
    """Tell every participant (with a place or waiting) about a new time or a
    cancellation, once each (a notice row per participant and sequence)."""
    sent = 0
    ids = list(
        Registration.objects.filter(
            event_key=event_key,
            status__in=[RegistrationStatus.CONFIRMED, RegistrationStatus.WAITING],
        ).values_list("pk", flat=True)
    )
    for registration_id in ids:
        with transaction.atomic():
            registration = (
                Registration.objects.select_for_update().filter(pk=registration_id).first()
            )
            if registration is None or not registration.is_active:
                continue
            try:
                with transaction.atomic():
                    ParticipantNotice.objects.create(
                        registration=registration, kind=kind, key=str(sequence)
                    )
            except IntegrityError:
                continue
            if kind == NoticeKind.CANCELLATION:
                emails.send_event_cancelled(registration, sequence)
            else:
                emails.send_event_updated(registration, sequence)
                if registration.has_place:
                    _after_commit(schedule_reminders, registration.pk)
            sent += 1
    return sent


# Attendance and certificates -----------------------------------------------------------
def qualifies_for_certificate(registration, event):
    if not registration.attended:
        return False
    if registration.minutes_attended is None:
        # Marked by hand, or a report without durations: the moderator's word counts.
        return True
    needed = event.duration_minutes * event.certificate_threshold / 100
    return registration.minutes_attended >= needed


def issue_certificate(registration):
    """Issue (once) and e-mail the certificate of a qualifying participant. Returns
    the certificate, or None when they do not qualify (yet)."""
    with transaction.atomic():
        registration = Registration.objects.select_for_update().get(pk=registration.pk)
        existing = Certificate.objects.filter(registration=registration).first()
        if existing is not None:
            return existing
        event = registration.event()
        if event is None or not event.is_past or not qualifies_for_certificate(registration, event):
            return None
        certificate = Certificate.objects.create(
            registration=registration,
            event_key=registration.event_key,
            name=registration.name,
            event_title=event.title,
            start=event.start,
            time_zone=event.time_zone,
            duration_minutes=event.duration_minutes,
            organiser=event.organiser,
            language=registration.language,
        )
        _after_commit(_enqueue_certificate_mail, certificate.pk)
    return certificate


def _enqueue_certificate_mail(certificate_id):
    from events.tasks import email_certificate

    email_certificate.enqueue(certificate_id)


def record_attendance(registration, attended, minutes=None):
    """Mark one participant's attendance (by hand or from a report) and issue their
    certificate when they qualify."""
    registration.attended = attended
    registration.minutes_attended = minutes if attended else None
    registration.save(update_fields=["attended", "minutes_attended"])
    if attended:
        return issue_certificate(registration)
    return None


# Retention -----------------------------------------------------------------------------
def purge_expired(now=None):
    """Delete the participants of events that ended more than
    PORTAL_WEBINAR_RETENTION_DAYS ago. Certificates stay (name and webinar only).
    Returns the number of registrations deleted."""
    now = now or timezone.now()
    cutoff = now - datetime.timedelta(days=settings.PORTAL_WEBINAR_RETENTION_DAYS)
    ended = EventPage.objects.filter(end__lt=cutoff).values("translation_key")
    still_running = EventPage.objects.filter(end__gte=cutoff).values("translation_key")
    orphaned = Registration.objects.exclude(
        event_key__in=EventPage.objects.values("translation_key")
    ).filter(created_at__lt=cutoff)
    expired = Registration.objects.filter(event_key__in=ended).exclude(event_key__in=still_running)
    count = 0
    for queryset in (expired, orphaned):
        count += queryset.count()
        queryset.delete()
    return count
