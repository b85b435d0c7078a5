from django import forms
from django.utils.translation import gettext_lazy as _

from home.sections import all_sections
from portal.collation import collated_choices
from portal.languages import COUNTRY_CHOICES

# Long enough for any real question, short enough that a pasted essay cannot make
# the database work hard.
QUERY_MAX_LENGTH = 200


def type_choices():
    # Callable, so the choices follow the section registry (home.sections).
    return [("", _("Everything"))] + [(s.key, s.menu_label) for s in all_sections()]


class SearchForm(forms.Form):
    q = forms.CharField(
        label=_("Search for"),
        required=False,
        max_length=QUERY_MAX_LENGTH,
        strip=True,
        error_messages={
            "max_length": _(
                "Your search is too long. Use at most %(limit_value)d characters, "
                "for example a few key words."
            ),
        },
    )
    type = forms.ChoiceField(label=_("Type"), required=False, choices=type_choices)
    country = forms.ChoiceField(
        label=_("Country"), required=False, choices=[("", _("All countries")), *COUNTRY_CHOICES]
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Countries in the reader's alphabetical order (the active language).
        self.fields["country"].choices = [
            ("", _("All countries")),
            *collated_choices(COUNTRY_CHOICES),
        ]

    def clean_q(self):
        # A NUL byte cannot reach PostgreSQL; other control characters mean nothing
        # in a search either.
        value = self.cleaned_data["q"]
        return " ".join("".join(ch if ch.isprintable() else " " for ch in value).split())

    def rejected_fields(self):
        return [str(self.fields[name].label) for name in self.errors if name in ("type", "country")]
