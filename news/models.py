from django import forms
from django.db import models
from django.db.models import Prefetch
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page, TranslatableMixin
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from home.blocks import BaseStreamBlock
from home.forms import LanguageMarkedSelect, ListingFilterForm, term_choices
from home.models import (
    IndexPage,
    LeadImageMixin,
    SectionItemPage,
    TaxonomyTerm,
    TermLinkMixin,
    localised_links,
    shown_terms,
)


class Topic(TaxonomyTerm):
    class Meta(TaxonomyTerm.Meta):
        verbose_name = _("topic")
        verbose_name_plural = _("topics")


class NewsFilterForm(ListingFilterForm):
    topic = forms.ChoiceField(label=_("Topic"), required=False, widget=LanguageMarkedSelect)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        term_choices(self.fields["topic"], Topic, self.language_code, _("All topics"))

    def filter_queryset(self, queryset):
        queryset = super().filter_queryset(queryset)
        topic = self.active_filters().get("topic")
        if topic:
            tagged = NewsPageTopic.objects.filter(topic__slug=topic).values("page_id")
            queryset = queryset.filter(pk__in=tagged)
        return queryset


class NewsIndexPage(IndexPage):
    subpage_types = ["news.NewsPage"]
    filter_form_class = NewsFilterForm
    empty_message = _("No news matches these filters yet.")

    class Meta:
        verbose_name = _("news index")

    def order_queryset(self, queryset, filters):
        return queryset.order_by("-date", "-first_published_at")


class NewsPage(LeadImageMixin, SectionItemPage):
    date = models.DateField(_("date"), default=timezone.localdate)
    body = StreamField(BaseStreamBlock(), verbose_name=_("body"), blank=True)

    parent_page_types = ["news.NewsIndexPage"]
    subpage_types = []

    content_panels = [
        *Page.content_panels,
        FieldPanel("date"),
        FieldPanel("country"),
        FieldPanel("summary"),
        *LeadImageMixin.lead_image_panels,
        FieldPanel("body"),
        MultiFieldPanel([InlinePanel("topic_links", label=_("Topic"))], heading=_("Topics")),
        InlinePanel("related_links", label=_("Related item"), heading=_("Related items")),
    ]
    translatable_fields = [
        *SectionItemPage.shared_translatable_fields,
        SynchronizedField("date"),
        *LeadImageMixin.lead_image_translatable_fields,
        TranslatableField("body"),
        TranslatableField("topic_links"),
        SynchronizedField("related_links"),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("summary"),
        index.SearchField("body"),
        index.FilterField("country"),
        index.FilterField("date"),
    ]

    # The read-only API (/api/v2/): what a visitor can read on the page, nothing more.
    api_fields = [
        APIField("date"),
        APIField("country"),
        APIField("summary"),
        APIField("lead_image"),
        APIField("lead_image_alt"),
        APIField("body"),
        APIField("topic_names"),
    ]

    class Meta:
        verbose_name = _("news item")
        verbose_name_plural = _("news items")
        # Listings, home blocks and feeds read the newest first, region-wide or of
        # one country (tests/test_listing_indexes.py checks the plans).
        indexes = [
            models.Index(fields=["-date"], name="news_date_desc"),
            models.Index(fields=["country", "-date"], name="news_country_date_desc"),
        ]

    @classmethod
    def optimise_for_listing(cls, queryset):
        return (
            super()
            .optimise_for_listing(queryset)
            .prefetch_related(
                Prefetch("topic_links", queryset=localised_links(NewsPageTopic.objects, "topic"))
            )
        )

    @classmethod
    def latest(cls, queryset):
        return cls.optimise_for_listing(queryset.order_by("-date", "-first_published_at"))

    def get_json_ld(self, request):
        data = self.json_ld_base(request, "NewsArticle")
        data.update(
            headline=self.title[:110],
            description=self.summary,
            datePublished=self.date.isoformat(),
            publisher={"@type": "Organization", "name": "ChildHub"},
            **self.json_ld_image(self.lead_image, request),
        )
        if self.last_published_at:
            data["dateModified"] = self.last_published_at.isoformat()
        return data

    @property
    def topics(self):
        """The topics in this page's language (ShownTerm), marked where untranslated."""
        return shown_terms(self, "topic_links", "topic")

    @property
    def topic_names(self):
        return [topic.name for topic in self.topics]

    def get_related_pages(self):
        """Related items in this page's language where a translation exists."""
        related = []
        for link in self.related_links.select_related("related_page"):
            target = link.related_page.get_translation_or_none(self.locale) or link.related_page
            if target.live:
                related.append(target.specific)
        return related


class NewsPageTopic(TermLinkMixin, TranslatableMixin, Orderable):
    """A topic link. The topic is synchronised, not translated: with TranslatableField,
    wagtail-localize's TranslationCreator translates each linked topic along with the
    page, and its save_target(fallback=True) overwrote the target language's existing
    topic with the source language's name. Pages show the topic in their own language
    through home.models.localised_links instead."""

    term_field = "topic"

    page = ParentalKey(NewsPage, on_delete=models.CASCADE, related_name="topic_links")
    topic = models.ForeignKey(
        Topic, verbose_name=_("topic"), on_delete=models.CASCADE, related_name="+"
    )

    panels = [FieldPanel("topic")]
    translatable_fields = [SynchronizedField("topic")]

    class Meta(TranslatableMixin.Meta, Orderable.Meta):
        constraints = [
            models.UniqueConstraint(fields=["page", "topic"], name="news_page_topic_unique")
        ]


class NewsPageRelatedPage(Orderable):
    page = ParentalKey(NewsPage, on_delete=models.CASCADE, related_name="related_links")
    related_page = models.ForeignKey(
        "wagtailcore.Page", verbose_name=_("page"), on_delete=models.CASCADE, related_name="+"
    )

    panels = [FieldPanel("related_page")]
    # A page link is synchronised and resolved to the reader's language at render time.
    translatable_fields = [SynchronizedField("related_page")]
