import datetime
import secrets

import factory
from django.utils import timezone

from events.models import EventFormat, EventIndexPage, EventPage, Registration, RegistrationStatus
from events.models.participants import (
    CONFIRM_SALT,
    MANAGE_SALT,
    Profession,
    derive_token,
    hash_token,
)
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
            registration_enabled=True,
        )


class RegistrationFactory(factory.django.DjangoModelFactory):
    """A registration in a given state; pass ``event=`` (an EventPage)."""

    class Meta:
        model = Registration
        exclude = ("event",)

    event = None
    event_key = factory.LazyAttribute(lambda obj: obj.event.translation_key)
    page = factory.LazyAttribute(lambda obj: obj.event)
    language = factory.LazyAttribute(lambda obj: obj.event.locale.language_code)
    name = factory.Sequence(lambda n: f"Participant {n}")
    email = factory.Sequence(lambda n: f"participant{n}@example.org")
    organisation = "Centre for social services"
    profession = Profession.SOCIAL_WORK
    country = "ukraine"
    consent_text = "I agree."
    status = RegistrationStatus.CONFIRMED
    confirmed_at = factory.LazyFunction(lambda: timezone.now() - datetime.timedelta(days=3))
    place_since = factory.LazyAttribute(
        lambda obj: obj.confirmed_at if obj.status == RegistrationStatus.CONFIRMED else None
    )
    waiting_since = factory.LazyAttribute(
        lambda obj: obj.confirmed_at if obj.status == RegistrationStatus.WAITING else None
    )
    token_nonce = factory.LazyFunction(lambda: secrets.token_urlsafe(32))
    confirm_token_hash = factory.LazyAttribute(
        lambda obj: hash_token(derive_token(obj.token_nonce, CONFIRM_SALT))
    )
    manage_token_hash = factory.LazyAttribute(
        lambda obj: hash_token(derive_token(obj.token_nonce, MANAGE_SALT))
    )
