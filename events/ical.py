"""iCalendar (RFC 5545) for one event or an event listing. Times carry their
event's own zone (TZID) with a VTIMEZONE for each zone used, so a calendar shows a
Kyiv webinar at the right hour wherever its reader is."""

from django.utils import timezone
from icalendar import Calendar
from icalendar import Event as CalendarEvent

PRODUCT_ID = "-//ChildHub//Child Protection Hub//EN"


def event_uid(event):
    # Stable across edits and distinct per language version of the same event.
    return f"{event.translation_key}-{event.locale.language_code}@childhub"


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
        location = ", ".join(part for part in (event.venue, event.city) if part)
        if not location and event.join_url:
            location = event.join_url
        if location:
            entry.add("location", location)
        if event.organiser:
            entry.add("organizer", "invalid:nomail", parameters={"cn": event.organiser})
        if event.last_published_at:
            entry.add("last-modified", event.last_published_at)
        calendar.add_component(entry)
    calendar.add_missing_timezones()
    return calendar.to_ical()
