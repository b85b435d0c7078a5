import datetime

import pytest
from django.utils import timezone
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield
from wagtail_localize.fields import SynchronizedField, TranslatableField, get_translatable_fields

from expert_profiles.factories import ExpertiseAreaFactory, ExpertProfilePageFactory
from expert_profiles.models import (
    ExpertDirectoryPage,
    ExpertiseArea,
    ExpertProfileExpertise,
    ExpertProfilePage,
)
from home.models import CountryPage
from tests.utils import json_ld, translate


class ExpertAdminTests(WagtailPageTestCase):
    def setUp(self):
        self.login()
        self.section = CountryPage.objects.get(locale__language_code="sh", country="serbia")
        self.directory = ExpertDirectoryPage.objects.child_of(self.section).get()
        self.area = ExpertiseAreaFactory(
            locale=self.section.locale, name="Hraniteljstvo", slug="foster-x"
        )

    def test_an_editor_can_create_a_profile(self):
        self.assertCanCreate(
            self.directory,
            ExpertProfilePage,
            nested_form_data(
                {
                    "title": "Jelena Petrović",
                    "slug": "jelena-petrovic",
                    "job_title": "Psihologinja",
                    "organisation": "Centar za socijalni rad",
                    "country": "",
                    "summary": "Stručnjakinja za hraniteljstvo.",
                    "photo_alt": "",
                    "biography": rich_text("<p>Dvadeset godina iskustva.</p>"),
                    "expertise_links": inline_formset([{"area": self.area.pk}]),
                    "language_links": inline_formset([{"language": "sh"}, {"language": "en"}]),
                    "publications": streamfield([]),
                    "user": "",
                    "email": "jelena@example.org",
                    "last_confirmed": "2026-11-01",
                }
            ),
        )
        profile = ExpertProfilePage.objects.get(slug="jelena-petrovic")
        self.assertEqual(profile.country, "serbia")
        self.assertEqual([a.slug for a in profile.expertise_areas], ["foster-x"])

    def test_a_profile_renders_without_its_email(self):
        profile = ExpertProfilePageFactory(
            parent=self.directory,
            email="secret.person@example.org",
            areas=[self.area],
            languages=["sh", "en"],
        )
        self.assertPageIsRenderable(profile)
        html = self.client.get(profile.url).content.decode()
        self.assertNotIn("secret.person", html)
        self.assertIn("Hraniteljstvo", html)
        person = json_ld(html)[0]
        self.assertEqual(person["@type"], "Person")
        self.assertEqual(person["knowsLanguage"], ["sh", "en"])
        self.assertNotIn("email", person)
        # Not in the directory listing either.
        self.assertNotIn("secret.person", self.client.get(self.directory.url).content.decode())


def test_expert_translatable_field_policy():
    fields = {f.field_name: type(f) for f in get_translatable_fields(ExpertProfilePage)}
    for name in [
        "title",
        "summary",
        "job_title",
        "organisation",
        "biography",
        "publications",
        "photo_alt",
        "expertise_links",
    ]:
        assert fields[name] is TranslatableField, name
    for name in ["slug", "photo", "last_confirmed", "user", "email", "language_links", "country"]:
        assert fields[name] is SynchronizedField, name
    assert {f.field_name: type(f) for f in get_translatable_fields(ExpertProfileExpertise)} == {
        "area": SynchronizedField
    }


def test_expert_translation_round_trip(client, db, country_section, index_of):
    section = country_section("ukraine", "uk")
    area = ExpertiseAreaFactory(locale=section.locale, name="Травма", slug="trauma-x")
    source = ExpertProfilePageFactory(
        parent=index_of(section, ExpertDirectoryPage),
        title="Олена Коваль",
        areas=[area],
        languages=["uk"],
    )
    english = translate(source, "en", lambda text: f"EN {text}")
    # The area has no English translation yet: the English page shows the Ukrainian
    # term, marked as Ukrainian, and no English term was made up from it.
    assert [(a.name, a.language) for a in english.specific.expertise_areas] == [("Травма", "uk")]
    assert not ExpertiseArea.objects.filter(locale__language_code="en", slug="trauma-x").exists()
    html = client.get(f"/en/ukraine/experts/{source.slug}/").content.decode()
    assert '<li lang="uk"><a href="/en/ukraine/experts/?expertise=trauma-x">Травма</a>' in html
    # Once the term is translated, the English page shows it, unmarked.
    trauma = area.copy_for_translation(english.locale)
    trauma.name = "Trauma"
    trauma.save()
    html = client.get(f"/en/ukraine/experts/{source.slug}/").content.decode()
    assert '<li><a href="/en/ukraine/experts/?expertise=trauma-x">Trauma</a></li>' in html
    assert "Травма" not in html
    assert "EN Олена Коваль" in client.get("/en/experts/").content.decode()
    assert "EN Олена Коваль" not in client.get("/uk/experts/").content.decode()


@pytest.fixture
def experts(db, country_section, index_of):
    ukraine = country_section("ukraine", "en")
    serbia = country_section("serbia", "en")
    trauma = ExpertiseAreaFactory(locale=ukraine.locale, name="Trauma", slug="trauma-y")
    foster = ExpertiseAreaFactory(locale=ukraine.locale, name="Foster care", slug="foster-y")
    return {
        "olena": ExpertProfilePageFactory(
            parent=index_of(ukraine, ExpertDirectoryPage),
            title="Olena Koval",
            organisation="Kharkiv Centre",
            areas=[trauma],
            languages=["uk", "ru"],
        ),
        "milan": ExpertProfilePageFactory(
            parent=index_of(serbia, ExpertDirectoryPage),
            title="Milan Jovic",
            areas=[foster],
            languages=["sh", "en"],
            last_confirmed=timezone.localdate() - datetime.timedelta(days=400),
        ),
    }


@pytest.mark.parametrize(
    ("query", "shown", "hidden"),
    [
        ("?country=serbia", "Milan Jovic", "Olena Koval"),
        ("?expertise=trauma-y", "Olena Koval", "Milan Jovic"),
        ("?language=en", "Milan Jovic", "Olena Koval"),
        ("?q=kharkiv", "Olena Koval", "Milan Jovic"),
        ("?q=jovic&language=sh", "Milan Jovic", "Olena Koval"),
    ],
)
def test_directory_filters(client, experts, query, shown, hidden):
    html = client.get("/en/experts/" + query).content.decode()
    assert shown in html
    assert hidden not in html


@pytest.mark.parametrize("query", ["?q=" + "я" * 10000, "?q=a%27%22)(*&expertise=nope&language=xx"])
def test_odd_directory_queries_give_a_normal_page(client, experts, query):
    assert client.get("/en/experts/" + query).status_code == 200
