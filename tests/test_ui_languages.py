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
def catalogue_files(code):
    """The compiled catalogues Django merges for `code`, lowest priority first: its own,
    the installed apps (the first in INSTALLED_APPS wins), then LOCALE_PATHS (the first
    wins), as DjangoTranslation does."""
    dirs = [Path(django.__file__).parent / "conf" / "locale"]
    dirs += [Path(app.path) / "locale" for app in reversed(list(apps.get_app_configs()))]
    dirs += [Path(p) for p in reversed(settings.LOCALE_PATHS)]
    # gettext picks the most specific folder of the same language first (el_GR before
    # el); a folder of another language (sr for sh) is never this language's catalogue.
    names = [
        name for name in gettext_module._expand_lang(code) if re.split(r"[_.@]", name)[0] == code
    ] or [code]
    files = []
    for directory in dirs:
        found = [directory / n / "LC_MESSAGES" / "django.mo" for n in names]
        files += [f for f in found if f.exists()][:1]
    return files


class Catalogue:
    """What `code` should read, merged with Django's own TranslationCatalog from the
    files on disk, without gettext.find: that lookup is what failed for "sh"."""

    def __init__(self, code):
        self.merged = None
        for path in catalogue_files(code):
            with path.open("rb") as handle:
                translations = gettext_module.GNUTranslations(handle)
            if self.merged is None:
                self.merged = trans_real.TranslationCatalog(translations)
            else:
                self.merged.update(translations)

    def get(self, key):
        if self.merged is None:
            return None
        if isinstance(key, tuple):
            forms = []
            for number in (1, 2, 5):
                try:
                    forms.append(self.merged.plural(key[0], number))
                except KeyError:
                    return None
            return forms
        value = self.merged.get(key)
        return value or None


def date_keys():
    """Month, weekday and a.m./p.m. words: each language's date format picks its own
    (English "Dec." where Ukrainian uses the genitive "грудня"), so they are checked
    against the language's own lookups rather than the English page's."""
    from django.utils import dates

    with translation.override("en"):
        words = {
            str(value)
            for table in (dates.MONTHS, dates.MONTHS_3, dates.WEEKDAYS, dates.WEEKDAYS_ABBR)
            for value in table.values()
        }
    return words | {"a.m.", "p.m.", "AM", "PM", "midnight", "noon"}


DATE_WORDS = date_keys()
DATE_CONTEXTS = {"abbrev. month", "alt. month"}


def is_date_key(key):
    if isinstance(key, tuple):
        return False
    if "\x04" in key:
        return key.split("\x04", 1)[0] in DATE_CONTEXTS
    return key in DATE_WORDS


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


def build_content(code, locales, other_code):
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
    other = locales[other_code]
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
        if parts and all(part in english_text for part in parts) and not is_date_key(key):
            found.append(key)
    return found


def translation_in(entries, key):
    value = entries.get(key)
    if value is None:
        return None
    return value if isinstance(key, tuple) else [value]


@pytest.fixture
def contents_for(db, locales, settings):
    settings.PORTAL_PAGE_SIZE = 1  # two news items: pagination shows

    # Each language lends one item to the next one's "not translated" page, so every
    # language has the same number of news items (and the same pagination).
    settings.PORTAL_CONTACT_PER_IP_PER_HOUR = 1000  # the contact form is posted in each language

    def build(codes):
        return {
            code: build_content(code, locales, codes[(position + 1) % len(codes)])
            for position, code in enumerate(codes)
        }

    return build


def english_ui_strings(client, spy, contents):
    """{page name: the UI msgids whose English text reaches that page in English}."""
    english_catalogue = Catalogue("en")
    pages = {}
    for name, method, url, data in contents["en"]["requests"]:
        spy.reset()
        body, content_type, status = render(client, method, url, data, contents["en"]["user"], "en")
        assert status < 500 or name == "500", (name, status)
        text = visible_text(body, "en", content_type)
        pages[name] = ui_strings(spy.keys, text, english_catalogue)
    return pages


def language_problems(client, spy, contents, english_pages, code, only=None):
    """What a reader of `code` would notice: {page name: [problems]}."""
    entries = Catalogue(code)
    problems = {}
    for name, method, url, data in contents[code]["requests"]:
        if only and name not in only:
            continue
        spy.reset()
        body, content_type, status = render(client, method, url, data, contents[code]["user"], code)
        assert status < 500 or name == "500", (code, name, status)
        text = visible_text(body, code, content_type)
        folded = text.casefold()
        found = problems.setdefault(name, [])
        # Dates: the words this language's own format asked for, from its catalogue.
        for key in filter(is_date_key, spy.keys):
            word = entries.get(key)
            if word is None or word.casefold() not in folded:
                found.append(f"date word {key!r}: catalogue {word!r} not on the page")
        for key in english_pages[name]:
            english = key[0] if isinstance(key, tuple) else key.split("\x04", 1)[-1]
            translations = translation_in(entries, key)
            if translations is None:
                found.append(f"no {code} translation: {english!r}")
                continue
            if any(t == english for t in translations):
                continue
            # Case-folded: Django capitalises labels ("username" -> "Username").
            if not any(all(p.casefold() in folded for p in fragments(t)) for t in translations):
                found.append(f"missing {translations[0]!r} (for {english!r})")
            if english not in " ".join(translations) and english_leaks(english, text):
                found.append(f"English {english!r} shown")
    return {name: found for name, found in problems.items() if found}


def test_every_page_type_speaks_each_language(client, contents_for, monkeypatch):
    contents = contents_for(LANGUAGES)
    spy = Spy(monkeypatch)
    english_pages = english_ui_strings(client, spy, contents)
    # The check covers real UI: every page has its strings.
    counts = {name: len(keys) for name, keys in english_pages.items()}
    # A single event's calendar file carries only the event's own content.
    assert all(count >= 1 for name, count in counts.items() if name != "event calendar"), counts
    assert sum(counts.values()) > 300
    assert len(counts) == 28

    problems = {}
    for code in LANGUAGES:
        if code != "en":
            for name, found in language_problems(
                client, spy, contents, english_pages, code
            ).items():
                problems[(code, name)] = found
    assert problems == {}


def test_the_check_sees_sh_reading_serbian_catalogues(client, contents_for, monkeypatch):
    """With Python's old alias back (sh -> sr_RS@latin), /sh/ is in English with Cyrillic
    month names; the check must say so."""
    import locale

    contents = contents_for(["en", "sh"])
    spy = Spy(monkeypatch)
    english_pages = english_ui_strings(client, spy, contents)
    monkeypatch.setitem(locale.locale_alias, "sh", "sr_RS.UTF-8@latin")
    monkeypatch.setattr(trans_real, "_translations", {})
    problems = language_problems(
        client, spy, contents, english_pages, "sh", only={"home", "news item", "sign-in error"}
    )
    monkeypatch.setattr(trans_real, "_translations", {})
    assert set(problems) == {"home", "news item", "sign-in error"}
    assert "English 'Latest news' shown" in problems["home"]
    assert any(p.startswith("date word") for p in problems["news item"])


def english_leaks(english, text):
    parts = fragments(english)
    if not parts:
        return False
    if len(parts) == 1 and not PLACEHOLDER.search(english):
        return re.search(rf"(?<!\w){re.escape(parts[0])}(?!\w)", text) is not None
    longest = max(parts, key=len)
    return len(longest) >= 8 and longest in text
