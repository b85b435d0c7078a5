"""The catalogues on disk are the ones a reader gets at runtime, in every language.

A complete locale/sh/LC_MESSAGES/django.po once proved nothing: Python's gettext
expanded "sh" to Serbian and never opened it, so /sh/ was in English with Cyrillic
month names. These tests ask Django's runtime lookup, not the files."""

import datetime
import gettext as gettext_module
import locale
import re

import pytest
from django.conf import settings
from django.utils import formats, translation

from portal import i18n

LANGUAGES = [code for code, _name in settings.LANGUAGES]
CYRILLIC = re.compile("[\u0400-\u04ff]")


@pytest.mark.parametrize("code", LANGUAGES)
def test_runtime_lookup_returns_every_catalogue_entry(code):
    assert i18n.runtime_mismatches(code) == []


def test_runtime_check_can_fail(monkeypatch):
    # The check itself must notice a language that reads another catalogue.
    monkeypatch.setitem(locale.locale_alias, "sh", "sr_RS.UTF-8@latin")
    translation.trans_real._translations.pop("sh", None)
    try:
        problems = i18n.runtime_mismatches("sh")
    finally:
        translation.trans_real._translations.pop("sh", None)
    assert problems
    assert "Search" in {msgid for msgid, _expected, _got in problems}


def test_sh_has_its_own_interface_strings():
    with translation.override("sh"):
        assert translation.gettext("Search") == "Pretraga"
        assert translation.gettext("Skip to main content") == "Preskoči na glavni sadržaj"


def test_sh_dates_are_latin():
    day = datetime.date(2025, 3, 14)
    with translation.override("sh"):
        formatted = formats.date_format(day, "DATE_FORMAT")
        months = [translation.gettext(m) for m in ("January", "March", "December")]
    assert "mart" in formatted.lower()
    assert not CYRILLIC.search(formatted)
    assert not any(CYRILLIC.search(month) for month in months)


def test_sh_django_form_and_sign_in_strings_are_latin_bhs():
    from django import forms
    from django.contrib.auth.forms import AuthenticationForm

    with translation.override("sh"):
        required = str(forms.Field().error_messages["required"])
        login_error = str(AuthenticationForm.error_messages["invalid_login"])
    assert required == "Ovo polje se mora popuniti."
    assert "korisničko ime" in login_error.lower() or "lozink" in login_error.lower()
    assert not CYRILLIC.search(required + login_error)


def test_contract_python_gettext_expands_sh_through_the_locale_alias_table():
    """portal/i18n.py removes "sh" from locale.locale_alias because gettext._expand_lang
    normalises through it. If this fails, Python changed that internal: check whether
    the override is still needed and adapt portal/i18n.py."""
    assert i18n.STDLIB_SH_ALIAS is not None, "Python no longer aliases sh: drop the override"
    assert i18n.STDLIB_SH_ALIAS.startswith("sr")
    assert "sh" not in locale.locale_alias
    assert gettext_module._expand_lang("sh") == ["sh"]
    assert gettext_module.find("django", str(settings.BASE_DIR / "locale"), ["sh"]).endswith(
        "locale/sh/LC_MESSAGES/django.mo"
    )
