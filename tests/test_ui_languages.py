"""Every page type, form, error page and feed, rendered in all ten languages, speaks the
reader's language at runtime.

How: each page is rendered in English while a spy records every msgid the templates
and code look up. The msgids whose English text really reaches the English page are
that page's UI strings. The same page in language X must then contain X's catalogue
entry for each of them (read from the compiled .mo files on disk, not through the
runtime lookup), and must not contain the English msgid wherever X has its own
translation. Elements marked with another `lang` (the language switcher's autonyms,
a term without a translation yet) are allowed to be in their own language.

This is the test that would have caught /sh/ in English with Cyrillic month names."""

import datetime
import gettext as gettext_module
import html
import re
from pathlib import Path

import django
import pytest
from bs4 import BeautifulSoup
from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.test import RequestFactory
from django.utils import timezone, translation
from django.utils.translation import trans_real

from events.factories import EventPageFactory
from events.models import EventIndexPage
from expert_profiles.factories import ExpertiseAreaFactory, ExpertProfilePageFactory
from expert_profiles.models import ExpertDirectoryPage
from home.models import CountryPage
from news.factories import NewsPageFactory, TopicFactory
from news.models import NewsIndexPage
from portal.views import server_error
from vacancies.factories import VacancyPageFactory
from vacancies.models import VacancyIndexPage

LANGUAGES = [code for code, _name in settings.LANGUAGES]
PLACEHOLDER = re.compile(r"%\(\w+\)[sdi]|%[sdi]|\{\w*\}")


# Catalogues, read from disk -------------------------------------------------------
def catalogue_dirs():
    """Where Django looks, highest priority first: LOCALE_PATHS, the installed apps
    (in INSTALLED_APPS order, first wins), then Django's own."""
    dirs = [Path(p) for p in settings.LOCALE_PATHS]
    dirs += [Path(app.path) / "locale" for app in apps.get_app_configs()]
    dirs.append(Path(django.__file__).parent / "conf" / "locale")
    return dirs


def catalogue(code):
    """{msgid or (msgid, form): msgstr} for `code` from the compiled files alone."""
    entries = {}
    for directory in catalogue_dirs():
        mo = directory / code / "LC_MESSAGES" / "django.mo"
        if not mo.exists():
            continue
        with mo.open("rb") as handle:
            for key, value in gettext_module.GNUTranslations(handle)._catalog.items():
                if value and key not in entries:
                    entries[key] = value
    return entries


def fragments(text):
    """The literal parts of a (possibly interpolated) string worth looking for."""
    parts = [" ".join(part.split()).strip(" .,:;!?()«»“”\"'") for part in PLACEHOLDER.split(text)]
    return [part for part in parts if sum(ch.isalpha() for ch in part) >= 3]


def normalise(text):
    return " ".join(html.unescape(text).replace("\xa0", " ").split())


# Rendering -----------------------------------------------------------------------------
class Spy:
    """Records the msgids looked up while rendering (gettext, pgettext, ngettext)."""

    def __init__(self, monkeypatch):
        self.keys = set()
        original_gettext = trans_real.DjangoTranslation.gettext
        original_ngettext = trans_real.DjangoTranslation.ngettext
        spy = self

        def gettext(self, message):
            spy.keys.add(message)
            return original_gettext(self, message)

        def ngettext(self, singular, plural, number):
            spy.keys.add((singular, plural))
            return original_ngettext(self, singular, plural, number)

        monkeypatch.setattr(trans_real.DjangoTranslation, "gettext", gettext)
        monkeypatch.setattr(trans_real.DjangoTranslation, "ngettext", ngettext)

    def reset(self):
        self.keys = set()


def visible_text(body, code, content_type):
    """What a reader of `code` reads: text and labelling attributes, without scripts
    and without elements marked as another language."""
    if "html" not in content_type:
        return normalise(body.replace("\\,", ",").replace("\\;", ";").replace("\r\n ", ""))
    soup = BeautifulSoup(body, "html.parser")
    for element in soup(["script", "style"]):
        element.decompose()
    for element in soup.find_all(attrs={"lang": True}):
        if element.name != "html" and element["lang"] != code:
            element.decompose()
    attributes = [
        element.get(name, "")
        for element in soup.find_all(True)
        for name in ("aria-label", "placeholder", "title", "alt")
    ]
    return normalise(" ".join([soup.get_text(" "), *attributes]))


def build_content(code, locales):
    section = CountryPage.objects.get(country="ukraine", locale=locales[code])

    def index(model):
        return model.objects.child_of(section).get()

    topic = TopicFactory(locale=locales[code], name=f"Qwz-topic-{code}", slug="qwz-topic")
    area = ExpertiseAreaFactory(locale=locales[code], name=f"Qwz-area-{code}", slug="qwz-area")
    user = get_user_model().objects.create_user(username=f"qwz.{code}", password="pw")
    user.groups.add(Group.objects.get(name="Experts"))
    today = timezone.localdate()
    neutral = {"summary": "Qwz lorem ipsum dolor."}
    news = [
        NewsPageFactory(
            parent=index(NewsIndexPage),
            title=f"Qwz news {code} {n}",
            topics=[topic],
            date=today - datetime.timedelta(days=n),
            **neutral,
        )
        for n in (1, 2)
    ]
    event = EventPageFactory(
        parent=index(EventIndexPage),
        title=f"Qwz event {code}",
        venue="Qwz 1",
        city="Qwz",
        organiser="Qwz",
        registration_url="https://events.example.org/qwz",
        registration_deadline=timezone.now() + datetime.timedelta(days=5),
        **neutral,
    )
    webinar = EventPageFactory(
        parent=index(EventIndexPage), title=f"Qwz webinar {code}", webinar=True, **neutral
    )
    vacancy = VacancyPageFactory(
        parent=index(VacancyIndexPage),
        title=f"Qwz vacancy {code}",
        organisation="Qwz",
        city="Qwz",
        **neutral,
    )
    expert = ExpertProfilePageFactory(
        parent=index(ExpertDirectoryPage),
        title=f"Qwz Expert {code}",
        job_title="Qwz",
        organisation="Qwz",
        areas=[area],
        languages=["uk", "en"],
        user=user,
        email=f"qwz.{code}@example.org",
        accepts_contact=True,
        verified=True,
        **neutral,
    )
    # An item that exists only in another language, reached by its URL here.
    other = locales["uk" if code == "en" else "en"]
    elsewhere = NewsPageFactory(
        parent=NewsIndexPage.objects.child_of(
            CountryPage.objects.get(country="ukraine", locale=other)
        ).get(),
        title="Qwz elsewhere",
        slug=f"qwz-elsewhere-{code}",
        **neutral,
    )
    return {
        "user": user,
        "requests": [
            ("home", "get", f"/{code}/", None),
            ("country", "get", f"/{code}/ukraine/", None),
            ("news index", "get", f"/{code}/news/?country=atlantis&page=9", None),
            ("country news index", "get", f"/{code}/ukraine/news/", None),
            ("events index", "get", f"/{code}/events/?format=online", None),
            ("vacancies index", "get", f"/{code}/vacancies/", None),
            ("expert directory", "get", f"/{code}/experts/", None),
            ("news item", "get", news[0].url, None),
            ("event", "get", event.url, None),
            ("webinar", "get", webinar.url, None),
            ("vacancy", "get", vacancy.url, None),
            ("expert", "get", expert.url, None),
            ("about", "get", f"/{code}/about/", None),
            ("contact", "get", f"/{code}/contact/", None),
            ("privacy", "get", f"/{code}/privacy/", None),
            ("not translated", "get", f"/{code}/ukraine/news/{elsewhere.slug}/", None),
            ("search", "get", f"/{code}/search/?q=Qwz", None),
            ("sign-in", "get", f"/{code}/accounts/login/", None),
            (
                "sign-in error",
                "post",
                f"/{code}/accounts/login/",
                {"username": f"qwz.{code}", "password": "wrong"},
            ),
            ("password reset", "get", f"/{code}/accounts/password-reset/", None),
            ("contact form errors", "post", f"{expert.url}contact/", {"message": ""}),
            ("self-service", "me", f"/{code}/experts/me/", None),
            ("404", "get", f"/{code}/no-such-page/", None),
            ("500", "500", f"/{code}/", None),
            ("news feed", "get", f"/{code}/news/feed/", None),
            ("vacancy feed", "get", f"/{code}/vacancies/feed/", None),
            ("events calendar", "get", f"/{code}/events/feed.ics", None),
            ("event calendar", "get", f"{event.url}event.ics", None),
        ],
    }


def render(client, method, url, data, user, code):
    if method == "500":
        request = RequestFactory().get(url)
        with translation.override(code):
            response = server_error(request)
        return response.content.decode(), response["Content-Type"], response.status_code
    if method == "me":
        client.force_login(user)
        response = client.get(url)
        client.logout()
    elif method == "post":
        response = client.post(url, data)
    else:
        response = client.get(url)
    return response.content.decode(), response.get("Content-Type", ""), response.status_code


def ui_strings(keys, english_text, english_catalogue):
    """The looked-up msgids whose English text is on the English page."""
    found = []
    for key in keys:
        if isinstance(key, tuple):
            english = key[0]
        else:
            english = english_catalogue.get(key) or key.split("\x04", 1)[-1]
        parts = fragments(english)
        if parts and all(part in english_text for part in parts):
            found.append(key)
    return found


def translation_in(entries, key):
    if isinstance(key, tuple):
        forms = [value for (msgid, _form), value in entries.items() if msgid == key[0]]
        return forms or None
    value = entries.get(key)
    return [value] if value else None


@pytest.fixture
def contents(db, locales, settings):
    settings.PORTAL_PAGE_SIZE = 1  # two news items: pagination shows
    return {code: build_content(code, locales) for code in LANGUAGES}


def test_every_page_type_speaks_each_language(client, contents, monkeypatch):
    spy = Spy(monkeypatch)
    english_catalogue = catalogue("en")
    catalogues = {code: catalogue(code) for code in LANGUAGES}
    english_pages = {}
    for name, method, url, data in contents["en"]["requests"]:
        spy.reset()
        body, content_type, status = render(client, method, url, data, contents["en"]["user"], "en")
        assert status < 500 or name == "500", (name, status)
        text = visible_text(body, "en", content_type)
        english_pages[name] = ui_strings(spy.keys, text, english_catalogue)
    # The check covers real UI: every page has its strings, the month names included.
    assert all(len(keys) >= 3 for keys in english_pages.values()), english_pages

    problems = {}
    rendered = 0
    for code in LANGUAGES:
        if code == "en":
            continue
        entries = catalogues[code]
        for name, method, url, data in contents[code]["requests"]:
            body, content_type, status = render(
                client, method, url, data, contents[code]["user"], code
            )
            rendered += 1
            assert status < 500 or name == "500", (code, name, status)
            text = visible_text(body, code, content_type)
            for key in english_pages[name]:
                english = key[0] if isinstance(key, tuple) else key.split("\x04", 1)[-1]
                translations = translation_in(entries, key)
                if translations is None:
                    problems.setdefault((code, name), []).append(
                        f"no {code} translation: {english!r}"
                    )
                    continue
                if any(t == english for t in translations):
                    continue
                if not any(all(p in text for p in fragments(t)) for t in translations):
                    problems.setdefault((code, name), []).append(
                        f"missing {translations[0]!r} (for {english!r})"
                    )
                if english not in " ".join(translations) and english_leaks(english, text):
                    problems.setdefault((code, name), []).append(f"English {english!r} shown")
    assert rendered == 9 * len(contents["en"]["requests"])
    assert problems == {}


def english_leaks(english, text):
    parts = fragments(english)
    if not parts:
        return False
    if len(parts) == 1 and not PLACEHOLDER.search(english):
        return re.search(rf"(?<!\w){re.escape(parts[0])}(?!\w)", text) is not None
    longest = max(parts, key=len)
    return len(longest) >= 8 and longest in text
