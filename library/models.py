"""The online library: publications (reports, guidelines, toolkits, training
materials …) with their files, listed and faceted by LibraryIndexPage, plus the
curated page for trainers and the text extracted from the files for search."""

from django.contrib.postgres.search import SearchVectorField
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Prefetch, prefetch_related_objects
from django.template.defaultfilters import filesizeformat
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    PageChooserPanel,
)
from wagtail.api import APIField
from wagtail.documents import get_document_model_string
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page, TranslatableMixin
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from home.models import (
    COUNTRY_DEPTH,
    PAGE_TRANSLATABLE_FIELDS,
    IndexPage,
    LeadImageMixin,
    SectionItemPage,
)
from library.choices import (
    AUDIENCES,
    DOCUMENT_LANGUAGES,
    LICENCE_CHOICES,
    LICENCE_URLS,
    MONTH_CHOICES,
    PUBLICATION_TYPES,
)
from library.forms import PublicationPageForm
from library.identifiers import normalise_doi, normalise_isbn, validate_doi, validate_isbn
from library.panels import ExtractionStatusPanel
from news.models import Topic
from portal.languages import COUNTRY_CHOICES

DOCUMENT_LANGUAGE_NAMES = dict(DOCUMENT_LANGUAGES)
AUDIENCE_NAMES = dict(AUDIENCES)
TYPE_NAMES = dict(PUBLICATION_TYPES)
COUNTRY_NAMES = dict(COUNTRY_CHOICES)


class Organisation(TranslatableMixin, models.Model):
    """A publisher (or an organisation in general): a translatable snippet, so that
    "Ministry of Social Policy" reads in the visitor's language."""

    name = models.CharField(_("name"), max_length=255)
    city = models.CharField(
        _("city"), max_length=120, blank=True, help_text=_("Place of publication, for citations.")
    )
    website = models.URLField(_("website"), blank=True)

    panels = [FieldPanel("name"), FieldPanel("city"), FieldPanel("website")]
    translatable_fields = [
        TranslatableField("name"),
        TranslatableField("city"),
        SynchronizedField("website"),
    ]

    class Meta(TranslatableMixin.Meta):
        ordering = ["name"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")

    def __str__(self):
        return self.name


class LibraryIndexPage(IndexPage):
    """/<lang>/library/ (the whole locale) and /<lang>/<country>/library/. The
    region-wide one also holds the trainers' page."""

    subpage_types = ["library.PublicationPage", "library.TrainersPage"]
    empty_message = _("No publication matches these filters.")

    class Meta:
        verbose_name = _("library")

    def get_filter_form(self, request):
        from library.filters import LibraryFilterForm

        return LibraryFilterForm(
            request.GET or None, index_page=self, language_code=self.locale.language_code
        )

    def order_queryset(self, queryset, filters):
        from library.filters import order_publications

        return order_publications(queryset, filters.get("sort", ""))

    def get_context(self, request, *args, **kwargs):
        from library.search import snippets_for

        context = super().get_context(request, *args, **kwargs)
        form = context["filter_form"]
        context["facets"] = form.facets(self.get_unfiltered_queryset(form))
        query = form.active_filters().get("q")
        context["query"] = query or ""
        context["snippets"] = snippets_for(context["items"], query) if query else {}
        context["export_url"] = self.export_url(request)
        trainers = (
            TrainersPage.objects.child_of(self).live().first() if self.is_region_wide else None
        )
        context["trainers_page"] = trainers
        return context

    def export_url(self, request):
        from home.feeds import feed_url

        return feed_url(self, "export.ris", request)


class PublicationPage(LeadImageMixin, SectionItemPage):
    abstract = models.TextField(
        _("abstract"), blank=True, help_text=_("The publication's own abstract, if it has one.")
    )
    publisher = models.ForeignKey(
        Organisation,
        verbose_name=_("publisher"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    year = models.PositiveSmallIntegerField(
        _("year of publication"),
        validators=[MinValueValidator(1900), MaxValueValidator(2100)],
        db_index=True,
    )
    month = models.PositiveSmallIntegerField(
        _("month"), null=True, blank=True, choices=MONTH_CHOICES
    )
    publication_type = models.CharField(
        _("type"), max_length=20, choices=PUBLICATION_TYPES, default="report", db_index=True
    )
    isbn = models.CharField(
        _("ISBN"),
        max_length=17,
        blank=True,
        validators=[validate_isbn],
        help_text=_("ISBN-10 or ISBN-13, with or without hyphens."),
    )
    doi = models.CharField(
        _("DOI"),
        max_length=200,
        blank=True,
        validators=[validate_doi],
        help_text=_("For example 10.1234/abc-567 or https://doi.org/10.1234/abc-567."),
    )
    external_url = models.URLField(
        _("external URL"), blank=True, help_text=_("Where the publication also lives online.")
    )
    licence = models.CharField(_("licence"), max_length=20, choices=LICENCE_CHOICES, blank=True)
    # A page, not the events model: the library stays usable without the events
    # section, and the chooser below offers event pages only.
    webinar = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("webinar"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_(
            "The webinar this material belongs to. Its recording, slides and transcript are linked from the publication."
        ),
    )

    parent_page_types = ["library.LibraryIndexPage"]
    subpage_types = []
    # Adds the multiple-choice fields (audiences, countries covered, document
    # languages) that are stored as rows of their own.
    base_form_class = PublicationPageForm

    content_panels = [
        *Page.content_panels,
        FieldPanel("country"),
        FieldPanel("summary"),
        FieldPanel("abstract"),
        FieldPanel("publication_type"),
        FieldRowPanel([FieldPanel("year"), FieldPanel("month")], heading=_("Publication date")),
        InlinePanel("authors", label=_("Author"), heading=_("Authors")),
        FieldPanel("publisher"),
        FieldPanel("audiences"),
        MultiFieldPanel([InlinePanel("topic_links", label=_("Topic"))], heading=_("Topics")),
        FieldPanel("countries_covered"),
        FieldPanel("document_languages"),
        InlinePanel(
            "files",
            label=_("File"),
            heading=_("Files"),
            help_text=_(
                "One file per language edition. Text is extracted from PDF, DOCX and ODT "
                "files for search; the result is shown on each file."
            ),
        ),
        MultiFieldPanel(
            [FieldPanel("lead_image"), FieldPanel("lead_image_alt")], heading=_("Cover image")
        ),
        MultiFieldPanel(
            [
                FieldPanel("isbn"),
                FieldPanel("doi"),
                FieldPanel("external_url"),
                FieldPanel("licence"),
            ],
            heading=_("Identifiers and licence"),
        ),
        PageChooserPanel("webinar", page_type="events.EventPage"),
    ]
    translatable_fields = [
        *SectionItemPage.shared_translatable_fields,
        TranslatableField("abstract"),
        # The organisation is a translatable snippet: its translation is used.
        TranslatableField("publisher"),
        SynchronizedField("year"),
        SynchronizedField("month"),
        SynchronizedField("publication_type"),
        SynchronizedField("isbn"),
        SynchronizedField("doi"),
        SynchronizedField("external_url"),
        SynchronizedField("licence"),
        *LeadImageMixin.lead_image_translatable_fields,
        # Names stay as published, as in a citation.
        SynchronizedField("authors"),
        TranslatableField("topic_links"),
        SynchronizedField("audience_links"),
        SynchronizedField("country_links"),
        SynchronizedField("language_links"),
        # The files are the same documents in every locale; each carries its language.
        SynchronizedField("files"),
        # The same webinar everywhere; the page shows its translation in the reader's
        # language where there is one (related_webinar).
        SynchronizedField("webinar"),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("summary"),
        index.SearchField("abstract"),
        index.FilterField("country"),
        index.FilterField("year"),
        index.FilterField("publication_type"),
    ]
    api_fields = [
        APIField("publication_type"),
        APIField("year"),
        APIField("month"),
        APIField("country"),
        APIField("summary"),
        APIField("abstract"),
        APIField("author_list"),
        APIField("publisher_name"),
        APIField("audiences"),
        APIField("topic_names"),
        APIField("countries_covered"),
        APIField("document_languages"),
        APIField("file_list"),
        APIField("lead_image"),
        APIField("lead_image_alt"),
        APIField("isbn"),
        APIField("doi"),
        APIField("external_url"),
        APIField("licence"),
    ]

    class Meta:
        verbose_name = _("publication")
        verbose_name_plural = _("publications")

    def clean(self):
        super().clean()
        self.isbn = normalise_isbn(self.isbn)
        self.doi = normalise_doi(self.doi)

    def save(self, *args, **kwargs):
        # The languages of the files are languages of the document.
        languages = self.document_languages
        missing = [f.language for f in self.files.all() if f.language not in languages]
        if missing:
            self.set_document_languages([*languages, *dict.fromkeys(missing)])
        return super().save(*args, **kwargs)

    # Multi-valued choices, stored as rows so that listings can filter and count them.
    @property
    def audiences(self):
        return [link.audience for link in self.audience_links.all()]

    @property
    def countries_covered(self):
        return [link.country for link in self.country_links.all()]

    @property
    def document_languages(self):
        return [link.language for link in self.language_links.all()]

    def set_authors(self, pairs):
        """The authors, (kind, name) pairs, in citation order. Outside the admin's form
        nothing numbers an Orderable's rows (modelcluster keeps sort_order as given),
        so the order is written here; without it PostgreSQL returns any order."""
        self.authors = [
            PublicationAuthor(kind=kind, name=name, sort_order=position)
            for position, (kind, name) in enumerate(pairs)
        ]

    def set_audiences(self, values):
        self.audience_links = [PublicationAudience(audience=v) for v in dict.fromkeys(values)]

    def set_countries_covered(self, values):
        self.country_links = [PublicationCountry(country=v) for v in dict.fromkeys(values)]

    def set_document_languages(self, values):
        self.language_links = [PublicationLanguage(language=v) for v in dict.fromkeys(values)]

    # What templates, feeds, citations and the API read ----------------------------
    @property
    def related_webinar(self):
        """The linked webinar in this page's language where it is translated, else as
        published; None when it is not live (unpublished, or not yet translated and
        the original withdrawn)."""
        if not self.webinar_id:
            return None
        webinar = self.webinar
        translated = webinar.get_translation_or_none(self.locale)
        for candidate in (translated, webinar):
            if candidate is not None and candidate.live:
                return candidate.specific
        return None

    @property
    def type_label(self):
        return TYPE_NAMES.get(self.publication_type, "")

    @property
    def audience_labels(self):
        return [AUDIENCE_NAMES[a] for a in self.audiences if a in AUDIENCE_NAMES]

    @property
    def country_labels(self):
        return [COUNTRY_NAMES[c] for c in self.countries_covered if c in COUNTRY_NAMES]

    @property
    def language_labels(self):
        return [DOCUMENT_LANGUAGE_NAMES.get(code, code) for code in self.document_languages]

    @property
    def topics(self):
        return [link.topic for link in self.topic_links.all()]

    @property
    def topic_names(self):
        return [topic.name for topic in self.topics]

    @property
    def author_list(self):
        return [{"name": a.name, "kind": a.kind} for a in self.authors.all()]

    @property
    def publisher_name(self):
        return self.publisher.name if self.publisher else ""

    @property
    def date_iso(self):
        """ "2024" or "2024-05": as precise as the editor knew it."""
        return f"{self.year}-{self.month:02d}" if self.month else str(self.year)

    @property
    def licence_url(self):
        return LICENCE_URLS.get(self.licence, "")

    def files_for(self, language_code=None):
        """The files, the reader's language first, then in the editor's order."""
        language_code = language_code or get_language()
        files = list(self.files.all())
        return sorted(files, key=lambda f: f.language != language_code)

    @property
    def reader_files(self):
        return self.files_for()

    @property
    def file_list(self):
        return [
            {
                "url": f.document.url,
                "title": f.document.title,
                "language": f.language,
                "format": f.format,
                "size": f.size,
            }
            for f in self.files.all()
        ]

    @classmethod
    def optimise_for_listing(cls, queryset):
        return (
            super()
            .optimise_for_listing(queryset)
            .select_related("publisher")
            .prefetch_related(
                "authors",
                "language_links",
                Prefetch("topic_links", queryset=PublicationTopic.objects.select_related("topic")),
                Prefetch("files", queryset=PublicationFile.objects.select_related("document")),
            )
        )

    @classmethod
    def latest(cls, queryset):
        from library.filters import order_publications

        return cls.optimise_for_listing(order_publications(queryset, ""))

    def get_meta_description(self):
        return self.search_description or self.summary

    def get_context(self, request, *args, **kwargs):
        # The page, its citation data and its JSON-LD read each relation several
        # times: load each once (48 queries became 18, tests/test_query_budget.py).
        prefetch_related_objects(
            [self],
            "authors",
            "language_links",
            "audience_links",
            "country_links",
            Prefetch("topic_links", queryset=PublicationTopic.objects.select_related("topic")),
            Prefetch("files", queryset=PublicationFile.objects.select_related("document")),
        )
        context = super().get_context(request, *args, **kwargs)
        context["files"] = self.reader_files
        context["citation_meta"] = self.citation_meta(request)
        return context

    def get_json_ld(self, request):
        from library.citations import json_ld

        return json_ld(self, request)

    def citation_meta(self, request):
        from library.citations import citation_meta

        return citation_meta(self, request)


class PublicationAuthor(Orderable):
    PERSON = "person"
    ORGANISATION = "organisation"
    KINDS = [(PERSON, _("Person")), (ORGANISATION, _("Organisation"))]

    page = ParentalKey(PublicationPage, on_delete=models.CASCADE, related_name="authors")
    kind = models.CharField(_("kind"), max_length=20, choices=KINDS, default=PERSON)
    name = models.CharField(
        _("name"),
        max_length=255,
        help_text=_(
            "A person as family name, given names (Koval, Olena); an organisation as it names itself."
        ),
    )

    panels = [FieldRowPanel([FieldPanel("kind"), FieldPanel("name")])]
    translatable_fields = [SynchronizedField("kind"), SynchronizedField("name")]

    class Meta(Orderable.Meta):
        verbose_name = _("author")

    def __str__(self):
        return self.name

    @property
    def is_person(self):
        return self.kind == self.PERSON

    @property
    def display_name(self):
        """ "Koval, Olena" reads "Olena Koval"; an organisation as it is."""
        if self.is_person and "," in self.name:
            family, given = (part.strip() for part in self.name.split(",", 1))
            return f"{given} {family}".strip()
        return self.name


class PublicationTopic(TranslatableMixin, Orderable):
    """A topic of the shared taxonomy (news.Topic). Translatable itself, so that
    wagtail-localize swaps the topic for its translation."""

    page = ParentalKey(PublicationPage, on_delete=models.CASCADE, related_name="topic_links")
    topic = models.ForeignKey(
        Topic, verbose_name=_("topic"), on_delete=models.CASCADE, related_name="+"
    )

    panels = [FieldPanel("topic")]
    translatable_fields = [TranslatableField("topic")]

    class Meta(TranslatableMixin.Meta, Orderable.Meta):
        constraints = [
            models.UniqueConstraint(
                fields=["page", "topic"], name="library_publication_topic_unique"
            )
        ]


class PublicationAudience(models.Model):
    page = ParentalKey(PublicationPage, on_delete=models.CASCADE, related_name="audience_links")
    audience = models.CharField(_("audience"), max_length=30, choices=AUDIENCES)

    translatable_fields = [SynchronizedField("audience")]

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["page", "audience"], name="library_audience_unique")
        ]

    def __str__(self):
        return self.audience


class PublicationCountry(models.Model):
    page = ParentalKey(PublicationPage, on_delete=models.CASCADE, related_name="country_links")
    country = models.CharField(_("country"), max_length=40, choices=COUNTRY_CHOICES)

    translatable_fields = [SynchronizedField("country")]

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["page", "country"], name="library_country_unique")
        ]

    def __str__(self):
        return self.country


class PublicationLanguage(models.Model):
    page = ParentalKey(PublicationPage, on_delete=models.CASCADE, related_name="language_links")
    language = models.CharField(_("language"), max_length=10, choices=DOCUMENT_LANGUAGES)

    translatable_fields = [SynchronizedField("language")]

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["page", "language"], name="library_language_unique")
        ]

    def __str__(self):
        return self.language


class PublicationFile(Orderable):
    """One language edition of the publication: a Wagtail document (served through
    Wagtail's document view, with its collection's privacy) and its language."""

    page = ParentalKey(PublicationPage, on_delete=models.CASCADE, related_name="files")
    document = models.ForeignKey(
        get_document_model_string(),
        verbose_name=_("document"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    language = models.CharField(_("language"), max_length=10, choices=DOCUMENT_LANGUAGES)

    panels = [
        FieldRowPanel([FieldPanel("document"), FieldPanel("language")]),
        ExtractionStatusPanel(),
    ]
    translatable_fields = [SynchronizedField("document"), SynchronizedField("language")]

    class Meta(Orderable.Meta):
        verbose_name = _("file")

    @property
    def format(self):
        """ "PDF", "DOCX": from the file name, stored by Wagtail, no storage access."""
        return self.document.file_extension.upper() if self.document_id else ""

    @property
    def size(self):
        """Bytes, as Wagtail stored them at upload (Document.file_size), or None."""
        return self.document.file_size if self.document_id else None

    @property
    def language_name(self):
        return DOCUMENT_LANGUAGE_NAMES.get(self.language, self.language)

    @property
    def label(self):
        """ "PDF, 2.4 MB, Ukrainian", in the reader's language."""
        if self.size:
            return _("%(format)s, %(size)s, %(language)s") % {
                "format": self.format,
                "size": filesizeformat(self.size),
                "language": self.language_name,
            }
        return _("%(format)s, %(language)s") % {
            "format": self.format,
            "language": self.language_name,
        }


class DocumentText(models.Model):
    """The text extracted from a document, once per uploaded file (not per page
    revision: a publish must never overwrite it), with what happened."""

    PENDING = "pending"
    EXTRACTED = "extracted"
    NO_TEXT = "no_text"
    REFUSED = "refused"
    FAILED = "failed"
    NOT_APPLICABLE = "not_applicable"
    STATUSES = [
        (PENDING, _("Waiting for text extraction")),
        (EXTRACTED, _("Text extracted")),
        (NO_TEXT, _("No text found")),
        (REFUSED, _("Not read")),
        (FAILED, _("Could not be read")),
        (NOT_APPLICABLE, _("No text extraction for this format")),
    ]

    document = models.OneToOneField(
        get_document_model_string(),
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="library_text",
    )
    status = models.CharField(max_length=20, choices=STATUSES, default=PENDING)
    # Why a file was not (fully) read: a key of NOTES, and a technical detail.
    reason = models.CharField(max_length=20, blank=True)
    detail = models.TextField(blank=True)
    text = models.TextField(blank=True)
    # What the text was extracted from: a new upload gives a new key.
    file_key = models.CharField(max_length=200, blank=True)
    # The language the text is indexed in, and its PostgreSQL configuration.
    language = models.CharField(max_length=10, blank=True)
    search_config = models.CharField(max_length=30, default="simple")
    # PostgreSQL only (left empty elsewhere); GIN-indexed by migration 0002.
    search_vector = SearchVectorField(null=True, editable=False)
    page_count = models.PositiveIntegerField(null=True)
    extracted_at = models.DateTimeField(null=True)

    class Meta:
        verbose_name = _("extracted text")

    def __str__(self):
        return f"{self.document_id}: {self.status}"

    NOTES = {
        "no_text": _(
            "No text was found in this file. It may be a scanned image: add a version "
            "with text, or run it through OCR, so that readers can find it by search."
        ),
        "encrypted": _("This PDF is password-protected, so its text cannot be read."),
        "broken": _(
            "This file could not be read. It may be damaged, or not the format its name says."
        ),
        "zip_bomb": _(
            "This file was not read: it would expand to far more data than a document "
            "needs (a possible zip bomb)."
        ),
        "too_large": _("This file is too large for text extraction."),
        "timeout": _("Reading this file took too long, so its text was not extracted."),
        "memory": _("Reading this file needed too much memory, so its text was not extracted."),
        "unsupported": _("Text is extracted from PDF, DOCX and ODT files only."),
    }

    @property
    def is_problem(self):
        return self.status in (self.NO_TEXT, self.REFUSED, self.FAILED)

    @property
    def note(self):
        """What an editor reads on the file row, in the admin's language."""
        return self.NOTES.get(self.reason, "")


class TrainersPage(Page):
    """/<lang>/library/trainers/: training materials by topic and audience, with
    editors' picks. One per locale, below the region-wide library (built by the
    tree builder through the section's fixed children)."""

    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])

    parent_page_types = ["library.LibraryIndexPage"]
    subpage_types = []
    max_count_per_parent = 1

    content_panels = [
        *Page.content_panels,
        FieldPanel("intro"),
        InlinePanel("picks", label=_("Editors' pick"), heading=_("Editors' picks")),
    ]
    translatable_fields = [
        *PAGE_TRANSLATABLE_FIELDS,
        TranslatableField("intro"),
        # The chosen publications; shown in the reader's language where it exists.
        SynchronizedField("picks"),
    ]

    class Meta:
        verbose_name = _("resources for trainers")
        verbose_name_plural = _("resources for trainers")

    @classmethod
    def can_create_at(cls, parent):
        # Only below the region-wide library, never a country's.
        return super().can_create_at(parent) and parent.depth == COUNTRY_DEPTH

    def get_context(self, request, *args, **kwargs):
        from library.trainers import trainers_context

        context = super().get_context(request, *args, **kwargs)
        context.update(trainers_context(self))
        return context


class TrainersPick(Orderable):
    page = ParentalKey(TrainersPage, on_delete=models.CASCADE, related_name="picks")
    publication = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("publication"),
        on_delete=models.CASCADE,
        related_name="+",
    )

    panels = [PageChooserPanel("publication", page_type="library.PublicationPage")]
    translatable_fields = [SynchronizedField("publication")]


class ImportRecord(models.Model):
    """The stable key of an imported publication (external id, DOI or ISBN) in one
    locale, so that a rerun updates instead of duplicating."""

    key = models.CharField(max_length=255)
    locale = models.ForeignKey("wagtailcore.Locale", on_delete=models.CASCADE, related_name="+")
    page = models.ForeignKey(
        PublicationPage, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    fingerprint = models.CharField(max_length=64)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["key", "locale"], name="library_import_key_unique")
        ]
        permissions = [("import_publications", "Can import publications in bulk")]

    def __str__(self):
        return self.key
