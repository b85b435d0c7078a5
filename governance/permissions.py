"""Closing the gaps stock wagtail-localize leaves in a site with country teams.

1. Stock "submit for translation" and "sync" check only the global permission
   `wagtail_localize.submit_translation`, so an editor of one country could create or
   overwrite pages in another country's sections. Here the user must be able to edit
   the source and to add (or edit) pages where every translation lands.
2. Stock "Publish in <lang>" in the translation editor publishes directly, skipping
   the moderation workflow. Here it saves a draft and submits it to the section's
   workflow; a moderator's own approval is recorded as a workflow step.
3. Wagtail has no notion of "may edit translations only". Translators get edit
   rights on their locale's tree, and these checks stop them touching anything that
   is not a translation (a country team's original content)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from wagtail.models import Page
from wagtail_localize.models import Translation

from home.models import PortalPagePermissionTester


def translation_for(page):
    """The enabled wagtail-localize Translation whose target is this page, or None."""
    return (
        Translation.objects.filter(
            source__object_id=page.translation_key, target_locale_id=page.locale_id, enabled=True
        )
        .select_related("source", "target_locale")
        .first()
    )


def has_editorial_rights(user, page):
    """True when the user may create content where this page is (`add_page` on it or
    an ancestor; home.models.PortalPagePermissionTester). Editorial roles have it;
    translators hold only change and view, which is what makes them translators,
    whatever their group is called."""
    return PortalPagePermissionTester(user, page).may_create_here()


def check_translator_may_touch(user, page):
    """Translators may edit translations, never originals, and never delete or move."""
    if has_editorial_rights(user, page):
        return
    if translation_for(page) is None:
        raise PermissionDenied


def check_may_translate(user, source_page, locales):
    """May `user` create or overwrite the translations of `source_page` into `locales`?
    The existing translations and the translated parents are read in one query each,
    whatever the number of languages."""
    if not source_page.permissions_for_user(user).can_edit():
        raise PermissionDenied
    parent = source_page.get_parent()
    locale_ids = [locale.pk for locale in locales]
    existing = {
        page.locale_id: page
        for page in Page.objects.filter(
            translation_key=source_page.translation_key, locale_id__in=locale_ids
        ).specific(defer=True)
    }
    parents = {
        page.locale_id: page
        for page in Page.objects.filter(
            translation_key=parent.translation_key, locale_id__in=locale_ids
        ).specific(defer=True)
    }
    for locale_id in locale_ids:
        if locale_id in existing:
            if not existing[locale_id].permissions_for_user(user).can_edit():
                raise PermissionDenied
        elif locale_id not in parents or not (
            parents[locale_id].permissions_for_user(user).can_add_subpage()
        ):
            raise PermissionDenied


def submit_translation_for_review(request, page, translation):
    """Save the translation as a draft and put it through the section's workflow.
    Returns a message for the user. The caller has checked that the user may edit."""
    translation.save_target(user=request.user, publish=False)
    page = page.specific_class.objects.get(pk=page.pk)
    workflow = page.get_workflow()
    if workflow is None:
        if not page.permissions_for_user(request.user).can_publish():
            raise PermissionDenied
        page.get_latest_revision().publish(user=request.user)
        return _("Published.")
    state = page.current_workflow_state
    if state is None:
        state = workflow.start(page, request.user)
    task_state = state.current_task_state
    task = task_state.task.specific
    if any(name == "approve" for name, *_rest in task.get_actions(page, request.user)):
        # A moderator publishing their own language still leaves a review record.
        task.on_action(task_state, request.user, "approve")
        return _("Approved and published through the country review.")
    return _("Submitted to the country review. A moderator will publish it.")


def intercept_translation_publish(request, page):
    """`before_edit_page` hook: turn the translation editor's "Publish" into review.

    INTERNAL (wagtail-localize): its editor's "Publish in <lang>" button posts
    `action=publish` to the page edit URL, where its own before_edit_page hook
    publishes with `save_target(publish=True)`. Contract:
    tests/governance/test_contracts.py (action=publish and hook order)."""
    if request.method != "POST" or request.POST.get("action") != "publish":
        return None
    translation = translation_for(page)
    if translation is None:
        return None
    if not page.permissions_for_user(request.user).can_edit():
        raise PermissionDenied
    messages.success(request, submit_translation_for_review(request, page, translation))
    return redirect("wagtailadmin_pages:edit", page.pk)
