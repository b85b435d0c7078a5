"""Runtime support for the hub's own language code "sh" (Bosnian/Croatian/Serbian,
Latin script), and the check that every catalogue on disk is what readers get.

Why "sh" needs help, in one place:

- Django has no LANG_INFO entry for "sh"; we register one.
- Python's gettext never opens a catalogue named "sh". Django asks
  ``gettext.translation(languages=[to_locale(code)])`` for each catalogue directory
  (``django.utils.translation.trans_real.DjangoTranslation._new_gnu_trans``), and
  ``gettext.find`` expands each language with ``gettext._expand_lang``, which first
  calls ``locale.normalize``. The C library alias table shipped in the ``locale``
  module maps "sh" to "sr_RS.UTF-8@latin", so the candidates are sr_RS@latin, sr@latin,
  sr_RS, sr … and never "sh". The result was /sh/ in English (locale/sh unread), with
  Django's Cyrillic "sr" strings for month names and the admin's Cyrillic "Search".
  Removing the alias makes gettext look for "sh" and only "sh"; nothing in the portal
  calls ``setlocale`` with "sh", which is the alias table's other user.

Django's and its contrib apps' own strings for "sh" (month names, form errors, sign-in
errors) come from their Serbian Latin catalogues, vendored in portal/locale_fallbacks/sh
because gettext now finds no "sh" catalogue in Django itself.

tests/portal/test_runtime_catalogues.py is the contract test for both internals."""

import gettext as gettext_module
import locale
from pathlib import Path

from django.conf.locale import LANG_INFO

from portal.languages import SH_LANG_INFO

# What the standard library mapped "sh" to before we removed it; the contract test
# fails when a Python upgrade stops aliasing "sh" and this module can be simplified.
STDLIB_SH_ALIAS = locale.locale_alias.get("sh")
# gettext's separator between a message context and its msgid in catalogue keys.
CONTEXT_SEPARATOR = "\x04"


def register_sh_locale():
    """Called from the settings, before any translation is activated."""
    LANG_INFO.setdefault("sh", SH_LANG_INFO)
    locale.locale_alias.pop("sh", None)


def catalogue_entries(code, locale_paths):
    """{msgid: msgstr} that the runtime should return for `code`, read straight from
    the compiled .mo files of `locale_paths` (first path wins, as in Django). Plural
    entries are keyed (msgid, n) for n in 1, 2 and 5."""
    entries = {}
    for locale_dir in locale_paths:
        mo_path = Path(locale_dir) / code / "LC_MESSAGES" / "django.mo"
        if not mo_path.exists():
            continue
        with mo_path.open("rb") as handle:
            catalogue = gettext_module.GNUTranslations(handle)
        for key, msgstr in catalogue._catalog.items():
            if isinstance(key, tuple):
                msgid, form = key
                if not msgid or not msgstr:
                    continue
                for n in (1, 2, 5):
                    if catalogue.plural(n) == form:
                        entries.setdefault((msgid, n), msgstr)
            elif key and msgstr:
                entries.setdefault(key, msgstr)
    return entries


def runtime_mismatches(code, locale_paths=None):
    """[(msgid, catalogue msgstr, runtime msgstr)] for every entry of the project's
    catalogues (settings.LOCALE_PATHS) that Django's runtime lookup in `code` does
    not return. Empty when the reader gets exactly what is on disk."""
    from django.conf import settings
    from django.utils import translation

    if locale_paths is None:
        locale_paths = settings.LOCALE_PATHS
    entries = catalogue_entries(code, locale_paths)
    problems = []
    with translation.override(code):
        for key, expected in entries.items():
            if isinstance(key, tuple):
                msgid, n = key
                got = _runtime_plural(msgid, n)
                label = msgid
            else:
                got = _runtime_singular(key)
                label = key.split(CONTEXT_SEPARATOR, 1)[-1]
            if got != expected:
                problems.append((label, expected, got))
    return problems


def _runtime_singular(key):
    from django.utils import translation

    if CONTEXT_SEPARATOR in key:
        context, msgid = key.split(CONTEXT_SEPARATOR, 1)
        return translation.pgettext(context, msgid)
    return translation.gettext(key)


def _runtime_plural(msgid, n):
    from django.utils.translation import trans_real

    # Plural entries carry no msgid_plural in the compiled catalogue's keys; ask the
    # active translation object directly, as ngettext does. (The key is built from
    # variables so that makemessages does not take it for a string to extract.)
    active = trans_real.translation(trans_real.get_language())
    result = active.ngettext(msgid, msgid, n)
    return result.split(CONTEXT_SEPARATOR, 1)[-1]
