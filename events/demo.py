"""Demo events for load_demo_data (home.demo.builder drives it through the registry)."""

import datetime
from zoneinfo import ZoneInfo

from events.factories import EventPageFactory
from events.models import EventPage
from home.demo.builder import SectionDemo, local_moment
from home.factories import paragraphs


class EventsDemo(SectionDemo):
    translated_fields = ("title", "summary", "description")

    def build_item(self, builder, index, item, position, country, editor):
        existing = EventPage.objects.child_of(index).filter(slug=item["slug"]).first()
        if existing:
            return existing
        start = local_moment(item["days_from_now"], item["start_time"], ZoneInfo(country.time_zone))
        end = start + datetime.timedelta(minutes=item["duration_minutes"])
        deadline = None
        if item.get("registration_url") and item.get("registration_days_before") is not None:
            deadline = start - datetime.timedelta(days=item["registration_days_before"])
        page = EventPageFactory(
            parent=index,
            title=item["title"],
            slug=item["slug"],
            summary=item["summary"],
            body=paragraphs(*item["description"]),
            start=start,
            end=end,
            time_zone=country.time_zone,
            event_format=item["format"],
            venue=item["venue"],
            city=item["city"],
            join_url=item["join_url"],
            organiser=item["organiser"],
            event_language=item["event_language"],
            registration_url=item["registration_url"],
            registration_deadline=deadline,
            owner=editor,
        )
        return builder.publish_backdated(page, editor, max(1, -item["days_from_now"] + 20))
