"""Sorting words the way a reader of a language expects: Ukrainian "Ґ" after "Г" and
"Є", "І", "Ї" in their alphabet places, Romanian "Ș" after "S", BHS "Č", "Ć", "Đ" after
"C" and "D". Python's sorted() orders by code point, which puts every Cyrillic "Є" or
Romanian "Ș" after "Z"; ICU's collators (CLDR data) know each language's order.

PyICU comes from the pyicu-wheels binary wheel (ICU bundled), so no system libicu or
compiler is needed; its `icu` module is PyICU's own."""

import threading

import icu
from django.utils.translation import get_language

_local = threading.local()


def collator(language_code):
    """An ICU collator for the language, one per thread (ICU collators are not meant
    to be shared between threads). "sh" is ICU's alias of Serbian in Latin script."""
    cache = getattr(_local, "collators", None)
    if cache is None:
        cache = _local.collators = {}
    if language_code not in cache:
        cache[language_code] = icu.Collator.createInstance(icu.Locale(language_code or "en"))
    return cache[language_code]


def collated(items, key=str, language_code=None):
    """`items` sorted by `key(item)` in the order of `language_code` (default: the
    active language)."""
    sort_key = collator(language_code or get_language()).getSortKey
    return sorted(items, key=lambda item: sort_key(str(key(item))))


def collated_choices(choices, language_code=None):
    """Form choices [(value, label)] sorted by their (translated) label."""
    return collated(choices, key=lambda choice: choice[1], language_code=language_code)
