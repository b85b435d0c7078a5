from datetime import timedelta
from zoneinfo import ZoneInfo

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from home.blocks import BaseStreamBlock
from home.forms import ListingFilterForm, LocalTimePageForm
from home.models import IndexPage, LeadImageMixin, SectionItemPage
from portal.languages import TIME_ZONE_CHOICES


class ContractType(models.TextChoices):
    FULL_TIME = "full_time", _("Full time")
    PART_TIME = "part_time", _("Part time")
    FIXED_TERM = "fixed_term", _("Fixed term")
    CONSULTANCY = "consultancy", _("Consultancy")
    VOLUNTEER = "volunteer", _("Volunteer")
    INTERNSHIP = "internship", _("Internship")


def closing_soon_cutoff(now=None):
    return (now or timezone.now()) + timedelta(days=settings.PORTAL_CLOSING_SOON_DAYS)


class VacancyFilterForm(ListingFilterForm):
    closing = forms.ChoiceField(
        label=_("Closing"),
        required=False,
        choices=[("", _("Any closing date")), ("soon", _("Closing soon"))],
    )
    contract_type = forms.ChoiceField(
        label=_("Contract"),
        required=False,
        choices=[("", _("Any contract")), *ContractType.choices],
    )

    def filter_queryset(self, queryset):
        queryset = super().filter_queryset(queryset)
        filters = self.active_filters()
        now = timezone.now()
        # Closed vacancies leave every listing by themselves: the filter is on the
        # deadline, not on a flag someone has to remember to flip.
        queryset = queryset.filter(closes_at__gt=now)
        if filters.get("closing") == "soon":
            queryset = queryset.filter(closes_at__lte=closing_soon_cutoff(now))
        if filters.get("contract_type"):
            queryset = queryset.filter(contract_type=filters["contract_type"])
        return queryset


class VacancyPageForm(LocalTimePageForm):
    local_time_fields = ("closes_at",)


class VacancyIndexPage(IndexPage):
    subpage_types = ["vacancies.VacancyPage"]
    filter_form_class = VacancyFilterForm
    empty_message = _("No open vacancies match these filters.")

    class Meta:
        verbose_name = _("vacancy index")

    def order_queryset(self, queryset, filters):
        return queryset.order_by("closes_at")


class VacancyPage(LeadImageMixin, SectionItemPage):
    organisation = models.CharField(_("organisation"), max_length=255)
    city = models.CharField(_("city"), max_length=120, blank=True)
    contract_type = models.CharField(
        _("contract type"),
        max_length=16,
        choices=ContractType.choices,
        default=ContractType.FULL_TIME,
    )
    closes_at = models.DateTimeField(_("closing date and time"))
    time_zone = models.CharField(
        _("time zone of the deadline"),
        max_length=64,
        choices=TIME_ZONE_CHOICES,
        default="UTC",
        help_text=_("Type the closing time as clocks show it in this zone."),
    )
    apply_url = models.URLField(_("application link"), blank=True)
    apply_email = models.EmailField(_("application e-mail"), blank=True)
    body = StreamField(BaseStreamBlock(), verbose_name=_("description"), blank=True)

    parent_page_types = ["vacancies.VacancyIndexPage"]
    subpage_types = []
    base_form_class = VacancyPageForm

    content_panels = [
        *Page.content_panels,
        FieldPanel("organisation"),
        FieldPanel("country"),
        FieldPanel("city"),
        FieldPanel("contract_type"),
        MultiFieldPanel([FieldPanel("time_zone"), FieldPanel("closes_at")], heading=_("Deadline")),
        MultiFieldPanel(
            [FieldPanel("apply_url"), FieldPanel("apply_email")], heading=_("How to apply")
        ),
        FieldPanel("summary"),
        *LeadImageMixin.lead_image_panels,
        FieldPanel("body"),
    ]
    translatable_fields = [
        *SectionItemPage.shared_translatable_fields,
        TranslatableField("organisation"),
        TranslatableField("city"),
        SynchronizedField("contract_type"),
        SynchronizedField("closes_at"),
        SynchronizedField("time_zone"),
        SynchronizedField("apply_url"),
        SynchronizedField("apply_email"),
        *LeadImageMixin.lead_image_translatable_fields,
        TranslatableField("body"),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("summary"),
        index.SearchField("body"),
        index.SearchField("organisation"),
        index.SearchField("city"),
        index.FilterField("country"),
        index.FilterField("closes_at"),
    ]

    # The read-only API (/api/v2/): what a visitor can read on the page, nothing more.
    api_fields = [
        APIField("organisation"),
        APIField("city"),
        APIField("country"),
        APIField("contract_type"),
        APIField("closes_at"),
        APIField("time_zone"),
        APIField("is_open"),
        APIField("apply_url"),
        APIField("apply_email"),
        APIField("summary"),
        APIField("lead_image"),
        APIField("lead_image_alt"),
        APIField("body"),
    ]

    class Meta:
        verbose_name = _("vacancy")
        verbose_name_plural = _("vacancies")
        indexes = [
            models.Index(fields=["closes_at"]),
            # A country's open vacancies, closing soonest first.
            models.Index(fields=["country", "closes_at"], name="vacancies_country_closes"),
        ]

    def clean(self):
        super().clean()
        if not (self.apply_url or self.apply_email):
            raise ValidationError(
                {"apply_url": _("Say how to apply: give an application link or an e-mail address.")}
            )

    @classmethod
    def still_open(cls, queryset):
        queryset = queryset.filter(closes_at__gt=timezone.now()).order_by("closes_at")
        return cls.optimise_for_listing(queryset)

    def get_json_ld(self, request):
        # A closed vacancy is no longer a job offer: search engines must drop it.
        if not self.is_open:
            return None
        employment_types = {
            ContractType.FULL_TIME: "FULL_TIME",
            ContractType.PART_TIME: "PART_TIME",
            ContractType.FIXED_TERM: "TEMPORARY",
            ContractType.CONSULTANCY: "CONTRACTOR",
            ContractType.VOLUNTEER: "VOLUNTEER",
            ContractType.INTERNSHIP: "INTERN",
        }
        data = self.json_ld_base(request, "JobPosting")
        address = {"@type": "PostalAddress"}
        if self.city:
            address["addressLocality"] = self.city
        if self.country_info:
            address["addressCountry"] = self.country_info.iso_code
        data.update(
            title=self.title,
            description=self.summary,
            datePosted=(self.first_published_at or timezone.now()).date().isoformat(),
            validThrough=self.local_closes_at.isoformat(),
            employmentType=employment_types[self.contract_type],
            hiringOrganization={"@type": "Organization", "name": self.organisation},
            jobLocation={"@type": "Place", "address": address},
            directApply=False,
        )
        return data

    def get_sitemap_urls(self, request=None):
        # A closed vacancy stays readable but is no longer worth a search engine's visit.
        if not self.is_open:
            return []
        return super().get_sitemap_urls(request)

    @property
    def zone(self):
        return ZoneInfo(self.time_zone)

    @property
    def local_closes_at(self):
        return self.closes_at.astimezone(self.zone)

    @property
    def is_open(self):
        return self.closes_at > timezone.now()

    @property
    def closes_soon(self):
        return self.is_open and self.closes_at <= closing_soon_cutoff()
