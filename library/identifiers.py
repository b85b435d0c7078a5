"""ISBN and DOI: normalised forms and validators, shared by the admin form, the
model and the bulk import."""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

DOI_PATTERN = re.compile(r"^10\.\d{4,9}/\S+$")
DOI_PREFIXES = ("https://doi.org/", "http://doi.org/", "https://dx.doi.org/", "doi:")


def normalise_isbn(value):
    """Digits (and a final X) only: "978-617-7022-11-3" -> "9786177022113"."""
    return re.sub(r"[\s-]", "", value or "").upper()


def isbn_is_valid(value):
    isbn = normalise_isbn(value)
    if re.fullmatch(r"\d{9}[\dX]", isbn):
        total = sum((10 - i) * (10 if ch == "X" else int(ch)) for i, ch in enumerate(isbn))
        return total % 11 == 0
    if re.fullmatch(r"97[89]\d{10}", isbn):
        total = sum((1 if i % 2 == 0 else 3) * int(ch) for i, ch in enumerate(isbn))
        return total % 10 == 0
    return False


def validate_isbn(value):
    if value and not isbn_is_valid(value):
        raise ValidationError(
            _("This is not a valid ISBN-10 or ISBN-13: check the digits."), code="isbn"
        )


def normalise_doi(value):
    """The bare DOI: "https://doi.org/10.1000/xyz" -> "10.1000/xyz"."""
    value = (value or "").strip()
    lowered = value.lower()
    for prefix in DOI_PREFIXES:
        if lowered.startswith(prefix):
            return value[len(prefix) :].strip()
    return value


def validate_doi(value):
    if value and not DOI_PATTERN.match(normalise_doi(value)):
        raise ValidationError(_("This is not a DOI. A DOI looks like 10.1234/abc-567."), code="doi")
