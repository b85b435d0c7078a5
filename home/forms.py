from zoneinfo import ZoneInfo

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminPageForm

from portal.collation import collated_choices
from portal.languages import COUNTRIES_BY_SLUG, COUNTRY_CHOICES

COUNTRY_CLASH_MESSAGE = _("This home page already has a section for that country.")


class CountryPageForm(WagtailAdminPageForm):
    def clean(self):
        cleaned_data = super().clean()
        # On creation the page is not in the tree yet, so the model cannot see its
        # siblings; the form knows the parent.
        if self.parent_page is not None and "country" in cleaned_data:
            self.instance.country = cleaned_data["country"]
            if self.instance.has_sibling_for_country(self.parent_page):
                self.add_error("country", COUNTRY_CLASH_MESSAGE)
        return cleaned_data


def default_time_zone_under(parent_page):
    """A new event or vacancy starts in its country's zone."""
    from home.models import country_slug_for_path

    country = COUNTRIES_BY_SLUG.get(country_slug_for_path(parent_page.path + "0" * 4))
    return country.time_zone if country else "UTC"


class LocalTimePageForm(WagtailAdminPageForm):
    """Editors type wall-clock times as they are in the event's (or deadline's) own
    time zone, whatever the admin user's time zone is. The fields listed in
    ``local_time_fields`` are shown and read in the zone named by ``time_zone``."""

    local_time_fields = ()
    time_zone_field = "time_zone"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound and self.instance.pk is None and self.parent_page is not None:
            self.initial[self.time_zone_field] = default_time_zone_under(self.parent_page)
        zone_name = getattr(self.instance, self.time_zone_field, None)
        if not zone_name or self.is_bound or self.instance.pk is None:
            return
        zone = ZoneInfo(zone_name)
        for name in self.local_time_fields:
            value = getattr(self.instance, name, None)
            if value is not None and name in self.fields:
                # A naive initial value is displayed as it is: the wall-clock time in the zone.
                self.initial[name] = timezone.make_naive(value, zone)

    def clean(self):
        cleaned_data = super().clean()
        zone_name = cleaned_data.get(self.time_zone_field)
        if not zone_name:
            return cleaned_data
        zone = ZoneInfo(zone_name)
        current = timezone.get_current_timezone()
        for name in self.local_time_fields:
            value = cleaned_data.get(name)
            if value is None:
                continue
            # Django read the typed time in the admin user's zone; read it again in the page's zone.
            wall_clock = timezone.make_naive(value, current)
            cleaned_data[name] = timezone.make_aware(wall_clock, zone)
        return cleaned_data


class LanguageMarkedSelect(forms.Select):
    """A select whose options may be in another language than the page: a taxonomy
    term without a translation yet is offered in its source language, with `lang`."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.option_languages = {}

    def create_option(self, name, value, label, selected, index, subindex=None, attrs=None):
        option = super().create_option(name, value, label, selected, index, subindex, attrs)
        language = self.option_languages.get(value)
        if language:
            option["attrs"]["lang"] = language
        return option


def term_choices(field, term_model, language_code, empty_label):
    """Fill a ChoiceField (with a LanguageMarkedSelect) with a taxonomy's terms as a
    reader of `language_code` sees them: the same slugs in every language."""
    terms = term_model.shown_in(language_code)
    field.choices = [("", empty_label), *((term.slug, term.name) for term in terms)]
    field.widget.option_languages = {term.slug: term.language for term in terms if term.language}


class ListingFilterForm(forms.Form):
    """The GET filters of a listing. A value that does not validate is dropped and
    reported, so a stale or mistyped link still shows a normal page."""

    country = forms.ChoiceField(
        label=_("Country"), required=False, choices=[("", _("All countries")), *COUNTRY_CHOICES]
    )

    untranslated = forms.BooleanField(
        label=_("Also show items not yet translated into this language"), required=False
    )

    def __init__(self, data=None, *, index_page, language_code, **kwargs):
        super().__init__(data, **kwargs)
        self.index_page = index_page
        self.language_code = language_code
        if not index_page.is_region_wide:
            # A country index lists one country only.
            del self.fields["country"]
        else:
            self.fields["country"].choices = [
                ("", _("All countries")),
                *collated_choices(COUNTRY_CHOICES, language_code),
            ]

    def order_fields(self, field_order):
        super().order_fields(field_order)
        # The "also untranslated" checkbox reads best after the filters proper.
        self.fields["untranslated"] = self.fields.pop("untranslated")

    def active_filters(self):
        if not self.is_bound:
            return {}
        self.is_valid()
        return {k: v for k, v in self.cleaned_data.items() if v not in (None, "", [], False)}

    def rejected_fields(self):
        if not self.is_bound:
            return []
        self.is_valid()
        return [str(self.fields[name].label) for name in self.errors if name in self.fields]

    def filter_queryset(self, queryset):
        country = self.active_filters().get("country")
        if country:
            queryset = queryset.filter(country=country)
        return queryset

    def has_extra_filters(self):
        return any(name != "page" for name in self.active_filters())

    def wants_untranslated(self):
        return bool(self.active_filters().get("untranslated"))
