"""Submitting for translation without writing beyond the user's rights.

Stock wagtail-localize (``TranslationCreator.create_translations``) also translates
every snippet a page references (its topics, areas of expertise) into each target
locale, and saves that translation even where the target locale already has the
term: a Serbia editor translating a Serbian news item into Ukrainian would rewrite
the Ukrainian topic's name with the Serbian one, although the editor has no snippet
permissions at all.

Here a page's related snippets are translated only into the locales where they are
missing, and only when the user could add that snippet in the snippet editor. An
existing term in the target locale is never touched: the page translation links to
it (wagtail-localize resolves a related object to its target-locale instance by
translation key). Where the term is missing and the user may not create it, the
translation keeps the source term, which the public page shows marked with its
language."""

import contextlib

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models.signals import post_save
from modelsearch.signal_handlers import post_save_signal_handler as search_index_on_save
from modelsearch.tasks import insert_or_update_object_task
from wagtail.models import Locale, Page
from wagtail.signal_handlers import disable_reference_index_auto_update
from wagtail.tasks import update_reference_index_task
from wagtail_localize.models import Translation, TranslationSource
from wagtail_localize.operations import TranslationCreator

from portal.tasks import enqueue_on_commit, retrying_task


def may_create_snippet_translation(user, instance):
    """The same permission the snippet editor asks for when adding a term."""
    opts = instance._meta
    return user.is_superuser or user.has_perm(f"{opts.app_label}.add_{opts.model_name}")


class ScopedTranslationCreator(TranslationCreator):
    # INTERNAL (wagtail-localize): create_translations(instance, include_related_objects)
    # recurses into each related object with include_related_objects=False and uses
    # self.target_locales. Contract: tests/governance/test_contracts.py.
    def create_translations(self, instance, include_related_objects=True):
        if isinstance(instance, Page):
            return super().create_translations(instance, include_related_objects)
        if not may_create_snippet_translation(self.user, instance):
            return None
        existing = set(
            type(instance)
            .objects.filter(translation_key=instance.translation_key)
            .values_list("locale_id", flat=True)
        )
        missing = [locale for locale in self.target_locales if locale.pk not in existing]
        if not missing:
            return None
        scoped = ScopedTranslationCreator(self.user, missing)
        scoped.seen_objects = self.seen_objects
        scoped.mappings = self.mappings
        return TranslationCreator.create_translations(scoped, instance, include_related_objects)


@contextlib.contextmanager
def without_nested_savepoints(using=None):
    """Inside, an atomic block nested in the current transaction writes no SAVEPOINT:
    Django asks ``connection._savepoint_allowed()``, which reads
    ``connection.features.uses_savepoints`` (INTERNAL, Django; contract:
    tests/governance/test_contracts_fan_out.py). An error inside then rolls back to
    the nearest savepoint made outside, which the caller must hold."""
    connection = transaction.get_connection(using)
    connection.features.uses_savepoints = False
    try:
        yield
    finally:
        del connection.features.uses_savepoints  # the class attribute shows again


class FanOutTranslationCreator(ScopedTranslationCreator):
    """The translations of a page into many languages at once, with what the stock
    TranslationCreator reads and writes once per language done once.

    Stock ``TranslationCreator.create_translations`` (wagtail-localize 1.x) runs, for
    each locale, ``Translation.objects.update_or_create`` and ``save_target``, whose
    ``TranslationSource.create_or_update_translation`` reads the source page again
    (``as_instance`` → ``get_source_instance``, with its comments), and whose saves
    each nest an atomic block (a SAVEPOINT and a RELEASE) and each enqueue a reference
    index update. Here, for a page:

    * the source is extracted once (``TranslationSource.get_or_create_from_instance``,
      as stock), and the source page is read once for all locales;
    * the Translation records are read in one query and the missing ones created in
      one (``bulk_create``);
    * each locale's draft is made by the stock ``Translation.save_target`` in one
      savepoint of its own, with no savepoints nested inside it; a locale whose draft
      fails validation is skipped, as stock does with ``contextlib.suppress``, and
      leaves nothing behind (stock keeps the bare page copy it made first);
    * the reference index and the search index are updated once per draft at the end
      (``update_indexes``), not after each of its three saves.

    Snippets (a page's related objects) go through ScopedTranslationCreator as before.
    The drafts are the same as stock's: tests/governance/test_fan_out.py compares them."""

    def __init__(self, user, target_locales):
        super().__init__(user, target_locales)
        self.saved_pages = []

    def create_translations(self, instance, include_related_objects=True):
        if not isinstance(instance, Page):
            return super().create_translations(instance, include_related_objects)
        # As stock TranslationCreator.create_translations, up to the per-locale loop.
        instance = instance.specific
        if instance.translation_key in self.seen_objects:
            return None
        self.seen_objects.add(instance.translation_key)
        source, _created = TranslationSource.get_or_create_from_instance(instance)
        if include_related_objects:
            for segment in source.relatedobjectsegment_set.select_related("object"):
                related = segment.object.get_instance(instance.locale)
                self.create_translations(related, include_related_objects=False)
        mode = getattr(
            instance,
            "localize_default_translation_mode",
            getattr(settings, "WAGTAIL_LOCALIZE_DEFAULT_TRANSLATION_MODE", "synced"),
        )
        enabled = mode == "synced"
        # settings.WAGTAILLOCALIZE_SYNC_LIVE_STATUS_ON_TRANSLATE, as stock reads it.
        if getattr(settings, "WAGTAILLOCALIZE_SYNC_LIVE_STATUS_ON_TRANSLATE", True):
            publish = getattr(instance, "live", True)
        else:
            publish = False  # a page can always be saved as a draft

        locales = [locale for locale in self.target_locales if locale.pk != source.locale_id]
        translations = self.translation_records(source, locales, enabled)
        self.read_source_once(source)
        # Only the drafts' own saves skip the index updates (update_indexes makes them
        # once per draft); related snippets translated above were indexed as usual.
        with disable_reference_index_auto_update(), search_index_deferred(type(instance)):
            for translation in translations:
                self.mappings[source].append(translation)
                try:
                    with transaction.atomic(), without_nested_savepoints():
                        translation.save_target(user=self.user, publish=publish)
                except ValidationError:
                    continue
                self.saved_pages.append((source, translation.target_locale))
        return None

    @staticmethod
    def translation_records(source, locales, enabled):
        """Stock: ``Translation.objects.update_or_create(source=…, target_locale=…,
        defaults={"enabled": …})`` per locale. Here: one read, one bulk insert, and one
        update for those whose ``enabled`` differs."""
        existing = {
            record.target_locale_id: record
            for record in Translation.objects.filter(source=source, target_locale__in=locales)
        }
        stale = [r.pk for r in existing.values() if r.enabled != enabled]
        if stale:
            Translation.objects.filter(pk__in=stale).update(enabled=enabled)
        # ignore_conflicts: a submission running at the same time may have made some.
        Translation.objects.bulk_create(
            [
                Translation(source=source, target_locale=locale, enabled=enabled)
                for locale in locales
                if locale.pk not in existing
            ],
            ignore_conflicts=True,
        )
        records = {
            record.target_locale_id: record
            for record in Translation.objects.filter(source=source, target_locale__in=locales)
        }
        ordered = [records[locale.pk] for locale in locales]
        for record, locale in zip(ordered, locales, strict=True):
            record.source = source  # the one instance, with its cached source page
            record.target_locale = locale
        return ordered

    @staticmethod
    def read_source_once(source):
        """``TranslationSource.as_instance`` (INTERNAL, wagtail-localize) rebuilds the
        page from the stored content on top of ``get_source_instance()``, a query per
        call, and ``Page.with_content_json`` copies that page's comments, another. The
        source page is read once here, comments included, and handed out again."""
        page = source.get_source_instance()
        comments = page.wagtail_admin_comments
        comments.set(list(comments.all()))  # held in memory by modelcluster from now on
        source.get_source_instance = lambda: page

    def update_indexes(self):
        """One reference index and one search index update per draft, enqueued as
        Wagtail's own signal handlers would have enqueued them after every save."""
        for source, locale in self.saved_pages:
            draft = source.get_translated_instance(locale)
            key = (draft._meta.app_label, draft._meta.model_name, str(draft.pk))
            update_reference_index_task.enqueue(*key)
            insert_or_update_object_task.enqueue(*key)


@contextlib.contextmanager
def search_index_deferred(model):
    """Saves of `model` inside do not update the search index (each draft is saved
    three times). modelsearch connects ``post_save_signal_handler`` for every indexed
    model (INTERNAL, modelsearch.signal_handlers.register_signal_handlers; contract:
    tests/governance/test_contracts_fan_out.py). Disconnecting is process-wide, so this
    runs only in the fan-out job: the worker runs one job at a time in its thread."""
    disconnected = post_save.disconnect(search_index_on_save, sender=model)
    try:
        yield
    finally:
        if disconnected:
            post_save.connect(search_index_on_save, sender=model)


def fan_out(page, locales, user):
    """The drafts of `page` in `locales`, made as `user` (see FanOutTranslationCreator)."""
    creator = FanOutTranslationCreator(user, locales)
    creator.create_translations(page)
    creator.update_indexes()
    return creator


@transaction.atomic
def translate_object(instance, locales, components=None, user=None):
    """wagtail_localize.operations.translate_object with the scoped creator."""
    creator = ScopedTranslationCreator(user, locales)
    creator.create_translations(instance)
    if components is not None:
        components.save(creator, sources_and_translations=creator.mappings)
    return creator


def page_translation_ids(creator):
    """The Translation records a creator made for pages (not for related snippets)."""
    return [
        record.pk
        for source, records in creator.mappings.items()
        if issubclass(source.specific_content_type.model_class() or object, Page)
        for record in records
    ]


@retrying_task()
def translate_pages(page_ids, locale_ids, user_id):
    """The fan-out of a submission for translation, in the worker: the translations of
    these pages into these languages, created as drafts as the submitting user. The
    rights were checked in the request and are checked again here, as they may have
    changed. Then the translators of each language are told."""
    from governance.notifications import notify_translators
    from governance.permissions import check_may_translate

    user = get_user_model().objects.get(pk=user_id)
    locales = list(Locale.objects.filter(pk__in=locale_ids))
    translation_ids = []
    with transaction.atomic():
        for page in Page.objects.filter(pk__in=page_ids).order_by("path").specific():
            check_may_translate(user, page, locales)
            translation_ids += page_translation_ids(fan_out(page, locales, user))
        enqueue_on_commit(notify_translators, translation_ids)
    return translation_ids
