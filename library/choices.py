"""The library's fixed vocabularies. The values are the URL values of the filters
(?type=toolkit, ?audience=social-workers), the same in every language."""

from django.utils.dates import MONTHS
from django.utils.translation import gettext_lazy as _

from portal.languages import SPOKEN_LANGUAGE_CHOICES

PUBLICATION_TYPES = [
    ("report", _("Report")),
    ("guideline", _("Guideline")),
    ("toolkit", _("Toolkit")),
    ("training", _("Training material")),
    ("policy", _("Policy")),
    ("research", _("Research")),
    ("video", _("Video")),
    ("other", _("Other")),
]
TRAINING_TYPE = "training"

AUDIENCES = [
    ("trainers", _("Trainers")),
    ("social-workers", _("Social workers")),
    ("teachers", _("Teachers")),
    ("police", _("Police")),
    ("health", _("Health professionals")),
    ("justice", _("Justice professionals")),
    ("policymakers", _("Policymakers")),
    ("parents", _("Parents")),
]

# The languages a document can be written in: independent of the page's locale.
DOCUMENT_LANGUAGES = SPOKEN_LANGUAGE_CHOICES

# (value, label, URL of the licence text). The URL goes into JSON-LD `license`.
LICENCES = [
    ("cc-by-4.0", "CC BY 4.0", "https://creativecommons.org/licenses/by/4.0/"),
    ("cc-by-sa-4.0", "CC BY-SA 4.0", "https://creativecommons.org/licenses/by-sa/4.0/"),
    ("cc-by-nc-4.0", "CC BY-NC 4.0", "https://creativecommons.org/licenses/by-nc/4.0/"),
    ("cc-by-nc-sa-4.0", "CC BY-NC-SA 4.0", "https://creativecommons.org/licenses/by-nc-sa/4.0/"),
    ("cc-by-nd-4.0", "CC BY-ND 4.0", "https://creativecommons.org/licenses/by-nd/4.0/"),
    ("cc-by-nc-nd-4.0", "CC BY-NC-ND 4.0", "https://creativecommons.org/licenses/by-nc-nd/4.0/"),
    ("cc0", "CC0 1.0", "https://creativecommons.org/publicdomain/zero/1.0/"),
    ("copyright", _("All rights reserved"), ""),
    ("other", _("Other licence"), ""),
]
LICENCE_CHOICES = [(value, label) for value, label, _url in LICENCES]
LICENCE_URLS = {value: url for value, _label, url in LICENCES if url}

# Django's own month names, already translated in every language it ships.
MONTH_CHOICES = list(MONTHS.items())
