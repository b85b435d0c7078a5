"""A corpus of bad input, each case named and with its expected answer: query
strings, paths, headers, API filters, forms and uploads. Every answer is a clear
message (in the visitor's language where a person reads it), never a 5xx.

A case is (id, method, url, expected status, text the answer must contain, and
optionally form data or headers). Uploads have their own table below."""

from dataclasses import dataclass, field

import pytest
from django.test import Client
from wagtail.documents import get_document_model
from wagtail.images import get_image_model

from expert_profiles.models import ExpertProfilePage
from tests.expert_profiles.conftest import profile_post_data, snapshot
from tests.hardening.uploads import (
    FAKE_PNG,
    SVG_WITH_SCRIPT,
    pixel_bomb_png,
    real_jpeg,
    real_png,
    upload,
)
from tests.utils import superuser

pytestmark = pytest.mark.django_db

# What a visitor reads, by language.
UK_PAGE_OUT_OF_RANGE = "Такої сторінки немає"
UK_UNKNOWN_FILTER = "мав нерозпізнане значення"
UK_NOT_FOUND = "Сторінку не знайдено"
UK_NUL = "байт NUL"
UK_TOO_LONG_SEARCH = "Запит надто довгий"
EN_NOT_FOUND = "Page not found"
EN_NUL = "a NUL byte"
FR_UNKNOWN_FILTER = "contenait une valeur non reconnue"
API_INVALID_VALUE = "is not a valid value for the"


@dataclass
class Case:
    id: str
    url: str
    status: int | tuple
    text: str = ""
    method: str = "get"
    data: dict | None = None
    headers: dict = field(default_factory=dict)


def listing_cases():
    cases = []
    listings = {
        "news": ["country", "topic"],
        "events": ["country", "format", "when"],
        "vacancies": ["country", "closing", "contract_type"],
        "experts": ["country", "expertise", "language", "fresh", "sort"],
    }
    bad_pages = {
        "letters": "abc",
        "negative": "-1",
        "zero": "0",
        "huge": "9" * 30,
        "float": "1.5",
        "exponent": "1e3",
        "space": "%20",
        "sql": "1%27%20OR%201=1",
    }
    for listing, filters in listings.items():
        for name, value in bad_pages.items():
            cases.append(
                Case(
                    f"{listing}-page-{name}",
                    f"/uk/{listing}/?page={value}",
                    200,
                    UK_PAGE_OUT_OF_RANGE,
                )
            )
        for filter_name in filters:
            cases.append(
                Case(
                    f"{listing}-{filter_name}-unknown",
                    f"/uk/{listing}/?{filter_name}=atlantis%3Cscript%3E",
                    200,
                    UK_UNKNOWN_FILTER,
                )
            )
            cases.append(
                Case(
                    f"{listing}-{filter_name}-nul",
                    f"/uk/{listing}/?{filter_name}=a%00",
                    400,
                    UK_NUL,
                )
            )
            cases.append(
                Case(
                    f"{listing}-{filter_name}-5000-chars",
                    f"/uk/{listing}/?{filter_name}=" + "x" * 5000,
                    200,
                    UK_UNKNOWN_FILTER,
                )
            )
        cases += [
            Case(
                f"{listing}-country-repeated",
                f"/uk/{listing}/?country=nowhere&country=%27",
                200,
                UK_UNKNOWN_FILTER,
            ),
            Case(
                f"{listing}-country-in-french",
                f"/fr/{listing}/?country=atlantis",
                200,
                FR_UNKNOWN_FILTER,
            ),
            Case(
                f"{listing}-unknown-parameter",
                f"/uk/{listing}/?utm_source=%3Cb%3E&x[]=1",
                200,
                "<h1>",
            ),
            Case(
                f"{listing}-under-a-country",
                f"/uk/ukraine/{listing}/?page=-5",
                200,
                UK_PAGE_OUT_OF_RANGE,
            ),
            Case(f"{listing}-nul-in-key", f"/uk/{listing}/?a%00b=1", 400, UK_NUL),
        ]
    return cases


def search_cases():
    queries = {
        "operators": "%22(%26%7C!%3A*",
        "quotes": "%27%27%27",
        "backslash": "%5C",
        "percent-underscore": "%25_",
        "emoji": "%F0%9F%91%B6%F0%9F%8F%BD",
        "right-to-left": "%D8%B7%D9%81%D9%84",
        "combining": "a%CC%81%CC%81%CC%81",
        "control-characters": "%01%02%1B",
        "html": "%3Cscript%3Ealert(1)%3C/script%3E",
        "only-spaces": "%20%20%20",
    }
    cases = [
        Case(f"search-{name}", f"/uk/search/?q={value}", 200, "<h1>")
        for name, value in queries.items()
    ]
    cases += [
        Case("search-too-long", "/uk/search/?q=" + "школа+" * 400, 200, UK_TOO_LONG_SEARCH),
        Case("search-nul", "/uk/search/?q=shel%00ter", 400, UK_NUL),
        Case("search-type-unknown", "/uk/search/?q=a&type=atlantis", 200, UK_UNKNOWN_FILTER),
        Case("search-country-unknown", "/uk/search/?q=a&country=atlantis", 200, UK_UNKNOWN_FILTER),
        Case("search-page-letters", "/uk/search/?q=a&page=abc", 200, "<h1>"),
        Case("search-post", "/uk/search/", 200, "<h1>", method="post", data={"q": "x"}),
    ]
    return cases


def feed_cases():
    return [
        Case("rss-news-unknown-country", "/uk/news/feed/?country=atlantis", 200, "<rss"),
        Case("rss-news-unknown-topic", "/uk/news/feed/?topic=%27%22", 200, "<rss"),
        Case("rss-vacancies-closing-bogus", "/uk/vacancies/feed/?closing=never", 200, "<rss"),
        Case("rss-nul", "/uk/news/feed/?country=%00", 400, UK_NUL),
        Case("ics-format-bogus", "/uk/events/feed.ics?format=zoom", 200, "BEGIN:VCALENDAR"),
        Case("ics-when-bogus", "/uk/events/feed.ics?when=tomorrow", 200, "BEGIN:VCALENDAR"),
        Case("ics-on-a-news-index", "/uk/news/feed.ics", 404, UK_NOT_FOUND),
        Case("ics-on-the-home-page", "/uk/event.ics", 404, UK_NOT_FOUND),
        Case("ics-under-a-missing-page", "/uk/no-such/event.ics", 404, UK_NOT_FOUND),
        Case("sitemap-page-letters", "/sitemap.xml?p=abc", 404, ""),
        Case("sitemap-page-huge", "/sitemap.xml?p=99999", 404, ""),
        Case("robots-with-query", "/robots.txt?x=%3Cscript%3E", 200, "Sitemap:"),
    ]


def path_cases():
    return [
        Case("path-dot-dot", "/uk/../etc/passwd", 404, ""),
        Case("path-encoded-dot-dot", "/uk/%2e%2e/%2e%2e/etc/passwd", 404, UK_NOT_FOUND),
        Case("path-unknown-language", "/xx/news/", (302, 404), ""),
        Case("path-double-slash", "/uk//news/", 404, UK_NOT_FOUND),
        Case("path-very-long", "/uk/" + "a/" * 2000, 404, UK_NOT_FOUND),
        Case("path-unicode", "/uk/%D0%BD%D0%BE%D0%B2%D0%B8%D0%BD%D0%B8/", 404, UK_NOT_FOUND),
        Case("path-invalid-utf8", "/uk/%ff%fe/", (400, 404), ""),
        Case("path-nul", "/uk/news%00/", 400, UK_NUL),
        Case("path-nul-at-root", "/%00", 400, EN_NUL),
        Case("path-static-traversal", "/static/../portal/settings/base.py", 404, ""),
        Case("path-media-traversal", "/media/../portal/settings/base.py", 404, ""),
        Case("path-media-documents", "/media/documents/secret.pdf", 404, ""),
        Case(
            "path-media-encoded-traversal",
            "/media/images/..%2f..%2fportal%2fsettings%2fbase.py",
            404,
            "",
        ),
        Case("path-document-missing", "/documents/999999/x.pdf", 404, ""),
        Case("path-document-letters", "/documents/abc/x.pdf", 404, ""),
        Case("path-document-huge-id", "/documents/99999999999999999999/x.pdf", 404, ""),
        Case("path-api-page-letters", "/api/v2/pages/abc/", 404, ""),
        Case("path-api-page-huge-id", "/api/v2/pages/99999999999999999999/", 404, ""),
        Case("path-api-unknown-endpoint", "/api/v2/users/", 404, ""),
        Case("path-admin-anonymous", "/admin/pages/1/edit/", 302, ""),
        Case("path-admin-revert-zero", "/admin/pages/1/revisions/0/revert/", 404, ""),
        Case("path-invitation-garbage", "/uk/accounts/invitation/%3Cscript%3E/", 404, "недійсне"),
        Case(
            "path-invitation-long", "/uk/accounts/invitation/" + "a" * 3000 + "/", 404, "недійсне"
        ),
        Case("path-reset-garbage", "/uk/accounts/password-reset/zz/yy/", 200, "<h1>"),
        Case("path-me-anonymous", "/uk/experts/me/", 302, ""),
        Case("path-healthz-nul", "/healthz?x=%00", 400, EN_NUL),
        Case("path-feed-under-detail", "/uk/news/feed/feed/", 404, UK_NOT_FOUND),
        Case("path-trailing-dot", "/uk/news./", 404, UK_NOT_FOUND),
    ]


def header_cases():
    languages = {
        "star": "*",
        "unknown": "zz",
        "empty": "",
        "bad-quality": "uk;q=abc",
        "quality-above-one": "uk;q=2",
        "serbian-variant": "sr-Latn-XX",
        "very-long": "uk," * 2000,
        "garbage": "%%%;;;,,,",
    }
    cases = [
        Case(f"accept-language-{name}", "/", 302, "", headers={"HTTP_ACCEPT_LANGUAGE": value})
        for name, value in languages.items()
    ]
    cases += [
        Case(
            "cookie-language-unknown",
            "/uk/",
            200,
            '<html lang="uk">',
            headers={"HTTP_COOKIE": "django_language=zz"},
        ),
        Case(
            "cookie-session-garbage",
            "/uk/",
            200,
            '<html lang="uk">',
            headers={"HTTP_COOKIE": "sessionid=%00%01garbage"},
        ),
        Case(
            "cookie-malformed",
            "/uk/",
            200,
            '<html lang="uk">',
            headers={"HTTP_COOKIE": "a=b=c;;;==;"},
        ),
        Case(
            "user-agent-huge",
            "/uk/",
            200,
            '<html lang="uk">',
            headers={"HTTP_USER_AGENT": "x" * 10_000},
        ),
        Case(
            "forwarded-for-spoof",
            "/uk/",
            200,
            '<html lang="uk">',
            headers={"HTTP_X_FORWARDED_FOR": "1.1.1.1, <script>"},
        ),
        Case(
            "if-modified-since-garbage",
            "/uk/",
            200,
            '<html lang="uk">',
            headers={"HTTP_IF_MODIFIED_SINCE": "yesterday"},
        ),
        Case(
            "if-none-match-garbage",
            "/api/v2/pages/",
            200,
            '"items"',
            headers={"HTTP_IF_NONE_MATCH": '"\x7f'},
        ),
        Case(
            "accept-json-on-a-page",
            "/uk/",
            200,
            '<html lang="uk">',
            headers={"HTTP_ACCEPT": "application/json"},
        ),
        Case(
            "api-accept-xml",
            "/api/v2/pages/",
            (200, 406),
            "",
            headers={"HTTP_ACCEPT": "application/xml"},
        ),
        Case(
            "range-garbage",
            "/uk/",
            200,
            '<html lang="uk">',
            headers={"HTTP_RANGE": "bytes=abc-def"},
        ),
    ]
    return cases


def api_cases():
    pages = "/api/v2/pages/"
    invalid = {
        "first_published_at": ["x", "-1", "*", "owner", "2026-02-30", "2026-01-01T25:00"],
        "id": ["9" * 30, "-" + "9" * 30],
    }
    cases = []
    for name, values in invalid.items():
        for value in values:
            cases.append(
                Case(f"api-{name}-{value[:12]}", f"{pages}?{name}={value}", 400, API_INVALID_VALUE)
            )
    cases += [
        Case("api-id-letters", f"{pages}?id=abc", 400, '"message"'),
        Case("api-show-in-menus-maybe", f"{pages}?show_in_menus=maybe", 400, '"message"'),
        Case("api-type-unknown", f"{pages}?type=nope.Nope", 400, '"message"'),
        Case("api-type-not-a-model", f"{pages}?type=news", 400, '"message"'),
        Case("api-type-traversal", f"{pages}?type=../../x", 400, '"message"'),
        Case("api-fields-email", f"{pages}?fields=email", 400, '"message"'),
        Case("api-fields-unclosed", f"{pages}?fields=title(", 400, '"message"'),
        Case("api-fields-garbage", f"{pages}?fields=_,,,-", 400, '"message"'),
        Case("api-order-unknown", f"{pages}?order=password", 400, '"message"'),
        Case("api-order-dash", f"{pages}?order=-", 400, '"message"'),
        Case("api-limit-letters", f"{pages}?limit=abc", 400, '"message"'),
        Case("api-limit-negative", f"{pages}?limit=-1", 400, '"message"'),
        Case("api-limit-huge", f"{pages}?limit=99999", 400, '"message"'),
        Case("api-offset-letters", f"{pages}?offset=abc", 400, '"message"'),
        Case("api-offset-negative", f"{pages}?offset=-5", 400, '"message"'),
        Case("api-child-of-letters", f"{pages}?child_of=abc", 400, '"message"'),
        Case("api-child-of-missing", f"{pages}?child_of=999999999", 400, '"message"'),
        Case("api-descendant-of-letters", f"{pages}?descendant_of=abc", 400, '"message"'),
        Case("api-ancestor-of-missing", f"{pages}?ancestor_of=999999999", 400, '"message"'),
        Case("api-translation-of-letters", f"{pages}?translation_of=abc", 400, '"message"'),
        Case("api-locale-unknown", f"{pages}?locale=zz", 404, '"message"'),
        Case("api-not-a-filter-last-published", f"{pages}?last_published_at=x", 400, '"message"'),
        Case("api-not-a-filter-depth", f"{pages}?depth=-1", 400, '"message"'),
        Case("api-not-a-filter-numchild", f"{pages}?numchild=1.5", 400, '"message"'),
        Case("api-locale-nul", f"{pages}?locale=1%00", 400, EN_NUL),
        Case(
            "api-search-operator-xor",
            f"{pages}?search=a&search_operator=xor",
            400,
            API_INVALID_VALUE,
        ),
        Case(
            "api-search-operator-empty",
            f"{pages}?search=a&search_operator=",
            400,
            API_INVALID_VALUE,
        ),
        Case("api-search-nul", "/api/v2/images/?search=en%00", 400, EN_NUL),
        Case("api-search-and-order", f"{pages}?search=a&order=title", (200, 400), ""),
        Case("api-unknown-parameter", f"{pages}?password=1", 400, '"message"'),
        Case("api-find-nul", f"{pages}find/?html_path=%00", 400, EN_NUL),
        Case("api-find-traversal", f"{pages}find/?html_path=../../etc/passwd", 404, '"message"'),
        Case("api-find-long", f"{pages}find/?html_path=/" + "a/" * 1000, 404, '"message"'),
        Case("api-images-width-letters", "/api/v2/images/?width=abc", 400, '"message"'),
        Case("api-images-title-nul", "/api/v2/images/?title=%00", 400, EN_NUL),
        Case("api-images-order-unknown", "/api/v2/images/?order=file", 400, '"message"'),
        Case("api-documents-id-huge", "/api/v2/documents/?id=" + "9" * 30, 400, API_INVALID_VALUE),
        Case("api-documents-fields-unknown", "/api/v2/documents/?fields=file", 400, '"message"'),
        Case("api-rich-text-format-bogus", f"{pages}?rich_text_format=markdown", (200, 400), ""),
    ]
    return cases


def form_cases():
    long_text = "Я" * 20_000
    return [
        Case(
            "login-empty",
            "/uk/accounts/login/",
            200,
            "Це поле обов",
            method="post",
            data={"username": "", "password": ""},
        ),
        Case(
            "login-huge-username",
            "/uk/accounts/login/",
            200,
            "Ім’я користувача та пароль не збігаються",
            method="post",
            data={"username": "x" * 10_000, "password": "x"},
        ),
        Case(
            "login-nul",
            "/uk/accounts/login/",
            400,
            UK_NUL,
            method="post",
            data={"username": "a\x00", "password": "x"},
        ),
        Case(
            "login-unicode",
            "/uk/accounts/login/",
            200,
            "не збігаються",
            method="post",
            data={"username": "👶🏽", "password": "x"},
        ),
        Case("login-next-offsite", "/uk/accounts/login/?next=https://evil.example/", 200, "<h1>"),
        Case(
            "reset-not-an-address",
            "/uk/accounts/password-reset/",
            200,
            "Введіть коректну адресу електронної пошти",
            method="post",
            data={"email": "not-an-address"},
        ),
        Case(
            "reset-huge-address",
            "/uk/accounts/password-reset/",
            200,
            "<h1>",
            method="post",
            data={"email": "a" * 5000 + "@example.org"},
        ),
        Case(
            "reset-header-injection",
            "/uk/accounts/password-reset/",
            200,
            "Введіть коректну адресу електронної пошти",
            method="post",
            data={"email": "a@example.org\r\nBcc: x@example.org"},
        ),
        Case(
            "reset-nul",
            "/uk/accounts/password-reset/",
            400,
            UK_NUL,
            method="post",
            data={"email": "a\x00@example.org"},
        ),
        Case(
            "reset-set-password-garbage",
            "/uk/accounts/password-reset/MQ/set-password/",
            200,
            "<h1>",
            method="post",
            data={"new_password1": "x", "new_password2": "y"},
        ),
        Case("search-huge-query", "/uk/search/?q=" + "%D0%AF" * 3000, 200, UK_TOO_LONG_SEARCH),
        Case("login-get-with-long-next", "/uk/accounts/login/?next=/" + "a" * 5000, 200, "<h1>"),
        Case(
            "login-huge-body",
            "/uk/accounts/login/",
            200,
            "не збігаються",
            method="post",
            data={"username": "a", "password": long_text},
        ),
    ]


CASES = (
    listing_cases()
    + search_cases()
    + feed_cases()
    + path_cases()
    + header_cases()
    + api_cases()
    + form_cases()
)


@pytest.mark.parametrize("case", CASES, ids=[case.id for case in CASES])
def test_bad_input(case, home_for):
    client = Client(raise_request_exception=False)
    response = getattr(client, case.method)(case.url, case.data or {}, **case.headers)
    expected = case.status if isinstance(case.status, tuple) else (case.status,)
    assert response.status_code < 500, response.content[:2000]
    assert response.status_code in expected
    body = b"".join(response.streaming_content) if response.streaming else response.content
    assert case.text in body.decode("utf-8", "replace")


# --- Forms that need an expert --------------------------------------------------------------


def contact_data(**overrides):
    data = {
        "name": "Марія",
        "email": "maria@example.org",
        "subject": "Питання",
        "message": "Добрий день",
        "website": "",
    }
    data.update(overrides)
    return data


CONTACT_CASES = [
    ("contact-crlf-in-subject", {"subject": "Hi\r\nBcc: x@example.org"}, 400, "без розривів"),
    ("contact-crlf-in-name", {"name": "A\nB"}, 400, "без розривів"),
    ("contact-bad-address", {"email": "nobody"}, 400, "Введіть коректну адресу електронної пошти"),
    ("contact-message-too-long", {"message": "я" * 5000}, 400, "3000"),
    ("contact-empty", {"name": "", "email": "", "subject": "", "message": ""}, 400, "Це поле обов"),
    ("contact-nul", {"message": "a\x00b"}, 400, UK_NUL),
    ("contact-html-message", {"message": "<script>alert(1)</script>"}, 302, ""),
    ("contact-honeypot", {"website": "http://spam.example"}, 302, ""),
]


@pytest.mark.parametrize(
    "overrides, status, text", [c[1:] for c in CONTACT_CASES], ids=[c[0] for c in CONTACT_CASES]
)
def test_bad_contact_form(client, expert_a, overrides, status, text):
    user, profile = expert_a
    response = client.post(profile.url + "contact/", contact_data(**overrides))
    assert response.status_code == status
    assert text in response.content.decode()


SELF_SERVICE_CASES = [
    ("me-forged-owner", {"user": "1"}, 400, "поля, які тут змінювати не можна"),
    ("me-forged-slug", {"slug": "hijack"}, 400, "поля, які тут змінювати не можна"),
    (
        "me-bad-link-url",
        {"links-0-title": "x", "links-0-url": "javascript:alert(1)"},
        400,
        "Введіть коректний URL",
    ),
    ("me-link-without-title", {"links-0-url": "https://example.org"}, 400, "<h1>"),
    ("me-management-form-tampered", {"links-TOTAL_FORMS": "abc"}, 400, "<h1>"),
    ("me-too-many-links", {"links-TOTAL_FORMS": "100000"}, 400, "<h1>"),
    ("me-area-letters", {"areas": ["abc"]}, 400, "<h1>"),
    ("me-area-missing", {"areas": ["999999999"]}, 400, "<h1>"),
    ("me-language-unknown", {"languages": ["xx"]}, 400, "<h1>"),
    ("me-biography-too-long", {"biography": "я" * 6000}, 400, "5000"),
    ("me-summary-missing", {"summary": ""}, 400, "Це поле обов"),
    ("me-summary-too-long", {"summary": "я" * 600}, 400, "500"),
    ("me-nul-in-organisation", {"organisation": "a\x00"}, 400, UK_NUL),
    ("me-broken-page-link", {"biography": '<a linktype="page">x</a>'}, 400, "<h1>"),
]


@pytest.mark.parametrize(
    "overrides, status, text",
    [c[1:] for c in SELF_SERVICE_CASES],
    ids=[c[0] for c in SELF_SERVICE_CASES],
)
def test_bad_self_service_form(client, expert_a, overrides, status, text):
    user, profile = expert_a
    client.force_login(user)
    before = snapshot(profile)
    response = client.post("/uk/experts/me/", profile_post_data(profile, **overrides))
    assert response.status_code == status
    assert text in response.content.decode()
    assert snapshot(profile) == before


# --- Uploads ---------------------------------------------------------------------------------

INVALID_IMAGE_UK = "Завантажте коректне зображення"
NOT_SUPPORTED_UK = "Цей формат зображення не приймається"
WRONG_FORMAT_UK = "не є зображенням .jpeg"

PHOTO_CASES = [
    ("photo-fake-png", "photo.png", FAKE_PNG, INVALID_IMAGE_UK),
    ("photo-pixel-bomb", "bomb.png", pixel_bomb_png(), "пікселів"),
    ("photo-pixel-bomb-wide", "wide.png", pixel_bomb_png(10_000_000, 10), "пікселів"),
    ("photo-svg-with-script", "logo.svg", SVG_WITH_SCRIPT, NOT_SUPPORTED_UK),
    ("photo-svg-renamed-png", "logo.png", SVG_WITH_SCRIPT, "не є зображенням .png"),
    ("photo-zero-bytes", "empty.png", b"", "порожній"),
    ("photo-double-extension-php", "photo.png.php", real_png(), NOT_SUPPORTED_UK),
    ("photo-html-as-jpg", "photo.jpg", b"<html><body>hi</body></html>", WRONG_FORMAT_UK),
    ("photo-truncated-png", "cut.png", real_png(64, 64)[:60], INVALID_IMAGE_UK),
    ("photo-truncated-jpeg", "cut.jpg", real_jpeg(64, 64)[:40], INVALID_IMAGE_UK),
    ("photo-png-named-jpg", "photo.jpg", real_png(), WRONG_FORMAT_UK),
    ("photo-executable", "photo.exe", b"MZ\x90\x00" + b"\x00" * 100, INVALID_IMAGE_UK),
    ("photo-gif-header-only", "anim.gif", b"GIF89a", INVALID_IMAGE_UK),
]


@pytest.mark.parametrize(
    "name, content, text", [c[1:] for c in PHOTO_CASES], ids=[c[0] for c in PHOTO_CASES]
)
def test_bad_photo_upload(client, expert_a, name, content, text):
    user, profile = expert_a
    client.force_login(user)
    before, images = snapshot(profile), get_image_model().objects.count()
    response = client.post(
        "/uk/experts/me/",
        profile_post_data(profile, photo=upload(name, content, "image/png"), photo_alt="Фото"),
    )
    assert response.status_code == 400
    assert text in response.content.decode()
    assert snapshot(profile) == before
    assert get_image_model().objects.count() == images


def test_an_oversized_photo_is_refused_with_its_size(client, expert_a, settings):
    user, profile = expert_a
    client.force_login(user)
    before = snapshot(profile)
    big = real_png() + b"\x00" * (settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE + 1)
    response = client.post(
        "/uk/experts/me/",
        profile_post_data(profile, photo=upload("big.png", big, "image/png"), photo_alt="x"),
    )
    assert response.status_code == 400
    assert "Цей файл завеликий" in response.content.decode()
    assert snapshot(profile) == before


@pytest.mark.parametrize(
    "name, stored_name",
    [
        ("../../portal/settings/evil.png", "evil"),
        ("..\\..\\evil.png", "evil"),
        ("photo.php.png", "photo"),
    ],
    ids=["photo-dot-dot-slash-name", "photo-dot-dot-backslash-name", "photo-php-then-png"],
)
def test_odd_photo_names_are_stored_inside_the_media_folder(client, expert_a, name, stored_name):
    user, profile = expert_a
    client.force_login(user)
    response = client.post(
        "/uk/experts/me/",
        profile_post_data(profile, photo=upload(name, real_png(), "image/png"), photo_alt="Фото"),
    )
    assert response.status_code == 302
    image = ExpertProfilePage.objects.get(pk=profile.pk).get_latest_revision_as_object().photo
    assert image.file.name.startswith("original_images/")
    assert ".." not in image.file.name and "\\" not in image.file.name
    assert stored_name in image.file.name


ADMIN_UPLOAD_CASES = [
    ("admin-image-fake-png", "photo.png", FAKE_PNG, "Upload a valid image"),
    ("admin-image-pixel-bomb", "bomb.png", pixel_bomb_png(), "too many pixels"),
    ("admin-image-svg-script", "x.svg", SVG_WITH_SCRIPT, "This image format is not accepted"),
    ("admin-image-zero-bytes", "empty.png", b"", "empty"),
    ("admin-image-php", "x.png.php", real_png(), "This image format is not accepted"),
]


@pytest.mark.parametrize(
    "name, content, text",
    [c[1:] for c in ADMIN_UPLOAD_CASES],
    ids=[c[0] for c in ADMIN_UPLOAD_CASES],
)
def test_bad_admin_image_upload(client, name, content, text):
    client.force_login(superuser())
    before = get_image_model().objects.count()
    response = client.post("/admin/images/multiple/add/", {"files[]": upload(name, content)})
    assert response.status_code in (200, 400)
    assert text in response.content.decode()
    assert get_image_model().objects.count() == before


def root_collection():
    from wagtail.models import Collection

    return Collection.get_first_root_node().pk


DOCUMENT_CASES = [
    ("document-html", "page.html", b"<script>alert(1)</script>", 200, "is not allowed"),
    ("document-double-extension-exe", "report.pdf.exe", b"MZ", 200, "is not allowed"),
    ("document-svg", "x.svg", SVG_WITH_SCRIPT, 200, "is not allowed"),
    ("document-zero-bytes", "empty.pdf", b"", 200, "empty"),
]


@pytest.mark.parametrize(
    "name, content, status, text",
    [c[1:] for c in DOCUMENT_CASES],
    ids=[c[0] for c in DOCUMENT_CASES],
)
def test_bad_document_upload(client, name, content, status, text):
    client.force_login(superuser())
    before = get_document_model().objects.count()
    response = client.post(
        "/admin/documents/add/",
        {"title": "Doc", "collection": root_collection(), "file": upload(name, content)},
    )
    assert response.status_code == status
    assert text in response.content.decode()
    assert get_document_model().objects.count() == before


def test_a_document_named_with_dot_dot_stays_in_its_folder(client):
    client.force_login(superuser())
    client.post(
        "/admin/documents/add/",
        {
            "title": "Doc",
            "collection": root_collection(),
            "file": upload("../../../portal/settings/evil.txt", b"hello"),
        },
    )
    document = get_document_model().objects.get(title="Doc")
    assert document.file.name.startswith("documents/")
    assert ".." not in document.file.name


def test_the_corpus_is_big_enough():
    named = (
        len(CASES)
        + len(CONTACT_CASES)
        + len(SELF_SERVICE_CASES)
        + len(PHOTO_CASES)
        + len(ADMIN_UPLOAD_CASES)
        + len(DOCUMENT_CASES)
        + 3  # odd photo names
    )
    assert named >= 200
