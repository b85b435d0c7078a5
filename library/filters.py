"""The library's GET filters and the counts beside each value (facets).

Filters combine (AND across facets). Each facet counts what the listing would show
if that facet's value were changed and every other filter kept, so the counts tell
a reader where each link leads. One aggregate query per facet, whatever the number
of publications or of facet values."""

import datetime

from django import forms
from django.db.models import Count, F
from django.http import QueryDict
from django.utils.translation import gettext_lazy as _

from home.forms import ListingFilterForm
from library.choices import AUDIENCES, DOCUMENT_LANGUAGES, PUBLICATION_TYPES
from library.models import (
    PublicationAudience,
    PublicationCountry,
    PublicationLanguage,
    PublicationTopic,
)
from library.search import QUERY_MAX_LENGTH, matching
from news.models import Topic

YEAR_MIN = 1900
YEAR_MAX = 2100


def order_publications(queryset, sort):
    if sort == "oldest":
        return queryset.order_by(
            "year", F("month").asc(nulls_first=True), "first_published_at", "pk"
        )
    if sort == "title":
        return queryset.order_by("title", "pk")
    return queryset.order_by(
        "-year", F("month").desc(nulls_last=True), "-first_published_at", "-pk"
    )


def _linked(model, field):
    def apply(queryset, value):
        return queryset.filter(pk__in=model.objects.filter(**{field: value}).values("page_id"))

    return apply


# name -> how a value narrows the publications. `q` is the search inside the
# publications and their files (library.search).
FILTERS = {
    "type": lambda queryset, value: queryset.filter(publication_type=value),
    "topic": _linked(PublicationTopic, "topic__slug"),
    "audience": _linked(PublicationAudience, "audience"),
    # In the library, "country" means a country the publication covers.
    "country": _linked(PublicationCountry, "country"),
    "language": _linked(PublicationLanguage, "language"),
    "year_from": lambda queryset, value: queryset.filter(year__gte=value),
    "year_to": lambda queryset, value: queryset.filter(year__lte=value),
}


class LibraryFilterForm(ListingFilterForm):
    q = forms.CharField(
        label=_("Search the library"),
        required=False,
        max_length=QUERY_MAX_LENGTH,
        error_messages={
            "max_length": _(
                "Your search is too long. Use at most %(limit_value)d characters, "
                "for example a few key words."
            ),
        },
    )
    type = forms.ChoiceField(
        label=_("Type"), required=False, choices=[("", _("All types")), *PUBLICATION_TYPES]
    )
    topic = forms.ChoiceField(label=_("Topic"), required=False)
    audience = forms.ChoiceField(
        label=_("Audience"), required=False, choices=[("", _("All audiences")), *AUDIENCES]
    )
    language = forms.ChoiceField(
        label=_("Language of the document"),
        required=False,
        choices=[("", _("Any language")), *DOCUMENT_LANGUAGES],
    )
    year_from = forms.IntegerField(
        label=_("From year"), required=False, min_value=YEAR_MIN, max_value=YEAR_MAX
    )
    year_to = forms.IntegerField(
        label=_("To year"), required=False, min_value=YEAR_MIN, max_value=YEAR_MAX
    )
    sort = forms.ChoiceField(
        label=_("Order"),
        required=False,
        choices=[("", _("Newest first")), ("oldest", _("Oldest first")), ("title", _("By title"))],
    )

    field_order = [
        "q",
        "type",
        "topic",
        "audience",
        "country",
        "language",
        "year_from",
        "year_to",
        "sort",
        "untranslated",
    ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "country" in self.fields:
            self.fields["country"].label = _("Country covered")
        topics = Topic.objects.filter(locale_id=self.index_page.locale_id).values_list(
            "slug", "name"
        )
        self.topic_names = dict(topics)
        self.fields["topic"].choices = [("", _("All topics")), *self.topic_names.items()]
        for name in ("year_from", "year_to"):
            self.fields[name].widget.attrs.update(
                {"inputmode": "numeric", "placeholder": str(datetime.date.today().year)}
            )

    def clean_q(self):
        # A NUL byte cannot reach PostgreSQL; other control characters mean nothing here.
        value = self.cleaned_data["q"]
        return " ".join("".join(ch if ch.isprintable() else " " for ch in value).split())

    def clean(self):
        cleaned_data = super().clean()
        start, end = cleaned_data.get("year_from"), cleaned_data.get("year_to")
        if start and end and end < start:
            self.add_error("year_to", _("The end year comes before the start year."))
        return cleaned_data

    def filter_queryset(self, queryset, skip=()):
        filters = self.active_filters()
        for name, apply in FILTERS.items():
            if name not in skip and filters.get(name) not in (None, ""):
                queryset = apply(queryset, filters[name])
        if "q" not in skip and filters.get("q"):
            queryset = matching(queryset, filters["q"], self.language_code)
        return queryset

    # Facets ------------------------------------------------------------------------
    def _query(self):
        return self.data.copy() if self.is_bound else QueryDict(mutable=True)

    def _url(self, **changes):
        query = self._query()
        query.pop("page", None)
        for name, value in changes.items():
            query.pop(name, None)
            if value not in (None, ""):
                query[name] = value
        encoded = query.urlencode()
        return f"?{encoded}" if encoded else "?"

    def _options(self, name, counts, labels):
        selected = self.active_filters().get(name)
        options = []
        for value, label in labels:
            count = counts.get(value, 0)
            is_selected = value == selected
            if not count and not is_selected:
                continue
            options.append(
                {
                    "value": value,
                    "label": label,
                    "count": count,
                    "selected": is_selected,
                    # A selected value's link removes it.
                    "url": self._url(**{name: "" if is_selected else value}),
                }
            )
        return options

    def _link_counts(self, unfiltered, name, model, field):
        pages = self.filter_queryset(unfiltered, skip={name}).values("pk")
        rows = (
            model.objects.filter(page_id__in=pages)
            .values(field)
            .annotate(count=Count("page_id", distinct=True))
            .order_by()
        )
        return {row[field]: row["count"] for row in rows}

    def facets(self, unfiltered):
        """[{name, label, options: [{value, label, count, selected, url}]}], one query
        per facet."""
        facets = []
        type_rows = (
            self.filter_queryset(unfiltered, skip={"type"})
            .order_by()
            .values("publication_type")
            .annotate(count=Count("pk"))
        )
        type_counts = {row["publication_type"]: row["count"] for row in type_rows}
        facets.append(("type", _("Type"), self._options("type", type_counts, PUBLICATION_TYPES)))
        topic_counts = self._link_counts(unfiltered, "topic", PublicationTopic, "topic__slug")
        facets.append(
            ("topic", _("Topic"), self._options("topic", topic_counts, self.topic_names.items()))
        )
        audience_counts = self._link_counts(unfiltered, "audience", PublicationAudience, "audience")
        facets.append(
            ("audience", _("Audience"), self._options("audience", audience_counts, AUDIENCES))
        )
        if "country" in self.fields:
            country_counts = self._link_counts(unfiltered, "country", PublicationCountry, "country")
            choices = self.fields["country"].choices[1:]
            facets.append(
                ("country", _("Country covered"), self._options("country", country_counts, choices))
            )
        language_counts = self._link_counts(unfiltered, "language", PublicationLanguage, "language")
        facets.append(
            (
                "language",
                _("Language of the document"),
                self._options("language", language_counts, DOCUMENT_LANGUAGES),
            )
        )
        facets.append(("year", _("Year"), self._year_options(unfiltered)))
        return [
            {"name": name, "label": label, "options": options}
            for name, label, options in facets
            if options
        ]

    def _year_options(self, unfiltered):
        rows = (
            self.filter_queryset(unfiltered, skip={"year_from", "year_to"})
            .order_by()
            .values("year")
            .annotate(count=Count("pk"))
        )
        filters = self.active_filters()
        start, end = filters.get("year_from"), filters.get("year_to")
        options = []
        for row in sorted(rows, key=lambda r: -r["year"]):
            year = row["year"]
            selected = start == year and end == year
            options.append(
                {
                    "value": str(year),
                    "label": str(year),
                    "count": row["count"],
                    "selected": selected,
                    "url": self._url(
                        year_from="" if selected else year, year_to="" if selected else year
                    ),
                }
            )
        return options


def _year(apply):
    def checked(queryset, value):
        from wagtail.api.v2.utils import BadRequestError

        try:
            year = int(value)
        except ValueError as error:
            raise BadRequestError(f"{value!r} is not a year") from error
        return apply(queryset, year)

    return checked


# The same filters in the API (/api/v2/pages/?type=library.PublicationPage&topic=…),
# declared through the section registry; "country" there is the section's country
# (a database field), so the countries covered are ?covers=.
API_FILTERS = {
    "topic": FILTERS["topic"],
    "audience": FILTERS["audience"],
    "covers": FILTERS["country"],
    "document_language": FILTERS["language"],
    "year_from": _year(FILTERS["year_from"]),
    "year_to": _year(FILTERS["year_to"]),
}
