import datetime

import factory
from django.utils import timezone

from events.models import EventFormat, EventIndexPage, EventPage
from home.factories import ItemPageFactory, paragraphs


class EventIndexPageFactory(ItemPageFactory):
    title = "Events"
    slug = "events"

    class Meta:
        model = EventIndexPage
        skip_postgeneration_save = True


class EventPageFactory(ItemPageFactory):
    title = factory.Sequence(lambda n: f"Event {n}")
    summary = "A training day for social workers."
    start = factory.LazyFunction(
        lambda: timezone.now().replace(second=0, microsecond=0) + datetime.timedelta(days=10)
    )
    end = factory.LazyAttribute(lambda obj: obj.start + datetime.timedelta(hours=2))
    time_zone = "Europe/Kyiv"
    event_format = EventFormat.IN_PERSON
    venue = "Community centre, 1 Main Street"
    city = "Kyiv"
    organiser = "Terre des hommes"
    event_language = "uk"
    body = factory.LazyFunction(lambda: paragraphs("Agenda to follow."))

    class Meta:
        model = EventPage
        skip_postgeneration_save = True

    class Params:
        webinar = factory.Trait(
            event_format=EventFormat.ONLINE,
            venue="",
            city="",
            join_url="https://meet.example.org/childhub-webinar",
        )
