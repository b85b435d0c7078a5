from zoneinfo import ZoneInfo

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from home.blocks import BaseStreamBlock
from home.forms import ListingFilterForm, LocalTimePageForm
from home.models import IndexPage, LeadImageMixin, SectionItemPage
from portal.languages import SPOKEN_LANGUAGE_CHOICES, TIME_ZONE_CHOICES


class EventFormat(models.TextChoices):
    IN_PERSON = "in_person", _("In person")
    ONLINE = "online", _("Online")
    HYBRID = "hybrid", _("Hybrid")


class EventFilterForm(ListingFilterForm):
    format = forms.ChoiceField(
        label=_("Format"), required=False, choices=[("", _("Any format")), *EventFormat.choices]
    )
    when = forms.ChoiceField(
        label=_("When"),
        required=False,
        choices=[("", _("Upcoming")), ("past", _("Past"))],
    )

    def filter_queryset(self, queryset):
        queryset = super().filter_queryset(queryset)
        filters = self.active_filters()
        if filters.get("format"):
            queryset = queryset.filter(event_format=filters["format"])
        now = timezone.now()
        if filters.get("when") == "past":
            return queryset.filter(end__lt=now)
        # An event still running is still worth showing.
        return queryset.filter(end__gte=now)


class EventPageForm(LocalTimePageForm):
    local_time_fields = ("start", "end", "registration_deadline")


class EventIndexPage(IndexPage):
    subpage_types = ["events.EventPage"]
    filter_form_class = EventFilterForm
    empty_message = _("No events match these filters.")

    class Meta:
        verbose_name = _("event index")

    def order_queryset(self, queryset, filters):
        if filters.get("when") == "past":
            return queryset.order_by("-start")
        return queryset.order_by("start")


class EventPage(LeadImageMixin, SectionItemPage):
    start = models.DateTimeField(_("starts"))
    end = models.DateTimeField(_("ends"))
    time_zone = models.CharField(
        _("time zone"),
        max_length=64,
        choices=TIME_ZONE_CHOICES,
        default="UTC",
        help_text=_("Type the start and end as clocks show them in this zone."),
    )
    event_format = models.CharField(
        _("format"), max_length=16, choices=EventFormat.choices, default=EventFormat.IN_PERSON
    )
    venue = models.CharField(_("venue"), max_length=255, blank=True)
    city = models.CharField(_("city"), max_length=120, blank=True)
    join_url = models.URLField(
        _("joining link"),
        blank=True,
        help_text=_("For online and hybrid events: the meeting or webinar link."),
    )
    organiser = models.CharField(_("organiser"), max_length=255)
    event_language = models.CharField(
        _("language of the event"), max_length=8, choices=SPOKEN_LANGUAGE_CHOICES, default="en"
    )
    registration_url = models.URLField(_("registration link"), blank=True)
    registration_deadline = models.DateTimeField(_("registration deadline"), null=True, blank=True)
    body = StreamField(BaseStreamBlock(), verbose_name=_("description"), blank=True)

    parent_page_types = ["events.EventIndexPage"]
    subpage_types = []
    base_form_class = EventPageForm

    content_panels = [
        *Page.content_panels,
        FieldPanel("summary"),
        MultiFieldPanel(
            [
                FieldPanel("time_zone"),
                FieldRowPanel([FieldPanel("start"), FieldPanel("end")]),
            ],
            heading=_("When"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("event_format"),
                FieldPanel("venue"),
                FieldPanel("city"),
                FieldPanel("join_url"),
            ],
            heading=_("Where"),
        ),
        FieldPanel("organiser"),
        FieldPanel("event_language"),
        FieldPanel("country"),
        MultiFieldPanel(
            [FieldPanel("registration_url"), FieldPanel("registration_deadline")],
            heading=_("Registration"),
        ),
        *LeadImageMixin.lead_image_panels,
        FieldPanel("body"),
    ]
    translatable_fields = [
        *SectionItemPage.shared_translatable_fields,
        SynchronizedField("start"),
        SynchronizedField("end"),
        SynchronizedField("time_zone"),
        SynchronizedField("event_format"),
        TranslatableField("venue"),
        TranslatableField("city"),
        SynchronizedField("join_url"),
        TranslatableField("organiser"),
        SynchronizedField("event_language"),
        SynchronizedField("registration_url"),
        SynchronizedField("registration_deadline"),
        *LeadImageMixin.lead_image_translatable_fields,
        TranslatableField("body"),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("summary"),
        index.SearchField("body"),
        index.SearchField("organiser"),
        index.SearchField("city"),
        index.FilterField("country"),
        index.FilterField("start"),
    ]

    # The read-only API (/api/v2/): what a visitor can read on the page, nothing more.
    api_fields = [
        APIField("start"),
        APIField("end"),
        APIField("time_zone"),
        APIField("event_format"),
        APIField("venue"),
        APIField("city"),
        APIField("join_url"),
        APIField("organiser"),
        APIField("event_language"),
        APIField("registration_url"),
        APIField("registration_deadline"),
        APIField("country"),
        APIField("summary"),
        APIField("lead_image"),
        APIField("lead_image_alt"),
        APIField("body"),
    ]

    class Meta:
        verbose_name = _("event")
        verbose_name_plural = _("events")
        indexes = [models.Index(fields=["end"]), models.Index(fields=["start"])]

    def clean(self):
        super().clean()
        errors = {}
        if self.start and self.end and self.end <= self.start:
            errors["end"] = _("The event must end after it starts.")
        if self.event_format in (EventFormat.ONLINE, EventFormat.HYBRID) and not (
            self.join_url or self.registration_url
        ):
            errors["join_url"] = _(
                "Give a joining link, or a registration link through which people get one."
            )
        if self.event_format in (EventFormat.IN_PERSON, EventFormat.HYBRID) and not self.venue:
            errors["venue"] = _("Say where the event takes place.")
        if self.registration_deadline and self.end and self.registration_deadline > self.end:
            errors["registration_deadline"] = _("Registration must close before the event ends.")
        if errors:
            raise ValidationError(errors)

    @classmethod
    def upcoming(cls, queryset):
        queryset = queryset.filter(end__gte=timezone.now()).order_by("start")
        return cls.optimise_for_listing(queryset)

    def get_json_ld(self, request):
        data = self.json_ld_base(request, "Event")
        modes = {
            EventFormat.IN_PERSON: "OfflineEventAttendanceMode",
            EventFormat.ONLINE: "OnlineEventAttendanceMode",
            EventFormat.HYBRID: "MixedEventAttendanceMode",
        }
        locations = []
        if self.event_format != EventFormat.ONLINE:
            place = {"@type": "Place", "name": self.venue, "address": {"@type": "PostalAddress"}}
            if self.city:
                place["address"]["addressLocality"] = self.city
            if self.country_info:
                place["address"]["addressCountry"] = self.country_info.iso_code
            locations.append(place)
        if self.event_format != EventFormat.IN_PERSON:
            locations.append(
                {"@type": "VirtualLocation", "url": self.join_url or self.registration_url}
            )
        data.update(
            name=self.title,
            description=self.summary,
            startDate=self.local_start.isoformat(),
            endDate=self.local_end.isoformat(),
            eventAttendanceMode=f"https://schema.org/{modes[self.event_format]}",
            eventStatus="https://schema.org/EventScheduled",
            location=locations[0] if len(locations) == 1 else locations,
            organizer={"@type": "Organization", "name": self.organiser},
            inLanguage=self.event_language,
            **self.json_ld_image(self.lead_image, request),
        )
        if self.registration_url:
            data["offers"] = {
                "@type": "Offer",
                "url": self.registration_url,
                "price": "0",
                "priceCurrency": "EUR",
                "availability": "https://schema.org/InStock"
                if self.registration_open
                else "https://schema.org/SoldOut",
            }
        return data

    @property
    def zone(self):
        return ZoneInfo(self.time_zone)

    @property
    def local_start(self):
        return self.start.astimezone(self.zone)

    @property
    def local_end(self):
        return self.end.astimezone(self.zone)

    @property
    def is_past(self):
        return self.end < timezone.now()

    @property
    def is_online(self):
        return self.event_format == EventFormat.ONLINE

    @property
    def registration_open(self):
        if not self.registration_url or self.is_past:
            return False
        return self.registration_deadline is None or self.registration_deadline > timezone.now()

    @property
    def ends_same_day(self):
        return self.local_start.date() == self.local_end.date()
