"""The publication's admin form: the multiple-choice fields that the model stores
as rows of their own (so that listings can filter and count them)."""

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminPageForm

from home.models import country_slug_for_path
from library.choices import AUDIENCES, DOCUMENT_LANGUAGES
from portal.languages import COUNTRY_CHOICES

# form field -> (model property that reads it, model method that writes it)
MULTIPLE_CHOICES = {
    "audiences": ("audiences", "set_audiences"),
    "countries_covered": ("countries_covered", "set_countries_covered"),
    "document_languages": ("document_languages", "set_document_languages"),
}


class PublicationPageForm(WagtailAdminPageForm):
    audiences = forms.MultipleChoiceField(
        label=_("Audiences"),
        choices=AUDIENCES,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    countries_covered = forms.MultipleChoiceField(
        label=_("Countries covered"),
        choices=COUNTRY_CHOICES,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    document_languages = forms.MultipleChoiceField(
        label=_("Languages of the document"),
        choices=DOCUMENT_LANGUAGES,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_(
            "The languages the publication itself is written in, whatever the language "
            "of this page. The languages of its files are added automatically."
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, (getter, _setter) in MULTIPLE_CHOICES.items():
            if name in self.fields and not self.is_bound:
                self.initial[name] = getattr(self.instance, getter)
        if (
            "countries_covered" in self.fields
            and not self.is_bound
            and self.instance.pk is None
            and self.parent_page is not None
        ):
            # A new publication in a country section covers that country, until told otherwise.
            country = country_slug_for_path(self.parent_page.path + "0" * 4)
            if country:
                self.initial["countries_covered"] = [country]

    def save(self, commit=True):
        instance = super().save(commit=False)
        for name, (_getter, setter) in MULTIPLE_CHOICES.items():
            if name in self.cleaned_data:
                getattr(instance, setter)(self.cleaned_data[name])
        if commit:
            instance.save()
        return instance
