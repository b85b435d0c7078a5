"""iCalendar (RFC 5545) for one event or an event listing, and the personal
invitations (RFC 5546, iTIP) that participants of a webinar receive. Times carry
their event's own zone (TZID) with a VTIMEZONE for each zone used, so a calendar
shows a Kyiv webinar at the right hour wherever its reader is.

Public calendars never carry the joining link: it is for participants only."""

from email.utils import parseaddr

from django.conf import settings
from django.utils import timezone
from icalendar import Calendar, vCalAddress, vText
from icalendar import Event as CalendarEvent

PRODUCT_ID = "-//ChildHub//Child Protection Hub//EN"


def event_uid(event):
    # Stable across edits and distinct per language version of the same event.
    return f"{event.translation_key}-{event.locale.language_code}@childhub"


def invitation_uid(event_key, language):
    # One invitation per participant's language: updates and cancellations reuse it.
    return f"{event_key}-{language}@childhub"


def public_location(event):
    location = ", ".join(part for part in (event.venue, event.city) if part)
    return location


def build_calendar(events, request, name):
    calendar = Calendar()
    calendar.add("prodid", PRODUCT_ID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", name)
    stamp = timezone.now()
    for event in events:
        url = event.get_full_url(request)
        entry = CalendarEvent()
        entry.add("uid", event_uid(event))
        entry.add("dtstamp", stamp)
        entry.add("dtstart", event.local_start)
        entry.add("dtend", event.local_end)
        entry.add("summary", event.title)
        entry.add("description", f"{event.summary}\n\n{url}")
        entry.add("url", url)
        location = public_location(event) or (url if event.event_format != "in_person" else "")
        if location:
            entry.add("location", location)
        if event.cancelled:
            entry.add("status", "CANCELLED")
        if event.organiser:
            entry.add("organizer", "invalid:nomail", parameters={"cn": event.organiser})
        if event.last_published_at:
            entry.add("last-modified", event.last_published_at)
        calendar.add_component(entry)
    calendar.add_missing_timezones()
    return calendar.to_ical()


def organiser_address():
    _name, address = parseaddr(settings.DEFAULT_FROM_EMAIL)
    return address or "no-reply@childhub.example.org"


def build_invitation(event, registration, *, method, sequence, description, url):
    """One participant's invitation: METHOD:REQUEST (or CANCEL), the portal as
    ORGANIZER and the participant as the only ATTENDEE, so no file names another
    person. `description` is the text in the participant's language (with both
    their time zone and the event's); the times themselves are in the event's zone."""
    calendar = Calendar()
    calendar.add("prodid", PRODUCT_ID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", method)
    entry = CalendarEvent()
    entry.add("uid", invitation_uid(registration.event_key, registration.language))
    entry.add("sequence", sequence)
    entry.add("dtstamp", timezone.now())
    entry.add("dtstart", event.local_start)
    entry.add("dtend", event.local_end)
    entry.add("summary", event.title)
    entry.add("description", description)
    entry.add("url", url)
    location = public_location(event)
    if event.join_url and event.event_format != "in_person":
        location = f"{location} / {event.join_url}" if location else event.join_url
    if location:
        entry.add("location", location)
    organizer = vCalAddress(f"mailto:{organiser_address()}")
    organizer.params["cn"] = vText(event.organiser or settings.WAGTAIL_SITE_NAME)
    entry.add("organizer", organizer)
    attendee = vCalAddress(f"mailto:{registration.email}")
    attendee.params["cn"] = vText(registration.name)
    attendee.params["role"] = vText("REQ-PARTICIPANT")
    attendee.params["partstat"] = vText("ACCEPTED" if method == "REQUEST" else "DECLINED")
    attendee.params["rsvp"] = vText("FALSE")
    entry.add("attendee", attendee)
    entry.add("status", "CANCELLED" if method == "CANCEL" else "CONFIRMED")
    calendar.add_component(entry)
    calendar.add_missing_timezones()
    return calendar.to_ical()
