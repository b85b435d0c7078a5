"""About, Contact and Privacy: translatable standard pages that the tree builder puts
in every language with real text, that editors can change, and that the footer links
to only where they are live."""

from html import unescape

import pytest
from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import nested_form_data, streamfield
from wagtail_localize.fields import SynchronizedField, TranslatableField, get_translatable_fields

from home.models import HomePage, StandardPage
from home.standard_pages import STANDARD_PAGES
from tests.home.test_languages import ALL_LANGUAGES

SLUGS = ["about", "contact", "privacy"]


class StandardPageRulesTests(WagtailPageTestCase):
    def test_sits_under_a_home_page_and_has_no_children(self):
        self.assertAllowedParentPageTypes(StandardPage, {HomePage})
        self.assertAllowedSubpageTypes(StandardPage, set())

    def test_an_editor_can_add_one_in_the_admin(self):
        self.login()
        home = HomePage.objects.get(locale__language_code="en")
        self.assertCanCreate(
            home,
            StandardPage,
            nested_form_data(
                {
                    "title": "Accessibility",
                    "slug": "accessibility",
                    "intro": "How we keep the site usable for everyone.",
                    "body": streamfield([("heading", "Keyboard")]),
                }
            ),
        )
        page = StandardPage.objects.get(slug="accessibility")
        assert page.get_parent().pk == home.pk


def test_translatable_field_policy():
    policy = {f.field_name: type(f) for f in get_translatable_fields(StandardPage)}
    assert policy["title"] is TranslatableField
    assert policy["intro"] is TranslatableField
    assert policy["body"] is TranslatableField
    assert policy["slug"] is SynchronizedField


@pytest.mark.parametrize("code", ALL_LANGUAGES)
def test_every_language_has_its_own_about_contact_and_privacy(client, db, code):
    home = HomePage.objects.get(locale__language_code=code)
    pages = {p.slug: p for p in StandardPage.objects.child_of(home).live()}
    assert sorted(pages) == sorted(SLUGS)
    english = HomePage.objects.get(locale__language_code="en")
    for slug in SLUGS:
        title, intro, body = STANDARD_PAGES[slug][code]
        page = pages[slug]
        assert page.title == title
        # A translation of the English page, so the language switcher links them.
        assert (
            page.translation_key
            == StandardPage.objects.child_of(english).get(slug=slug).translation_key
        )
        response = client.get(f"/{code}/{slug}/")
        assert response.status_code == 200
        html = response.content.decode()
        assert f"<h1>{title}</h1>" in html
        # Rich text keeps an apostrophe as typed; other text escapes it.
        assert body[0].split(":")[0] in unescape(html)
    footer = client.get(f"/{code}/").content.decode().split('class="footer-links"', 1)[1]
    for slug in SLUGS:
        assert f'href="/{code}/{slug}/"' in footer


def test_the_footer_links_only_to_live_pages_of_the_locale(client, db):
    contact = StandardPage.objects.get(slug="contact", locale__language_code="uk")
    contact.unpublish()
    footer = client.get("/uk/news/").content.decode().split('class="footer-links"', 1)[1]
    assert 'href="/uk/contact/"' not in footer
    assert 'href="/uk/about/"' in footer and 'href="/uk/privacy/"' in footer
    # Other languages keep theirs.
    assert 'href="/en/contact/"' in client.get("/en/").content.decode()


def test_rebuilding_the_tree_keeps_what_editors_wrote(db):
    from home.site_tree import build_page_tree

    about = StandardPage.objects.get(slug="about", locale__language_code="ro")
    about.title = "Despre noi"
    about.save_revision().publish()
    before = Page.objects.count()
    build_page_tree()
    assert Page.objects.count() == before
    about.refresh_from_db()
    assert about.title == "Despre noi"
