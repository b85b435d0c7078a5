"""The home and country pages, plus the abstract pieces every content app builds on:
the listing index, the section item, the lead image and the translatable taxonomy."""

from typing import NamedTuple

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import models
from django.db.models import F, Min, OuterRef, Q, Subquery
from django.http import Http404
from django.template.response import TemplateResponse
from django.utils.functional import cached_property, classproperty
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page, PagePermissionTester, TranslatableMixin
from wagtail.search import index
from wagtail.url_routing import RouteResult
from wagtail_localize.fields import SynchronizedField, TranslatableField

from home.blocks import BaseStreamBlock
from home.feeds import feed_url
from home.forms import COUNTRY_CLASH_MESSAGE, CountryPageForm
from home.sections import (
    all_sections,
    index_models,
    one_version_each,
    public,
    section_for_model,
    untranslated_elsewhere,
)
from portal.collation import collated
from portal.languages import COUNTRIES_BY_SLUG, COUNTRY_CHOICES

# Depths in every locale tree: root 1, HomePage 2, CountryPage and home-level
# indexes 3, country indexes 4.
HOME_DEPTH = 2
COUNTRY_DEPTH = 3

# The fields every page shares. The slug is synchronised so that a URL differs
# between languages only by its prefix: /uk/ukraine/news/x/ and /en/ukraine/news/x/.
PAGE_TRANSLATABLE_FIELDS = [
    TranslatableField("title"),
    SynchronizedField("slug"),
    TranslatableField("seo_title"),
    TranslatableField("search_description"),
    SynchronizedField("show_in_menus"),
]


class TaxonomyTerm(TranslatableMixin, models.Model):
    """A translatable term (topic, area of expertise). The slug is the same in every
    language, so filter links like ?topic=foster-care work in all of them."""

    name = models.CharField(_("name"), max_length=120)
    slug = models.SlugField(
        _("slug"),
        max_length=120,
        allow_unicode=False,
        help_text=_("Used in filter links; stays the same in every language."),
    )

    panels = [FieldPanel("name"), FieldPanel("slug")]
    translatable_fields = [TranslatableField("name"), SynchronizedField("slug")]

    class Meta(TranslatableMixin.Meta):
        abstract = True
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["locale", "slug"], name="%(app_label)s_%(class)s_unique_slug_per_locale"
            )
        ]

    def __str__(self):
        return self.name

    @classmethod
    def shown_in(cls, language_code):
        """Every term of this taxonomy as a reader of `language_code` sees it (for a
        filter's options), in that language's alphabetical order. One query."""
        versions = {}
        for term in cls.objects.select_related("locale").order_by("pk"):
            versions.setdefault(term.translation_key, []).append(term)
        shown = []
        for terms in versions.values():
            local = next((t for t in terms if t.locale.language_code == language_code), None)
            # Without a translation, the first version (the source) is shown, marked.
            shown.append(ShownTerm.of(local or terms[0], language_code))
        return collated(shown, key=lambda term: term.name, language_code=language_code)


class ShownTerm(NamedTuple):
    """A taxonomy term as a reader sees it. `language` is empty when the name is in
    the reader's language, and otherwise names the language it is written in: the
    term has no translation yet, and templates mark it with a `lang` attribute."""

    slug: str
    name: str
    language: str = ""

    @classmethod
    def of(cls, term, language_code):
        term_language = term.locale.language_code
        return cls(term.slug, term.name, "" if term_language == language_code else term_language)


def localised_links(link_queryset, term_field):
    """Term links (NewsPageTopic, ExpertProfileExpertise) annotated with the name of
    their term in the language of the page they belong to, found by the term's
    translation_key: one query whatever the number of links or languages. A page's
    translation keeps the source page's term link (SynchronizedField), so this is
    where every listing, detail page, feed and API answer gets the reader's term."""
    term_model = link_queryset.model._meta.get_field(term_field).related_model
    local = term_model.objects.filter(
        translation_key=OuterRef(f"{term_field}__translation_key"),
        locale_id=OuterRef("page__locale_id"),
    )
    return link_queryset.select_related(f"{term_field}__locale").annotate(
        local_term_name=Subquery(local.values("name")[:1]),
        page_language=F("page__locale__language_code"),
    )


class TermLinkMixin:
    """For the orderable linking a page to a taxonomy term; `term_field` names the FK."""

    term_field = None

    def shown_term(self):
        term = getattr(self, self.term_field)
        local_name = getattr(self, "local_term_name", None)
        if local_name is not None:
            return ShownTerm(term.slug, local_name)
        page_language = getattr(self, "page_language", None)
        if page_language is None:
            # Not annotated (a preview built from a revision): look the term up.
            page_language = self.page.locale.language_code
            if term.locale.language_code != page_language:
                local = (
                    type(term)
                    .objects.filter(
                        translation_key=term.translation_key,
                        locale__language_code=page_language,
                    )
                    .first()
                )
                term = local or term
        return ShownTerm.of(term, page_language)


def shown_terms(page, relation, term_field):
    """The terms a page shows through its `relation` of links, in its own language,
    using the listing's prefetch when there is one (see localised_links)."""
    links = getattr(page, relation).all()
    prefetched = relation in getattr(page, "_prefetched_objects_cache", {})
    if not prefetched and isinstance(links, models.QuerySet):
        links = localised_links(links, term_field)
    return [link.shown_term() for link in links]


def country_slug_for_path(path):
    """The country of the section a page at `path` sits in, or "" for region-wide pages."""
    if len(path) < Page.steplen * (COUNTRY_DEPTH + 1):
        return ""
    return (
        CountryPage.objects.filter(path=path[: Page.steplen * COUNTRY_DEPTH])
        .values_list("country", flat=True)
        .first()
        or ""
    )


class PortalPagePermissionTester(PagePermissionTester):
    """Deleting, moving or copying a page removes or creates content where it is, so
    it takes the right to create content there (`add_page` on the page or an
    ancestor). Those who may only change pages, such as translators, cannot, and the
    admin (explorer buttons, the translation editor) does not offer it."""

    def may_create_here(self):
        return self.user.is_superuser or (self.user.is_active and "add" in self.permissions)

    def can_delete(self, ignore_bulk=False):
        return self.may_create_here() and super().can_delete(ignore_bulk)

    def can_copy(self):
        return self.may_create_here() and super().can_copy()


class PortalPage(Page):
    """Every page type of the portal: the permission rules above apply to all of them."""

    class Meta:
        abstract = True

    def permissions_for_user(self, user):
        return PortalPagePermissionTester(user, self)

    def route(self, request, path_components):
        """Wagtail's routing, with every level of the path looked up in one query:
        Wagtail's ``Page.route`` costs two queries a level (the child by slug, then
        its specific page), so /<lang>/<country>/<section>/<item>/ cost six. The
        deepest page the path names takes over, with the rest of the path (a
        routable sub-page such as ``feed/``); without one, Wagtail routes as ever."""
        if len(path_components) < 2:
            return super().route(request, path_components)
        wanted = {
            self.url_path + "/".join(path_components[:depth]) + "/": depth
            for depth in range(1, len(path_components) + 1)
        }
        deepest = (
            Page.objects.filter(
                path__startswith=self.path,
                depth__gt=self.depth,
                slug__in=path_components,
                url_path__in=list(wanted),
            )
            .order_by("-depth")
            .first()
        )
        if deepest is None:
            return super().route(request, path_components)
        return deepest.specific.route(request, path_components[wanted[deepest.url_path] :])


class SectionItemPage(PortalPage):
    """A news item, event, vacancy or expert profile: it belongs to a country, taken
    from its country section when it has one, or chosen by the regional team."""

    country = models.CharField(
        _("country"),
        max_length=40,
        choices=COUNTRY_CHOICES,
        blank=True,
        help_text=_("Set automatically for items inside a country section."),
    )
    summary = models.TextField(
        _("summary"),
        max_length=500,
        help_text=_("One or two sentences shown in listings, feeds and link previews."),
    )

    # Every item type lists what its index shows; ``item_panels`` lets subclasses
    # put the shared fields where editors expect them.
    shared_translatable_fields = [
        *PAGE_TRANSLATABLE_FIELDS,
        SynchronizedField("country"),
        TranslatableField("summary"),
    ]

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if self.path:
            # A page is saved several times in a row when it is created or translated
            # (the copy, its content, its revision): its section is looked up once per
            # place in the tree, not once per save.
            section_path = self.path[: Page.steplen * COUNTRY_DEPTH]
            if getattr(self, "_section_path", None) != section_path:
                self._section_country = country_slug_for_path(self.path)
                self._section_path = section_path
            if self._section_country:
                self.country = self._section_country
        return super().save(*args, **kwargs)

    @property
    def country_info(self):
        return COUNTRIES_BY_SLUG.get(self.country)

    @property
    def card_template(self):
        """The listing card its section registered (home.sections)."""
        return section_for_model(self).card_template

    def get_meta_description(self):
        return self.search_description or self.summary

    def json_ld_base(self, request, schema_type):
        return {
            "@context": "https://schema.org",
            "@type": schema_type,
            "url": self.get_full_url(request),
            "inLanguage": self.locale.language_code,
        }

    def json_ld_image(self, image, request):
        if image is None:
            return {}
        rendition = image.get_rendition("fill-1200x675")
        return {"image": [request.build_absolute_uri(rendition.url) if request else rendition.url]}


class LeadImageMixin(models.Model):
    lead_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("lead image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    lead_image_alt = models.CharField(
        _("lead image alt text"),
        max_length=250,
        blank=True,
        help_text=_("Describe the image for people who cannot see it, in this page's language."),
    )

    lead_image_translatable_fields = [
        SynchronizedField("lead_image"),
        TranslatableField("lead_image_alt"),
    ]
    lead_image_panels = [
        MultiFieldPanel(
            [FieldPanel("lead_image"), FieldPanel("lead_image_alt")], heading=_("Lead image")
        )
    ]

    class Meta:
        abstract = True

    def clean(self):
        super().clean()
        if self.lead_image_id and not self.lead_image_alt.strip():
            raise ValidationError(
                {"lead_image_alt": _("Describe the lead image for people who cannot see it.")}
            )

    @classmethod
    def optimise_for_listing(cls, queryset):
        """What a listing card with a lead image needs, in a fixed number of queries."""
        return queryset.select_related("lead_image", "locale").prefetch_related(
            "lead_image__renditions"
        )


class IndexPage(RoutablePageMixin, PortalPage):
    """A listing of one item type under its parent: the whole locale at home level,
    one country under a country section."""

    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])

    parent_page_types = ["home.HomePage", "home.CountryPage"]
    max_count_per_parent = 1

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    translatable_fields = [*PAGE_TRANSLATABLE_FIELDS, TranslatableField("intro")]

    # Set by each subclass.
    filter_form_class = None
    empty_message = _("Nothing here yet.")

    class Meta:
        abstract = True

    @cached_property
    def section(self):
        """This index's entry in the section registry (home.sections)."""
        return section_for_model(self)

    @property
    def item_model(self):
        return self.section.item_model

    @path("feed/", name="feed")
    def feed(self, request):
        if self.section.feed is None:
            raise Http404
        return self.section.feed()(request, index_page=self)

    def get_feed_link(self, request):
        """The feed a listing advertises (head link and visible link), or None. A
        calendar is routed in portal/urls.py, as Wagtail's page URLs cannot end in ".ics"."""
        if self.section.calendar:
            return {"url": feed_url(self, "feed.ics", request), "type": "text/calendar"}
        if self.section.feed is None:
            return None
        return {"url": feed_url(self, "feed/", request), "type": "application/rss+xml"}

    def route(self, request, path_components):
        try:
            return super().route(request, path_components)
        except Http404:
            if len(path_components) != 1:
                raise
            versions = self.versions_elsewhere(path_components[0])
            if not versions:
                raise
            return RouteResult(
                self, args=(self.serve_not_translated, (), {"other_versions": versions})
            )

    def versions_elsewhere(self, slug):
        """Live versions of this index's item `slug` in other languages: slugs are
        synchronised, so the same slug under a translation of this index."""
        index_paths = (
            Page.objects.filter(translation_key=self.translation_key)
            .exclude(pk=self.pk)
            .values_list("path", flat=True)
        )
        candidates = (
            self.item_model.objects.live().public().filter(slug=slug).select_related("locale")
        )
        return [item for item in candidates if item.path[: -Page.steplen] in set(index_paths)]

    def serve_not_translated(self, request, other_versions):
        # Honest, and invisible to search engines: a 404 that says what exists.
        return TemplateResponse(
            request,
            "home/not_translated.html",
            {"page": self, "other_versions": other_versions, "no_alternates": True},
            status=404,
        )

    @cached_property
    def section_country(self):
        return country_slug_for_path(self.path + "0" * Page.steplen)

    @property
    def is_region_wide(self):
        return self.depth == COUNTRY_DEPTH

    def get_base_queryset(self):
        parent_path = self.path[: -Page.steplen]
        return public(self.item_model.objects.live()).filter(
            path__startswith=parent_path, locale_id=self.locale_id
        )

    def order_queryset(self, queryset, filters):
        return queryset.order_by("-first_published_at")

    def optimise_queryset(self, queryset):
        # Every item model declares what its listing card needs.
        return self.item_model.optimise_for_listing(queryset)

    def get_filter_form(self, request):
        return self.filter_form_class(
            request.GET or None, index_page=self, language_code=self.locale.language_code
        )

    def untranslated_elsewhere(self):
        country = "" if self.is_region_wide else self.section_country
        return untranslated_elsewhere(self.item_model, self.locale_id, country)

    def with_untranslated(self, local):
        """`local` plus, for every item that has no version in this language, one
        version in another language (the earliest, normally the original)."""
        model = self.item_model
        first_versions = (
            self.untranslated_elsewhere()
            .values("translation_key")
            .annotate(first=Min("pk"))
            .values("first")
        )
        return model.objects.filter(Q(pk__in=local.values("pk")) | Q(pk__in=first_versions))

    def fill_from_other_languages(self, form, count):
        """When this language has fewer items than a page shows: the latest items in
        other languages that match the same filters, so that no reader meets an empty
        page. Their cards carry their own language."""
        others = form.filter_queryset(self.untranslated_elsewhere())
        others = self.optimise_queryset(self.order_queryset(others, form.active_filters()))
        return one_version_each(others, count)

    def get_unfiltered_queryset(self, form):
        """What the listing shows before its filters (facet counts start here)."""
        queryset = self.get_base_queryset()
        if form.wants_untranslated():
            queryset = self.with_untranslated(queryset)
        return queryset

    def get_listing(self, request):
        form = self.get_filter_form(request)
        queryset = form.filter_queryset(self.get_unfiltered_queryset(form))
        queryset = self.optimise_queryset(self.order_queryset(queryset, form.active_filters()))
        paginator = Paginator(queryset, settings.PORTAL_PAGE_SIZE)
        # get_page turns a non-numeric page into 1 and an out-of-range one into the last.
        page_obj = paginator.get_page(request.GET.get("page"))
        filled = []
        if not form.wants_untranslated() and paginator.count < paginator.per_page:
            filled = self.fill_from_other_languages(form, paginator.per_page - paginator.count)
        return form, page_obj, filled

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        form, page_obj, filled = self.get_listing(request)
        context.update(
            feed=self.get_feed_link(request),
            untranslated_shown=form.wants_untranslated(),
            filter_form=form,
            rejected_filters=form.rejected_fields(),
            items=page_obj.object_list,
            filled_items=filled,
            page_obj=page_obj,
            item_template=self.section.card_template,
        )
        return context


def section_blocks(section_page, sections):
    """One block per section for a home or country page: its heading, card and items."""
    blocks = [
        {"section": section, "items": section.home_items(section_page)} for section in sections
    ]
    for block in blocks:
        block["filled"] = any(item.locale_id != section_page.locale_id for item in block["items"])
    return blocks


class HomePage(PortalPage):
    intro = models.TextField(_("introduction"), blank=True)

    parent_page_types = ["wagtailcore.Page"]

    @classproperty
    def subpage_types(cls):
        # Read from the section registry once Wagtail first asks (after every app is ready).
        return [*index_models(), "home.CountryPage", "home.StandardPage"]

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    translatable_fields = [*PAGE_TRANSLATABLE_FIELDS, TranslatableField("intro")]

    class Meta:
        verbose_name = _("home page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        blocks = section_blocks(self, all_sections())
        context.update(
            section_blocks=blocks,
            filled_sections=any(block["filled"] for block in blocks),
            countries=CountryPage.objects.live()
            .child_of(self)
            .order_by("title")
            .only("title", "url_path", "path", "depth", "country", "locale_id"),
        )
        return context


class CountryPage(PortalPage):
    country = models.CharField(_("country"), max_length=40, choices=COUNTRY_CHOICES)
    intro = models.TextField(_("introduction"), blank=True)
    experts_self_publish = models.BooleanField(
        _("experts publish their own profile changes"),
        default=False,
        help_text=_(
            "When off, an expert's changes to their profile wait for the country's review."
        ),
    )

    parent_page_types = ["home.HomePage"]
    content_panels = [*Page.content_panels, FieldPanel("country"), FieldPanel("intro")]
    settings_panels = [*Page.settings_panels, FieldPanel("experts_self_publish")]
    base_form_class = CountryPageForm
    translatable_fields = [
        *PAGE_TRANSLATABLE_FIELDS,
        SynchronizedField("country"),
        TranslatableField("intro"),
        SynchronizedField("experts_self_publish"),
    ]

    class Meta:
        verbose_name = _("country section")
        verbose_name_plural = _("country sections")

    @classproperty
    def subpage_types(cls):
        return index_models()

    def clean(self):
        super().clean()
        if self.path and self.has_sibling_for_country(self.get_parent()):
            raise ValidationError({"country": COUNTRY_CLASH_MESSAGE})

    def has_sibling_for_country(self, parent):
        siblings = CountryPage.objects.child_of(parent).filter(country=self.country)
        return siblings.exclude(pk=self.pk).exists()

    @property
    def country_info(self):
        return COUNTRIES_BY_SLUG.get(self.country)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        sections = [section for section in all_sections() if section.on_country_page]
        blocks = section_blocks(self, sections)
        context["section_blocks"] = blocks
        context["filled_sections"] = any(block["filled"] for block in blocks)
        return context


class StandardPage(PortalPage):
    """A plain, translatable page under a home page: About, Contact, Privacy. The tree
    builder creates those three in every language; editors own them from then on."""

    intro = models.TextField(_("introduction"), blank=True)
    body = StreamField(BaseStreamBlock(), verbose_name=_("body"), blank=True)

    parent_page_types = ["home.HomePage"]
    subpage_types = []
    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("body")]
    translatable_fields = [
        *PAGE_TRANSLATABLE_FIELDS,
        TranslatableField("intro"),
        TranslatableField("body"),
    ]
    search_fields = [*Page.search_fields, index.SearchField("intro"), index.SearchField("body")]

    class Meta:
        verbose_name = _("standard page")
        verbose_name_plural = _("standard pages")

    def get_meta_description(self):
        return self.search_description or self.intro
