"""`manage.py generate_scale_data`: bulk-inserted items are real live pages."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from wagtail.models import Page, WorkflowState

from home.sections import all_sections

pytestmark = pytest.mark.django_db


@pytest.fixture
def generated(locales):
    before = {
        section.key: set(section.item_model.objects.values_list("pk", flat=True))
        for section in all_sections()
    }
    out = StringIO()
    call_command("generate_scale_data", items=60, allow_production=True, stdout=out)
    return {
        section.key: list(section.item_model.objects.exclude(pk__in=before[section.key]))
        for section in all_sections()
    }, out.getvalue()


def test_makes_live_items_of_every_section_in_many_languages_and_countries(generated):
    pages, output = generated
    made = [page for items in pages.values() for page in items]
    assert len(made) == 60
    assert {key for key, items in pages.items() if items} == {s.key for s in all_sections()}
    assert all(page.live and page.first_published_at and page.url_path for page in made)
    assert len({page.locale_id for page in made}) >= 5
    assert len({page.country for page in made}) >= 5
    # A quarter or so share a translation key with another language's version.
    keys = [page.translation_key for page in made]
    assert len(set(keys)) < len(keys)
    assert "Generated 60 items" in output


def test_the_page_tree_stays_valid(generated):
    # treebeard's own check: characters, step length, orphans, depth, numchild.
    assert Page.find_problems() == ([], [], [], [], [])
    for items in generated[0].values():
        for page in items:
            parent = page.get_parent()
            assert page.url_path == f"{parent.url_path}{page.slug}/"
            assert page.locale_id == parent.locale_id


def test_every_section_renders_its_generated_items(client, generated):
    for key, items in generated[0].items():
        page = items[0]
        response = client.get(page.url)
        assert response.status_code == 200, (key, page.url)
        assert page.title.encode() in response.content or b"(revised)" in response.content


def test_news_listing_shows_the_generated_items(client, generated):
    news = generated[0]["news"]
    page = max(news, key=lambda item: (item.date, item.pk))
    index = page.get_parent().specific
    response = client.get(index.url)
    assert response.status_code == 200
    assert page.title.encode() in response.content


def test_site_search_finds_a_generated_item(client, generated):
    english = [
        page
        for items in generated[0].values()
        for page in items
        if page.locale.language_code == "en" and not page.title.endswith("(revised)")
    ]
    page = english[0]
    serial = page.title.rsplit("(", 1)[-1].rstrip(")")
    response = client.get("/en/search/", {"q": f"{serial}"})
    assert response.status_code == 200
    assert page.title.encode() in response.content


def test_a_few_items_wait_in_country_review(generated):
    assert WorkflowState.objects.filter(status=WorkflowState.STATUS_IN_PROGRESS).count() == 3


def test_refuses_a_negative_count():
    with pytest.raises(CommandError):
        call_command("generate_scale_data", items=-1, allow_production=True)


def test_sections_limits_the_generated_types(locales):
    before = {s.key: s.item_model.objects.count() for s in all_sections()}
    call_command(
        "generate_scale_data", items=8, sections="news", allow_production=True, stdout=StringIO()
    )
    after = {s.key: s.item_model.objects.count() for s in all_sections()}
    assert after["news"] == before["news"] + 8
    assert {key: count for key, count in after.items() if key != "news"} == {
        key: count for key, count in before.items() if key != "news"
    }


def test_an_unknown_section_is_refused_before_anything_is_written(locales):
    pages = Page.objects.count()
    with pytest.raises(CommandError, match="Unknown section: gossip"):
        call_command("generate_scale_data", items=5, sections="gossip", allow_production=True)
    assert Page.objects.count() == pages
