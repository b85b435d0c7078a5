from django.conf import settings
from wagtail.models import Locale, Page
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import nested_form_data, rich_text

from events.models import EventIndexPage, EventPage
from expert_profiles.models import ExpertDirectoryPage, ExpertProfilePage
from home.models import CountryPage, HomePage, StandardPage
from home.site_tree import build_page_tree
from library.models import LibraryIndexPage, PublicationPage, TrainersPage
from news.models import NewsIndexPage, NewsPage
from portal.languages import COUNTRIES
from vacancies.models import VacancyIndexPage, VacancyPage

INDEXES = {
    NewsIndexPage,
    EventIndexPage,
    VacancyIndexPage,
    ExpertDirectoryPage,
    LibraryIndexPage,
}
ITEMS = {
    NewsIndexPage: NewsPage,
    EventIndexPage: EventPage,
    VacancyIndexPage: VacancyPage,
    ExpertDirectoryPage: ExpertProfilePage,
    LibraryIndexPage: PublicationPage,
}
# Besides its publications, the library holds the trainers' landing page.
FIXED = {LibraryIndexPage: {TrainersPage}}


class PageTreeRulesTests(WagtailPageTestCase):
    def test_home_sits_under_the_root_only(self):
        self.assertAllowedParentPageTypes(HomePage, {Page})
        self.assertAllowedSubpageTypes(HomePage, INDEXES | {CountryPage, StandardPage})

    def test_country_sits_under_home_and_holds_the_section_indexes(self):
        self.assertAllowedParentPageTypes(CountryPage, {HomePage})
        self.assertAllowedSubpageTypes(CountryPage, INDEXES)

    def test_indexes_sit_under_home_or_a_country_and_hold_their_items(self):
        for index, item in ITEMS.items():
            self.assertAllowedParentPageTypes(index, {HomePage, CountryPage})
            self.assertAllowedSubpageTypes(index, {item} | FIXED.get(index, set()))
            self.assertAllowedParentPageTypes(item, {index})
            self.assertAllowedSubpageTypes(item, set())

    def test_items_cannot_be_created_anywhere_else(self):
        self.assertCanNotCreateAt(HomePage, NewsPage)
        self.assertCanNotCreateAt(CountryPage, VacancyPage)
        self.assertCanNotCreateAt(NewsIndexPage, EventPage)
        self.assertCanCreateAt(NewsIndexPage, NewsPage)
        self.assertCanCreateAt(Page, HomePage)

    def test_at_most_one_index_of_each_kind_per_parent(self):
        home = HomePage.objects.get(locale__language_code="en")
        ukraine = CountryPage.objects.get(locale=home.locale, country="ukraine")
        for index in INDEXES:
            self.assertFalse(index.can_create_at(home), index)
            self.assertFalse(index.can_create_at(ukraine), index)

    def test_every_locale_has_the_whole_tree_as_translations(self):
        self.assertEqual(
            set(Locale.objects.values_list("language_code", flat=True)),
            {code for code, _name in settings.LANGUAGES},
        )
        source_home = HomePage.objects.get(locale__language_code="en")
        for locale in Locale.objects.all():
            home = HomePage.objects.get(locale=locale)
            self.assertEqual(home.translation_key, source_home.translation_key)
            self.assertTrue(home.live)
            for index in INDEXES:
                self.assertEqual(index.objects.child_of(home).live().count(), 1)
            countries = CountryPage.objects.child_of(home).live()
            self.assertEqual(
                sorted(countries.values_list("country", flat=True)),
                sorted(country.slug for country in COUNTRIES),
            )
            for country in countries:
                english = country.get_translation(source_home.locale)
                self.assertEqual(country.slug, english.slug)
                for index in INDEXES:
                    self.assertEqual(index.objects.child_of(country).live().count(), 1)

    def test_building_the_tree_again_changes_nothing(self):
        before = Page.objects.count()
        build_page_tree()
        self.assertEqual(Page.objects.count(), before)

    def test_section_titles_are_in_the_locale_language(self):
        home = HomePage.objects.get(locale__language_code="uk")
        self.assertEqual(NewsIndexPage.objects.child_of(home).get().title, "Новини")
        self.assertEqual(
            CountryPage.objects.get(locale=home.locale, country="hungary").title, "Угорщина"
        )


class CountryPageAdminTests(WagtailPageTestCase):
    def setUp(self):
        self.login()
        self.home = HomePage.objects.get(locale__language_code="en")

    def test_a_second_section_for_the_same_country_is_refused(self):
        before = CountryPage.objects.count()
        response = self.client.post(
            f"/admin/pages/add/home/countrypage/{self.home.pk}/",
            nested_form_data(
                {"title": "Ukraine again", "slug": "ukraine-2", "country": "ukraine", "intro": ""}
            ),
        )
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "already has a section for that country")
        self.assertEqual(CountryPage.objects.count(), before)

    def test_home_and_country_pages_render(self):
        self.assertPageIsRenderable(self.home)
        self.assertPageIsRenderable(
            CountryPage.objects.get(locale=self.home.locale, country="serbia")
        )


class StructuralPagesAdminTests(WagtailPageTestCase):
    def setUp(self):
        self.login()
        self.home = HomePage.objects.get(locale__language_code="en")

    def test_a_country_section_and_its_indexes_can_be_built_in_the_admin(self):
        CountryPage.objects.get(locale=self.home.locale, country="croatia").delete()
        self.assertCanCreate(
            self.home,
            CountryPage,
            nested_form_data(
                {"title": "Croatia", "slug": "croatia", "country": "croatia", "intro": "Hello"}
            ),
        )
        croatia = CountryPage.objects.get(locale=self.home.locale, country="croatia")
        for index in INDEXES:
            self.assertCanCreateAt(CountryPage, index)
            self.assertCanCreate(
                croatia,
                index,
                nested_form_data(
                    {
                        "title": index._meta.verbose_name,
                        "slug": index.__name__.lower(),
                        "intro": rich_text(""),
                    }
                ),
            )
            # Exactly one of each kind: the admin no longer offers another.
            croatia.refresh_from_db()
            self.assertFalse(index.can_create_at(croatia))
        for child in croatia.get_children().specific():
            self.assertPageIsRenderable(child)


def test_structural_translatable_field_policy():
    from wagtail_localize.fields import (
        SynchronizedField,
        TranslatableField,
        get_translatable_fields,
    )

    for model in [HomePage, CountryPage, *INDEXES]:
        fields = {f.field_name: type(f) for f in get_translatable_fields(model)}
        assert fields["title"] is TranslatableField, model
        assert fields["intro"] is TranslatableField, model
        assert fields["slug"] is SynchronizedField, model
    assert {f.field_name: type(f) for f in get_translatable_fields(CountryPage)}[
        "country"
    ] is SynchronizedField
