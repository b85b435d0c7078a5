"""The portal's content languages and countries: the single list the settings, the
page tree, the demo data and the templates read from."""

from django.utils.translation import gettext_lazy as _

# (code, autonym). Autonyms are deliberately not translated: a visitor looks for
# their own language written in their own language.
LANGUAGES = [
    ("en", "English"),
    ("sq", "Shqip"),
    ("bg", "Български"),
    ("el", "Ελληνικά"),
    ("fr", "Français"),
    ("hu", "Magyar"),
    ("ro", "Română"),
    ("sh", "BHS (bosanski/hrvatski/srpski)"),
    ("uk", "Українська"),
    ("ru", "Русский"),
]
LANGUAGE_CODES = [code for code, _name in LANGUAGES]

# Django has no LANG_INFO entry for "sh"; the settings register this one.
SH_LANG_INFO = {
    "bidi": False,
    "code": "sh",
    "name": "Serbo-Croatian",
    "name_local": "BHS",
}


# Browsers send hr, bs, sr, sr-Latn or cnr; the hub serves all of them in "sh".
LANGUAGE_ALIASES = {
    "hr": "sh",
    "bs": "sh",
    "sr": "sh",
    "cnr": "sh",
    "me": "sh",
    "ua": "uk",
}


class Country:
    def __init__(self, slug, name, language, time_zone, iso_code):
        self.slug = slug
        self.iso_code = iso_code
        self.name = name
        self.language = language
        self.time_zone = time_zone

    def __repr__(self):
        return f"<Country {self.slug}>"


COUNTRIES = [
    Country("albania", _("Albania"), "sq", "Europe/Tirane", "AL"),
    Country("bosnia-and-herzegovina", _("Bosnia and Herzegovina"), "sh", "Europe/Sarajevo", "BA"),
    Country("bulgaria", _("Bulgaria"), "bg", "Europe/Sofia", "BG"),
    Country("croatia", _("Croatia"), "sh", "Europe/Zagreb", "HR"),
    Country("hungary", _("Hungary"), "hu", "Europe/Budapest", "HU"),
    Country("kosovo", _("Kosovo"), "sq", "Europe/Belgrade", "XK"),
    Country("moldova", _("Moldova"), "ro", "Europe/Chisinau", "MD"),
    Country("romania", _("Romania"), "ro", "Europe/Bucharest", "RO"),
    Country("serbia", _("Serbia"), "sh", "Europe/Belgrade", "RS"),
    Country("ukraine", _("Ukraine"), "uk", "Europe/Kyiv", "UA"),
]
COUNTRIES_BY_SLUG = {country.slug: country for country in COUNTRIES}
COUNTRY_CHOICES = [(country.slug, country.name) for country in COUNTRIES]

# Languages an expert may list as spoken: the ten portal languages plus the others
# that professionals in the region commonly work in.
SPOKEN_LANGUAGE_CHOICES = [
    ("en", _("English")),
    ("sq", _("Albanian")),
    ("bg", _("Bulgarian")),
    ("el", _("Greek")),
    ("fr", _("French")),
    ("hu", _("Hungarian")),
    ("ro", _("Romanian")),
    ("sh", _("Bosnian/Croatian/Serbian")),
    ("uk", _("Ukrainian")),
    ("ru", _("Russian")),
    ("de", _("German")),
    ("it", _("Italian")),
    ("es", _("Spanish")),
    ("mk", _("Macedonian")),
    ("sl", _("Slovenian")),
    ("tr", _("Turkish")),
    ("pl", _("Polish")),
    ("sk", _("Slovak")),
    ("cs", _("Czech")),
]

# Time zones an editor can pick for an event or a vacancy deadline: the region's
# own zones first, then UTC for purely online events.
TIME_ZONE_CHOICES = sorted({(c.time_zone, c.time_zone) for c in COUNTRIES}) + [
    ("Europe/Athens", "Europe/Athens"),
    ("Europe/Paris", "Europe/Paris"),
    ("Europe/Brussels", "Europe/Brussels"),
    ("Europe/Zurich", "Europe/Zurich"),
    ("Europe/London", "Europe/London"),
    ("UTC", "UTC"),
]
