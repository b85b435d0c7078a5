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

from django.contrib.auth import get_user_model
from django.db import transaction
from wagtail.models import Locale, Page
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
            translation_ids += page_translation_ids(translate_object(page, locales, user=user))
        enqueue_on_commit(notify_translators, translation_ids)
    return translation_ids
