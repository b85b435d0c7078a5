"""Contract tests for governance.translation.FanOutTranslationCreator and fan_out: each
Django, Wagtail, modelsearch or wagtail-localize internal the fan-out relies on. When an
upgrade changes one, these fail, and the docstring in governance/translation.py that
names it says what to look at."""

import inspect

import pytest
from django.db import connection, transaction
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.models.signals import post_save
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page
from wagtail_localize.models import TranslationSource
from wagtail_localize.operations import TranslationCreator

from governance.translation import search_index_on_save, without_nested_savepoints
from news.models import NewsPage


def test_fan_out_replicates_the_stock_creator_up_to_its_per_locale_loop():
    """FanOutTranslationCreator.create_translations copies these steps of the stock
    method for pages and replaces only its per-locale loop."""
    source = inspect.getsource(TranslationCreator.create_translations)
    for step in (
        "TranslationSource.get_or_create_from_instance(instance)",
        "source.relatedobjectsegment_set.all()",
        "related_object_segment.object.get_instance(",
        "include_related_objects=False",
        '"localize_default_translation_mode"',
        '"WAGTAIL_LOCALIZE_DEFAULT_TRANSLATION_MODE", "synced"',
        "Translation.objects.update_or_create(",
        'defaults={"enabled": translation_enabled}',
        '"WAGTAILLOCALIZE_SYNC_LIVE_STATUS_ON_TRANSLATE", True',
        "contextlib.suppress(ValidationError)",
        "translation.save_target(user=self.user, publish=publish)",
    ):
        assert step in source, step


def test_the_source_page_is_read_through_get_source_instance_only():
    """read_source_once replaces get_source_instance on the source: as_instance must
    still read the page through it, and create_or_update_translation through as_instance."""
    assert "self.get_source_instance()" in inspect.getsource(TranslationSource.as_instance)
    create = inspect.getsource(TranslationSource.create_or_update_translation)
    assert "original = self.as_instance()" in create
    assert "self.get_translated_instance(locale)" in create
    # with_content_json takes the comments from the page it is called on.
    assert "COMMENTS_RELATION_NAME" in inspect.getsource(Page.with_content_json)


def test_savepoints_are_allowed_by_the_connections_features():
    source = inspect.getsource(BaseDatabaseWrapper._savepoint_allowed)
    assert "self.features.uses_savepoints" in source


@pytest.mark.django_db
def test_without_nested_savepoints_writes_no_savepoint_and_restores_them():
    with CaptureQueriesContext(connection) as context:
        with without_nested_savepoints(), transaction.atomic():
            NewsPage.objects.exists()
        with transaction.atomic():
            NewsPage.objects.exists()
    sql = [query["sql"] for query in context.captured_queries]
    assert [s.split(" ")[0] for s in sql] == ["SELECT", "SAVEPOINT", "SELECT", "RELEASE"]
    assert connection.features.uses_savepoints


def test_modelsearch_updates_the_index_from_a_post_save_handler_per_model():
    """search_index_deferred disconnects that handler for the page's model."""
    assert post_save.disconnect(search_index_on_save, sender=NewsPage)
    post_save.connect(search_index_on_save, sender=NewsPage)
    assert post_save.has_listeners(NewsPage)
