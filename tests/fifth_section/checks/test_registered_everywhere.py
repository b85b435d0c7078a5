"""A fifth section type, registered from its own folder only, appears in the tree
builder, the admin's allowed page types, the translation status report, search and
the home page."""

import pytest
from django.test import TestCase
from wagtail.models import Locale

from home.models import CountryPage, HomePage
from home.sections import all_sections
from tests.fifth_section.app.models import ResourceIndexPage, ResourcePage
from tests.utils import superuser


def test_it_is_registered_after_the_portal_sections():
    keys = [section.key for section in all_sections()]
    assert keys[:4] == ["news", "events", "vacancies", "experts"]
    assert keys[-1] == "resources"


@pytest.mark.django_db
def test_tree_builder_gives_every_home_and_country_section_its_index():
    homes = HomePage.objects.count()
    countries = CountryPage.objects.count()
    assert homes == Locale.objects.count() == 10
    indexes = ResourceIndexPage.objects.live()
    assert indexes.count() == homes + countries
    uk_home = HomePage.objects.get(locale__language_code="uk")
    assert ResourceIndexPage.objects.child_of(uk_home).get().url_path.endswith("/resources/")
    assert ResourceIndexPage in HomePage.allowed_subpage_models()
    assert ResourceIndexPage in CountryPage.allowed_subpage_models()


@pytest.fixture
def resource(db):
    ukraine = CountryPage.objects.get(country="ukraine", locale__language_code="uk")
    index = ResourceIndexPage.objects.child_of(ukraine).get()
    page = ResourcePage(
        title="Посібник для опікунів", slug="guide", summary="Guide.", publisher="Zoryanet"
    )
    index.add_child(instance=page)
    # Publishing indexes the page for search once the transaction commits.
    with TestCase.captureOnCommitCallbacks(execute=True):
        page.save_revision().publish()
    return page


def test_home_page_shows_the_new_section(client, resource):
    response = client.get("/uk/")
    html = response.content.decode()
    assert response.status_code == 200
    assert 'id="section-resources"' in html
    assert "Latest resources" in html
    assert "Посібник для опікунів" in html


def test_search_finds_it_and_offers_its_type(client, resource):
    response = client.get("/uk/search/", {"q": "Zoryanet"})
    assert [page.title for page in response.context["results"]] == ["Посібник для опікунів"]
    response = client.get("/uk/search/", {"q": "Zoryanet", "type": "resources"})
    assert response.context["rejected_filters"] == []
    assert response.context["result_count"] == 1


def test_translation_status_reports_it(client, resource):
    client.force_login(superuser())
    context = client.get("/admin/translation-status/?type=resources&language=en").context
    assert "resources" in [key for key, _label in context["type_choices"]]
    assert [(row["source"]["title"], row["state"]) for row in context["rows"]] == [
        ("Посібник для опікунів", "missing")
    ]
