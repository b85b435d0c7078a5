import pytest

from tests.browser.conftest import AXE_JS, EXPERT_PASSWORD, EXPERT_USERNAME, requires_chromium

# django_db: the databases must exist even when these tests run on their own.
pytestmark = [pytest.mark.browser, pytest.mark.django_db, requires_chromium]

BLOCKING_IMPACTS = {"serious", "critical"}


def pages_to_check(details, code):
    item = details[code]
    return [
        f"/{code}/",
        f"/{code}/news/",
        f"/{code}/events/",
        f"/{code}/vacancies/",
        f"/{code}/experts/",
        f"/{code}/library/?q=shelter",
        f"/{code}/library/trainers/",
        f"/{code}/ukraine/",
        f"/{code}/ukraine/news/",
        f"/{code}/ukraine/events/?format=online",
        f"/{code}/ukraine/vacancies/",
        f"/{code}/ukraine/experts/",
        item["news"],
        item["event"],
        item["webinar"],
        item["webinar"] + "register/",
        item["vacancy"],
        item["expert"],
        item["publication"],
        f"/{code}/search/?q=shelter",
        f"/{code}/search/?q=" + "x" * 300,
        f"/{code}/no-such-page/",
    ]


def axe_violations(page):
    page.add_script_tag(path=str(AXE_JS))
    result = page.evaluate("""async () => await axe.run(document, {resultTypes: ["violations"]})""")
    return [
        f"{v['id']} ({v['impact']}): {v['help']} at "
        + ", ".join(node["target"][0] for node in v["nodes"][:3])
        for v in result["violations"]
        if v["impact"] in BLOCKING_IMPACTS
    ]


@pytest.mark.parametrize("code", ["en", "uk"])
def test_no_serious_or_critical_axe_violations(live_site, page, code):
    problems = {}
    checked = 0
    for path in pages_to_check(live_site["details"], code):
        response = page.goto(live_site["url"] + path)
        expected = 404 if "no-such-page" in path else 200
        assert response.status == expected, path
        violations = axe_violations(page)
        checked += 1
        if violations:
            problems[path] = violations
    assert checked == 22
    assert problems == {}


@pytest.mark.parametrize("code", ["en", "uk"])
def test_expert_sign_in_and_self_service_form_pass_axe(live_site, page, code):
    base = live_site["url"]
    page.goto(f"{base}/{code}/accounts/login/")
    assert axe_violations(page) == []
    page.fill("input[name=username]", EXPERT_USERNAME)
    page.fill("input[name=password]", EXPERT_PASSWORD)
    page.click("main button[type=submit]")
    response = page.goto(f"{base}/{code}/experts/me/")
    assert response.status == 200
    assert "/experts/me/" in page.url
    assert page.locator("form textarea, form input[type=text]").count() > 0
    assert axe_violations(page) == []


def focused(page):
    return page.evaluate(
        """() => {
            const el = document.activeElement;
            return {
                tag: el.tagName.toLowerCase(),
                text: (el.textContent || "").trim(),
                href: el.getAttribute("href"),
                hreflang: el.getAttribute("hreflang"),
                inNav: !!el.closest(".main-nav"),
            };
        }"""
    )


def tab_until(page, predicate, limit=60):
    seen = []
    for _ in range(limit):
        page.keyboard.press("Tab")
        current = focused(page)
        seen.append(current)
        if predicate(current):
            return seen
    raise AssertionError(f"never reached by keyboard; focus went through {seen}")


def test_keyboard_walks_main_navigation_and_language_switcher(live_site, page):
    base = live_site["url"]
    page.goto(base + "/en/")

    first = tab_until(page, lambda f: True)
    assert first[0]["href"] == "#main", "the skip link comes first"

    walked = tab_until(page, lambda f: f["inNav"] and f["href"] == "/en/experts/")
    nav_links = [f["href"] for f in walked if f["inNav"]]
    assert nav_links == ["/en/news/", "/en/events/", "/en/vacancies/", "/en/experts/"]

    page.goto(base + "/en/")
    tab_until(page, lambda f: f["inNav"] and f["href"] == "/en/news/")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url == base + "/en/news/"

    tab_until(page, lambda f: f["tag"] == "summary")
    assert page.evaluate("() => document.querySelector('.language-switcher details').open") is False
    page.keyboard.press("Enter")
    assert page.evaluate("() => document.querySelector('.language-switcher details').open") is True
    tab_until(page, lambda f: f["hreflang"] == "uk")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url == base + "/uk/news/"
    assert page.get_attribute("html", "lang") == "uk"


def test_home_page_weight_without_images(live_site, browser):
    """The home page transfers at most 100 KB before its images: HTML, CSS and JS as
    sent on the wire (headers and bodies, from the browser's own accounting). The
    images it does show come as WebP, which Chromium picks from the <picture>."""
    context = browser.new_context()
    page = context.new_page()
    responses = []
    page.on("response", lambda response: responses.append(response))
    page.goto(live_site["url"] + "/en/", wait_until="load")
    sizes = {}
    for response in responses:
        kind = response.request.resource_type
        if kind in ("document", "stylesheet", "script"):
            wire = response.request.sizes()
            headers, body = wire["responseHeadersSize"], wire["responseBodySize"]
            sizes[response.url] = (kind, headers + body)
            decoded = len(response.body())
            print(f"\n{kind}: {body} bytes of body ({decoded} decoded), {headers} of headers")
    html = page.content()
    # Lazy images load once scrolled to; they are not part of the figure.
    page.mouse.wheel(0, 20000)
    page.wait_for_load_state("networkidle")
    image_types = {
        response.headers.get("content-type")
        for response in responses
        if response.request.resource_type == "image" and "/images/" in response.url
    }
    context.close()

    total = sum(size for _kind, size in sizes.values())
    kinds = sorted(kind for kind, _size in sizes.values())
    print(f"\nHome page weight, HTML+CSS+JS without images: {total} bytes ({sizes})")
    assert kinds == ["document", "stylesheet"], "the pages ship no JavaScript"
    assert "<picture>" in html, "the home page has images, which the figure leaves out"
    assert image_types == {"image/webp"}
    # README "Page weight" records this figure: about 16.5 KB (HTML gzipped), under 100 KB.
    assert 10 * 1024 < total < 100 * 1024


def test_search_works_with_javascript_off(live_site, browser):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(live_site["url"] + "/en/")

    page.fill("#site-search-q", "shelter")
    with page.expect_navigation():
        page.press("#site-search-q", "Enter")

    assert "/en/search/?q=shelter" in page.url
    assert page.locator(".cards a", has_text="Shelter report en").count() == 1
    context.close()


@pytest.mark.parametrize("code", ["en", "uk"])
def test_public_pages_break_no_csp_rule(live_site, browser, code):
    """With the real Content-Security-Policy (no bypass), no page logs a violation:
    there is no inline script or style, and the JSON-LD block carries its nonce."""
    context = browser.new_context()
    page = context.new_page()
    violations = []
    page.on(
        "console",
        lambda message: (
            violations.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    for path in pages_to_check(live_site["details"], code)[:15]:
        page.goto(live_site["url"] + path)
        page.wait_for_load_state("load")
    context.close()
    assert violations == []
