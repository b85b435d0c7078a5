from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    name = "events"
    verbose_name = _("Events")

    def ready(self):
        from events.demo import EventsDemo
        from events.models import EventIndexPage, EventPage
        from home.sections import Section, register

        register(
            Section(
                key="events",
                item_model=EventPage,
                index_model=EventIndexPage,
                menu_label=_("Events"),
                card_template="events/includes/event_item.html",
                home_heading=_("Upcoming events"),
                home_empty=_("No upcoming events."),
                home_queryset="upcoming",
                calendar=True,
                search_fields=("organiser", "venue", "city", "body"),
                demo=EventsDemo(),
                order=20,
            )
        )

        from wagtail.signals import page_published

        from events.participation import sync_schedule

        def event_published(sender, instance, **kwargs):
            sync_schedule(instance)

        # Participants hear about a new time or a cancellation when the event is published.
        page_published.connect(
            event_published, sender=EventPage, weak=False, dispatch_uid="events-sync-schedule"
        )

        # The periodic webinar jobs register themselves (portal.periodic) on import.
        import events.tasks  # noqa: F401
