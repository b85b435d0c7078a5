import datetime

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Prefetch, Q
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page, TranslatableMixin
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from home.blocks import LinkBlock
from home.forms import LanguageMarkedSelect, ListingFilterForm, term_choices
from home.models import (
    IndexPage,
    SectionItemPage,
    TaxonomyTerm,
    TermLinkMixin,
    localised_links,
    shown_terms,
)
from portal.collation import collated_choices
from portal.languages import SPOKEN_LANGUAGE_CHOICES

QUERY_MAX_LENGTH = 100


class ExpertiseArea(TaxonomyTerm):
    class Meta(TaxonomyTerm.Meta):
        verbose_name = _("area of expertise")
        verbose_name_plural = _("areas of expertise")


class ExpertFilterForm(ListingFilterForm):
    q = forms.CharField(label=_("Name or keyword"), required=False, max_length=QUERY_MAX_LENGTH)
    expertise = forms.ChoiceField(
        label=_("Area of expertise"), required=False, widget=LanguageMarkedSelect
    )
    language = forms.ChoiceField(
        label=_("Language spoken"),
        required=False,
        choices=[("", _("Any language")), *SPOKEN_LANGUAGE_CHOICES],
    )
    fresh = forms.ChoiceField(
        label=_("Last confirmed"),
        required=False,
        choices=[("", _("Any time")), ("1", _("Within the last year"))],
    )
    sort = forms.ChoiceField(
        label=_("Order"),
        required=False,
        choices=[("", _("By name")), ("recent", _("Recently confirmed first"))],
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        term_choices(self.fields["expertise"], ExpertiseArea, self.language_code, _("All areas"))
        self.fields["language"].choices = [
            ("", _("Any language")),
            *collated_choices(SPOKEN_LANGUAGE_CHOICES, self.language_code),
        ]

    def clean_q(self):
        value = self.cleaned_data["q"].replace("\x00", "").strip()
        return value

    def filter_queryset(self, queryset):
        queryset = super().filter_queryset(queryset)
        filters = self.active_filters()
        if filters.get("expertise"):
            tagged = ExpertProfileExpertise.objects.filter(area__slug=filters["expertise"])
            queryset = queryset.filter(pk__in=tagged.values("page_id"))
        if filters.get("language"):
            speakers = ExpertProfileLanguage.objects.filter(language=filters["language"])
            queryset = queryset.filter(pk__in=speakers.values("page_id"))
        if filters.get("fresh"):
            since = timezone.localdate() - datetime.timedelta(
                days=settings.PORTAL_EXPERT_STALE_DAYS
            )
            queryset = queryset.filter(last_confirmed__gte=since)
        if filters.get("q"):
            query = filters["q"]
            queryset = queryset.filter(
                Q(title__icontains=query)
                | Q(organisation__icontains=query)
                | Q(job_title__icontains=query)
                | Q(summary__icontains=query)
                | Q(biography__icontains=query)
            )
        return queryset


class ExpertDirectoryPage(IndexPage):
    subpage_types = ["expert_profiles.ExpertProfilePage"]
    filter_form_class = ExpertFilterForm
    empty_message = _("No experts match these filters.")

    class Meta:
        verbose_name = _("expert directory")

    def order_queryset(self, queryset, filters):
        if filters.get("sort") == "recent":
            return queryset.order_by("-last_confirmed", "title")
        return queryset.order_by("title")


class ExpertProfilePage(RoutablePageMixin, SectionItemPage):
    job_title = models.CharField(_("job title"), max_length=255, blank=True)
    organisation = models.CharField(_("organisation"), max_length=255, blank=True)
    photo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("photo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    photo_alt = models.CharField(_("photo alt text"), max_length=250, blank=True)
    biography = RichTextField(_("biography"), blank=True, features=["bold", "italic", "link", "ul"])
    publications = StreamField(
        [("link", LinkBlock())], verbose_name=_("publications and links"), blank=True
    )
    last_confirmed = models.DateField(
        _("last confirmed"),
        default=timezone.localdate,
        help_text=_("When the expert last confirmed that this profile is up to date."),
    )
    featured = models.BooleanField(_("featured on the home page"), default=False)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("owning user"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="expert_profiles",
    )
    # Private: used only to deliver contact-form messages. Never rendered, never in the API.
    email = models.EmailField(_("contact e-mail (never shown)"), blank=True)
    accepts_contact = models.BooleanField(
        _("visitors may write through the contact form"),
        default=True,
        help_text=_("The expert's address is never shown; messages are forwarded to it."),
    )
    verified = models.BooleanField(
        _("verified by the country team"),
        default=False,
        help_text=_("Only staff can change this; the expert's own form never touches it."),
    )
    # When the last "please confirm your profile" reminder went out; administrative,
    # not content, so it is kept out of revisions (see with_content_json).
    reminder_sent_at = models.DateTimeField(
        _("last freshness reminder"), null=True, blank=True, editable=False
    )

    parent_page_types = ["expert_profiles.ExpertDirectoryPage"]
    subpage_types = []

    content_panels = [
        *Page.content_panels,
        FieldPanel("job_title"),
        FieldPanel("organisation"),
        FieldPanel("country"),
        FieldPanel("summary"),
        MultiFieldPanel([FieldPanel("photo"), FieldPanel("photo_alt")], heading=_("Photo")),
        FieldPanel("biography"),
        InlinePanel("expertise_links", label=_("Area of expertise"), heading=_("Expertise")),
        InlinePanel("language_links", label=_("Language"), heading=_("Languages spoken")),
        FieldPanel("publications"),
        MultiFieldPanel(
            [
                FieldPanel("user"),
                FieldPanel("email"),
                FieldPanel("last_confirmed"),
                FieldPanel("featured"),
                FieldPanel("verified"),
                FieldPanel("accepts_contact"),
            ],
            heading=_("Ownership and status"),
        ),
    ]
    translatable_fields = [
        *SectionItemPage.shared_translatable_fields,
        TranslatableField("job_title"),
        TranslatableField("organisation"),
        SynchronizedField("photo"),
        TranslatableField("photo_alt"),
        TranslatableField("biography"),
        TranslatableField("publications"),
        SynchronizedField("last_confirmed"),
        SynchronizedField("featured"),
        SynchronizedField("user"),
        SynchronizedField("email"),
        SynchronizedField("accepts_contact"),
        SynchronizedField("verified"),
        TranslatableField("expertise_links"),
        SynchronizedField("language_links"),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("summary"),
        index.SearchField("job_title"),
        index.SearchField("organisation"),
        index.SearchField("biography"),
        index.FilterField("country"),
    ]

    # The read-only API (/api/v2/): what a visitor can read on the page, nothing more;
    # never `email` or `user`.
    api_fields = [
        APIField("job_title"),
        APIField("organisation"),
        APIField("country"),
        APIField("summary"),
        APIField("photo"),
        APIField("photo_alt"),
        APIField("biography"),
        APIField("publications"),
        APIField("last_confirmed"),
        APIField("expertise_names"),
        APIField("spoken_language_codes"),
    ]

    class Meta:
        verbose_name = _("expert profile")
        verbose_name_plural = _("expert profiles")
        # A country's directory; "recently confirmed" sorts on last_confirmed.
        indexes = [
            models.Index(fields=["country"], name="experts_country"),
            models.Index(fields=["-last_confirmed"], name="experts_last_confirmed_desc"),
        ]

    def clean(self):
        super().clean()
        if self.photo_id and not self.photo_alt.strip():
            raise ValidationError(
                {"photo_alt": _("Describe the photo for people who cannot see it.")}
            )

    @property
    def is_stale(self):
        limit = timezone.localdate() - datetime.timedelta(days=settings.PORTAL_EXPERT_STALE_DAYS)
        return self.last_confirmed < limit

    @property
    def accepts_messages(self):
        return self.accepts_contact and bool(self.email)

    @path("contact/")
    def contact(self, request):
        """The contact form has a page of its own: its CSRF token would otherwise
        make every profile uncacheable (portal/page_cache.py) and, compressed,
        exposed to BREACH (portal/compression.py)."""
        from expert_profiles.views import contact_expert

        return contact_expert(request, self)

    @path("contact/sent/")
    def contact_sent(self, request):
        return TemplateResponse(
            request, "expert_profiles/contact_sent.html", {"page": self, "self": self}
        )

    @staticmethod
    def optimise_for_listing(queryset):
        return queryset.select_related("photo", "locale").prefetch_related(
            "photo__renditions",
            Prefetch(
                "expertise_links", queryset=localised_links(ExpertProfileExpertise.objects, "area")
            ),
            "language_links",
        )

    @classmethod
    def featured_first(cls, queryset):
        return cls.optimise_for_listing(queryset.order_by("-featured", "-last_confirmed", "title"))

    def get_json_ld(self, request):
        # Deliberately no e-mail: visitors reach experts through the contact form.
        data = self.json_ld_base(request, "Person")
        data.update(
            name=self.title,
            description=self.summary,
            knowsAbout=[area.name for area in self.expertise_areas],
            knowsLanguage=[link.language for link in self.language_links.all()],
            **self.json_ld_image(self.photo, request),
        )
        if self.job_title:
            data["jobTitle"] = self.job_title
        if self.organisation:
            data["worksFor"] = {"@type": "Organization", "name": self.organisation}
        if self.country_info:
            data["address"] = {
                "@type": "PostalAddress",
                "addressCountry": self.country_info.iso_code,
            }
        return data

    @property
    def expertise_areas(self):
        """The areas in this page's language (ShownTerm), marked where untranslated."""
        return shown_terms(self, "expertise_links", "area")

    @property
    def expertise_names(self):
        return [area.name for area in self.expertise_areas]

    @property
    def spoken_language_codes(self):
        return [link.language for link in self.language_links.all()]

    @property
    def spoken_languages(self):
        return [link.get_language_display() for link in self.language_links.all()]


class ExpertProfileExpertise(TermLinkMixin, TranslatableMixin, Orderable):
    # Synchronised, not translated: see news.models.NewsPageTopic.
    term_field = "area"

    page = ParentalKey(ExpertProfilePage, on_delete=models.CASCADE, related_name="expertise_links")
    area = models.ForeignKey(
        ExpertiseArea,
        verbose_name=_("area of expertise"),
        on_delete=models.CASCADE,
        related_name="+",
    )

    panels = [FieldPanel("area")]
    translatable_fields = [SynchronizedField("area")]

    class Meta(TranslatableMixin.Meta, Orderable.Meta):
        constraints = [
            models.UniqueConstraint(fields=["page", "area"], name="expert_expertise_unique")
        ]


class ContactMessage(models.Model):
    """Kept only when PORTAL_CONTACT_RETENTION_DAYS is above 0 (by default messages are
    e-mailed and never stored), and deleted by `purge_contact_messages` when due."""

    profile = models.ForeignKey(
        ExpertProfilePage, on_delete=models.CASCADE, related_name="contact_messages"
    )
    sender_name = models.CharField(max_length=120)
    sender_email = models.EmailField()
    subject = models.CharField(max_length=150)
    message = models.TextField()
    created_at = models.DateTimeField(auto_now_add=True)
    delete_after = models.DateTimeField(db_index=True)

    class Meta:
        verbose_name = _("contact message")
        verbose_name_plural = _("contact messages")
        ordering = ["-created_at"]

    def __str__(self):
        return self.subject


class ExpertProfileLanguage(Orderable):
    page = ParentalKey(ExpertProfilePage, on_delete=models.CASCADE, related_name="language_links")
    language = models.CharField(_("language"), max_length=8, choices=SPOKEN_LANGUAGE_CHOICES)

    panels = [FieldPanel("language")]
    translatable_fields = [SynchronizedField("language")]

    class Meta(Orderable.Meta):
        constraints = [
            models.UniqueConstraint(fields=["page", "language"], name="expert_language_unique")
        ]
