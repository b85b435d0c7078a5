"""Phone first: every page type, in all ten languages, fits a 360 px wide screen
without sideways scrolling; the filters wait behind a "Filters" control on a phone
and are open on a wide screen, with no JavaScript."""

import pytest

from portal.languages import LANGUAGE_CODES
from tests.browser.conftest import requires_chromium
from tests.browser.test_browser import pages_to_check

pytestmark = [pytest.mark.browser, pytest.mark.django_db, requires_chromium]

PHONE = {"width": 360, "height": 740}


def every_page_type(details, code):
    return [
        *pages_to_check(details, code),
        f"/{code}/about/",
        f"/{code}/contact/",
        f"/{code}/privacy/",
        f"/{code}/accounts/login/",
        f"/{code}/accounts/password-reset/",
    ]


def test_no_page_is_wider_than_a_phone_in_any_language(live_site, browser):
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    too_wide = {}
    checked = 0
    for code in LANGUAGE_CODES:
        for path in every_page_type(live_site["details"], code):
            page.goto(live_site["url"] + path)
            width = page.evaluate("document.documentElement.scrollWidth")
            checked += 1
            if width > PHONE["width"]:
                too_wide[path] = width
    context.close()
    # 23 pages of the four first sections and the fixed pages, 4 of the library.
    assert checked == len(LANGUAGE_CODES) * 27
    assert too_wide == {}


def test_the_overflow_check_can_fail(live_site, browser):
    # The injected style is inline: the real policy (style-src 'self') would refuse it.
    context = browser.new_context(viewport=PHONE, bypass_csp=True)
    page = context.new_page()
    page.goto(live_site["url"] + live_site["details"]["uk"]["event"])
    # What the page looked like before: the time zone line kept on one line.
    page.add_style_tag(
        content=".detail .zone { white-space: nowrap; } .detail h1 { overflow-wrap: normal; }"
    )
    assert page.evaluate("document.documentElement.scrollWidth") > PHONE["width"]
    context.close()


@pytest.mark.parametrize(("width", "expanded"), [(360, False), (1280, True)])
def test_filters_are_collapsed_on_a_phone_and_open_on_a_wide_screen(
    live_site, browser, width, expanded
):
    context = browser.new_context(
        viewport={"width": width, "height": 900}, java_script_enabled=False
    )
    page = context.new_page()
    page.goto(live_site["url"] + "/uk/news/")
    assert page.locator(".filter-panel select[name=country]").is_visible() is expanded
    summary = page.locator(".filter-panel > summary")
    assert summary.is_visible() is (not expanded)
    if not expanded:
        assert summary.inner_text() == "Фільтри"
        summary.click()
        assert page.locator(".filter-panel select[name=country]").is_visible()
    context.close()


def test_experts_without_photos_get_initials_in_distinct_colours(live_site, browser):
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    page.goto(live_site["url"] + "/en/experts/")
    avatars = page.locator(".avatar-initials")
    assert avatars.count() >= 1
    text = avatars.first.inner_text()
    colour = avatars.first.evaluate("el => getComputedStyle(el).backgroundColor")
    assert text == "OE"  # "Olena Expert en"
    assert colour not in ("rgba(0, 0, 0, 0)", "rgb(255, 255, 255)")
    context.close()
