import re
from zoneinfo import ZoneInfo

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.documents.blocks import DocumentChooserBlock
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
    recording = forms.ChoiceField(
        label=_("Recording"),
        required=False,
        choices=[("", _("With or without a recording")), ("yes", _("With a recording"))],
    )

    def filter_queryset(self, queryset):
        queryset = super().filter_queryset(queryset)
        filters = self.active_filters()
        if filters.get("format"):
            queryset = queryset.filter(event_format=filters["format"])
        if filters.get("recording") == "yes":
            queryset = queryset.exclude(recording_url="")
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


class EventPage(RoutablePageMixin, LeadImageMixin, SectionItemPage):
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
        help_text=_(
            "The meeting room. Never shown on the public page, in feeds or in the API: "
            "only registered participants get it, in their e-mails and on their personal page."
        ),
    )
    organiser = models.CharField(_("organiser"), max_length=255)
    event_language = models.CharField(
        _("language of the event"), max_length=8, choices=SPOKEN_LANGUAGE_CHOICES, default="en"
    )
    registration_url = models.URLField(_("registration link"), blank=True)
    registration_deadline = models.DateTimeField(_("registration deadline"), null=True, blank=True)
    registration_enabled = models.BooleanField(
        _("take registrations on the portal"),
        default=False,
        help_text=_(
            "Online and hybrid events: people register here, confirm their address and "
            "receive the joining link, reminders and a certificate."
        ),
    )
    capacity = models.PositiveIntegerField(
        _("places"),
        null=True,
        blank=True,
        help_text=_("Leave empty for no limit. When it is full, people join a waiting list."),
    )
    registration_consent = models.TextField(
        _("consent text"),
        blank=True,
        help_text=_(
            "What participants agree to when they register. Leave empty for the standard text."
        ),
    )
    cancelled = models.BooleanField(
        _("cancelled"),
        default=False,
        help_text=_("Participants receive a cancellation of their calendar invitation."),
    )
    certificate_threshold = models.PositiveSmallIntegerField(
        _("attendance needed for a certificate (%)"),
        default=80,
        validators=[MinValueValidator(1), MaxValueValidator(100)],
        help_text=_(
            "Share of the webinar's duration, where the attendance report gives durations."
        ),
    )
    recording_url = models.URLField(
        _("recording"),
        blank=True,
        help_text=_("The address of the video, e.g. on YouTube or Vimeo."),
    )
    transcript = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("transcript or captions"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    slides = StreamField(
        [("document", DocumentChooserBlock(label=_("Slides or handout")))],
        verbose_name=_("slides and materials"),
        blank=True,
    )
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
            [
                FieldPanel("registration_enabled"),
                FieldPanel("capacity"),
                FieldPanel("registration_consent"),
                FieldPanel("registration_url"),
                FieldPanel("registration_deadline"),
                FieldPanel("certificate_threshold"),
                FieldPanel("cancelled"),
            ],
            heading=_("Registration"),
        ),
        *LeadImageMixin.lead_image_panels,
        FieldPanel("body"),
        MultiFieldPanel(
            [FieldPanel("recording_url"), FieldPanel("transcript"), FieldPanel("slides")],
            heading=_("After the event"),
        ),
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
        SynchronizedField("registration_enabled"),
        SynchronizedField("capacity"),
        TranslatableField("registration_consent"),
        SynchronizedField("cancelled"),
        SynchronizedField("certificate_threshold"),
        SynchronizedField("recording_url"),
        # A transcript or slides in the reader's language, where a translator has one.
        SynchronizedField("transcript", overridable=True),
        SynchronizedField("slides", overridable=True),
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
    # Never the joining link: that is for registered participants only.
    api_fields = [
        APIField("start"),
        APIField("end"),
        APIField("time_zone"),
        APIField("event_format"),
        APIField("venue"),
        APIField("city"),
        APIField("organiser"),
        APIField("event_language"),
        APIField("registration_url"),
        APIField("registration_deadline"),
        APIField("registration_enabled"),
        APIField("cancelled"),
        APIField("recording_url"),
        APIField("country"),
        APIField("summary"),
        APIField("lead_image"),
        APIField("lead_image_alt"),
        APIField("body"),
    ]

    class Meta:
        verbose_name = _("event")
        verbose_name_plural = _("events")
        indexes = [
            models.Index(fields=["end"]),
            models.Index(fields=["start"]),
            # A country's listing and calendar, soonest first.
            models.Index(fields=["country", "start"], name="events_country_start"),
        ]

    def clean(self):
        super().clean()
        errors = {}
        if self.start and self.end and self.end <= self.start:
            errors["end"] = _("The event must end after it starts.")
        if self.event_format in (EventFormat.ONLINE, EventFormat.HYBRID) and not (
            self.registration_enabled or self.registration_url
        ):
            errors["registration_enabled"] = _(
                "Take registrations on the portal, or give a registration link through which "
                "people get the joining link: it is never shown publicly."
            )
        if self.registration_enabled and self.event_format == EventFormat.IN_PERSON:
            errors["registration_enabled"] = _(
                "Registration on the portal is for online and hybrid events."
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
            # The event page, never the joining link, which is for participants only.
            locations.append({"@type": "VirtualLocation", "url": self.get_full_url(request)})
        data.update(
            name=self.title,
            description=self.summary,
            startDate=self.local_start.isoformat(),
            endDate=self.local_end.isoformat(),
            eventAttendanceMode=f"https://schema.org/{modes[self.event_format]}",
            eventStatus="https://schema.org/EventCancelled"
            if self.cancelled
            else "https://schema.org/EventScheduled",
            location=locations[0] if len(locations) == 1 else locations,
            organizer={"@type": "Organization", "name": self.organiser},
            inLanguage=self.event_language,
            **self.json_ld_image(self.lead_image, request),
        )
        register_url = self.public_registration_url(request)
        if register_url:
            data["offers"] = {
                "@type": "Offer",
                "url": register_url,
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
    def has_started(self):
        return self.start <= timezone.now()

    @property
    def is_webinar(self):
        """Takes registrations on the portal: participants, reminders, certificates."""
        return self.registration_enabled and self.event_format != EventFormat.IN_PERSON

    @property
    def registration_closes_at(self):
        """Registration closes at its deadline, or when the event starts."""
        if self.registration_deadline and self.registration_deadline < self.start:
            return self.registration_deadline
        return self.start

    @property
    def registration_open(self):
        if self.cancelled or not (self.is_webinar or self.registration_url):
            return False
        return self.registration_closes_at > timezone.now()

    @property
    def duration_minutes(self):
        return int((self.end - self.start).total_seconds() // 60)

    @property
    def has_materials(self):
        return bool(self.recording_url or self.transcript_id or self.slides)

    def public_registration_url(self, request=None):
        """Where a visitor registers: the portal's form, or the external link."""
        if self.is_webinar:
            return self.get_full_url(request) + "register/"
        return self.registration_url

    # Routes below the event page (RoutablePageMixin). The page itself stays free of
    # forms and tokens, so it can be cached; the form has a URL of its own.
    @path("register/")
    def register(self, request):
        from events.views import register

        return register(request, self)

    @path("register/sent/")
    def register_sent(self, request):
        from events.views import register_sent

        return register_sent(request, self)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # The recording's player (a third-party frame) loads only when asked for.
        context["show_embed"] = bool(self.recording_url) and request.GET.get("embed") == "1"
        if context["show_embed"]:
            context["recording_embed"] = self.recording_player()
        return context

    def serve(self, request, *args, **kwargs):
        response = super().serve(request, *args, **kwargs)
        player = getattr(response, "context_data", {}) or {}
        embed = player.get("recording_embed") if player.get("show_embed") else None
        if embed is not None and getattr(embed, "html", ""):
            # The player's frame is the one third-party frame a page may hold, and
            # only on the ?embed=1 answer. django-csp reads _csp_replace (as its
            # @csp_replace decorator sets it); _csp_update would append the origin
            # to 'none' and give an ill-formed source list.
            frame_origins = sorted(
                set(re.findall(r'<iframe[^>]+src="(https://[^/"]+)', embed.html))
            )
            if frame_origins:
                response._csp_replace = {"frame-src": frame_origins}
        return response

    def recording_player(self):
        """The video site's player (Wagtail's oEmbed finders, cached in the database
        after the first request), or None when the site offers none."""
        from wagtail.embeds.embeds import get_embed
        from wagtail.embeds.exceptions import EmbedException

        try:
            return get_embed(self.recording_url)
        except EmbedException:
            return None

    @property
    def ends_same_day(self):
        return self.local_start.date() == self.local_end.date()
