"""E-mails to webinar participants, each rendered in the participant's language
(the language they registered in), with their personal calendar invitation or
certificate attached. Every e-mail carries their personal link, from which they can
join, cancel or have their data deleted, without an account.

Messages go out through Django's mail API, so once the mail backend queues mail for
the worker (portal.mail on the tasks branch) these leave the request too; the
attachments are plain (filename, bytes, mimetype) tuples that such a queue stores."""

from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from accounts.emails import site_root_url
from events.ical import build_invitation
from events.models import Certificate, Registration
from events.models.participants import NoticeKind

TEMPLATE_DIR = "events/email"


def participant_urls(registration, page=None):
    root = site_root_url(page)
    token = registration.manage_token
    with translation.override(registration.language):
        return {
            "manage_url": root + reverse("events:manage", args=[token]),
            "join_link": root + reverse("events:join", args=[token]),
            "calendar_url": root + reverse("events:invitation", args=[token]),
            "confirm_url": root + reverse("events:confirm", args=[registration.confirm_token]),
        }


def participant_context(registration, event, **extra):
    participant_zone = ""
    if registration.time_zone and registration.time_zone != event.time_zone:
        participant_zone = registration.time_zone
    context = {
        "registration": registration,
        "event": event,
        "title": event.title,
        "event_url": event.get_full_url(),
        "participant_zone": participant_zone,
        "participant_start": event.start.astimezone(ZoneInfo(participant_zone))
        if participant_zone
        else None,
        "join_url": event.join_url if registration.has_place else "",
        "early_minutes": settings.PORTAL_WEBINAR_JOIN_EARLY_MINUTES,
        **participant_urls(registration, event),
    }
    context.update(extra)
    return context


def render_message(template, context, language, attachments=(), to=None):
    with translation.override(language):
        subject = render_to_string(f"{TEMPLATE_DIR}/{template}_subject.txt", context)
        body = render_to_string(f"{TEMPLATE_DIR}/{template}_body.txt", context)
    return EmailMessage(
        subject=" ".join(subject.split()), body=body, to=to, attachments=list(attachments)
    )


def invitation_file(registration, event, method, sequence):
    """The participant's own .ics: REQUEST to add or update, CANCEL to remove."""
    context = participant_context(registration, event)
    with translation.override(registration.language):
        description = render_to_string(f"{TEMPLATE_DIR}/invitation_description.txt", context)
    content = build_invitation(
        event,
        registration,
        method=method,
        sequence=sequence,
        description=description.strip(),
        url=context["event_url"],
    )
    filename = "cancellation.ics" if method == "CANCEL" else "invitation.ics"
    return (filename, content, f"text/calendar; method={method}")


def _current_sequence(registration):
    from events.models import EventSchedule

    schedule = EventSchedule.objects.filter(event_key=registration.event_key).first()
    return schedule.sequence if schedule else 0


def _send(registration, template, event=None, attachments=(), **extra):
    event = event or registration.event()
    if event is None:
        return None
    context = participant_context(registration, event, **extra)
    message = render_message(
        template, context, registration.language, attachments, to=[registration.email]
    )
    message.send()
    return message


def _registration(registration_id):
    return Registration.objects.filter(pk=registration_id).first()


def send_confirm_address(registration_id):
    registration = _registration(registration_id)
    return registration and _send(registration, "confirm_address")


def send_already_registered(registration_id):
    registration = _registration(registration_id)
    return registration and _send(registration, "already_registered")


def _with_invitation(registration_id, template):
    registration = _registration(registration_id)
    if registration is None:
        return None
    event = registration.event()
    if event is None:
        return None
    invitation = invitation_file(registration, event, "REQUEST", _current_sequence(registration))
    return _send(registration, template, event, [invitation])


def send_place_confirmed(registration_id):
    return _with_invitation(registration_id, "place_confirmed")


def send_moved_up(registration_id):
    return _with_invitation(registration_id, "moved_up")


def send_waiting_list(registration_id):
    registration = _registration(registration_id)
    return registration and _send(registration, "waiting_list")


def send_registration_cancelled(registration_id, had_place):
    registration = _registration(registration_id)
    if registration is None:
        return None
    event = registration.event()
    if event is None:
        return None
    attachments = []
    if had_place:
        sequence = _current_sequence(registration)
        attachments.append(invitation_file(registration, event, "CANCEL", sequence))
    return _send(registration, "registration_cancelled", event, attachments, had_place=had_place)


def send_reminder(registration, event, kind):
    return _send(
        registration,
        "reminder",
        event,
        hour=kind == NoticeKind.REMINDER_HOUR,
        day=kind == NoticeKind.REMINDER_DAY,
    )


def send_event_updated(registration, sequence):
    event = registration.event()
    if event is None:
        return None
    attachments = []
    if registration.has_place:
        attachments.append(invitation_file(registration, event, "REQUEST", sequence))
    return _send(registration, "event_updated", event, attachments)


def send_event_cancelled(registration, sequence):
    event = registration.event()
    if event is None:
        return None
    attachments = []
    if registration.has_place:
        attachments.append(invitation_file(registration, event, "CANCEL", sequence))
    return _send(registration, "event_cancelled", event, attachments)


def send_certificate(certificate_id):
    from events.certificates import certificate_pdf, verification_url

    certificate = (
        Certificate.objects.select_related("registration").filter(pk=certificate_id).first()
    )
    if certificate is None or certificate.registration is None:
        return None
    registration = certificate.registration
    event = registration.event()
    if event is None:
        return None
    pdf = certificate_pdf(certificate, certificate.language)
    attachment = (f"certificate-{certificate.code}.pdf", pdf, "application/pdf")
    return _send(
        registration,
        "certificate",
        event,
        [attachment],
        certificate=certificate,
        verify_url=verification_url(certificate, certificate.language),
    )
