"""What an expert can do to their own profile, outside the Wagtail admin: find it,
save a change through review (or publish it where the country allows), confirm it
is still current. Every entry point starts from the signed-in user, never from an
id in the request."""

import json

from django.core.serializers.json import DjangoJSONEncoder
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page, WorkflowState
from wagtail_localize.models import TranslationSource

from expert_profiles.models import ExpertProfilePage
from expert_profiles.translation import mark_translations_outdated
from home.models import COUNTRY_DEPTH, CountryPage

DRAFT = "draft"
AWAITING_REVIEW = "awaiting_review"
LIVE = "live"
STATE_LABELS = {
    DRAFT: _("Draft: not yet sent for review"),
    AWAITING_REVIEW: _("Awaiting review by the country team"),
    LIVE: _("Live: visitors see this version"),
}


def profile_for(user, language_code=None):
    """The profile `user` edits: the original, never a wagtail-localize translation
    (the next sync would overwrite an edit made there). An expert with originals in
    several languages edits the one in `language_code` when there is one."""
    if not user.is_authenticated:
        return None
    profiles = list(
        ExpertProfilePage.objects.filter(user=user, alias_of__isnull=True)
        .select_related("locale")
        .order_by("pk")
    )
    if not profiles:
        return None
    source_locales = dict(
        TranslationSource.objects.filter(
            object_id__in={p.translation_key for p in profiles}
        ).values_list("object_id", "locale_id")
    )
    originals = [
        p for p in profiles if source_locales.get(p.translation_key, p.locale_id) == p.locale_id
    ]
    if not originals:
        return None
    for profile in originals:
        if profile.locale.language_code == language_code:
            return profile
    return originals[0]


def country_section_of(page):
    return CountryPage.objects.filter(path=page.path[: Page.steplen * COUNTRY_DEPTH]).first()


def profile_state(page):
    workflow_state = page.current_workflow_state
    if workflow_state is not None and workflow_state.status == WorkflowState.STATUS_IN_PROGRESS:
        return AWAITING_REVIEW
    if page.has_unpublished_changes:
        if workflow_state is None and page.get_workflow() is None:
            # No review workflow yet: the change waits in the admin as a draft that
            # the country team publishes, which is a review all the same.
            return AWAITING_REVIEW if page.live else DRAFT
        return DRAFT
    return LIVE if page.live else DRAFT


@transaction.atomic
def save_changes(page, user):
    """Save `page` (the expert's edited latest draft) as a new revision, then publish
    it where the country lets experts self-publish, or send it to review."""
    if not page.live:
        # As the admin does for a page that was never published: the row is the draft.
        page.save()
    revision = page.save_revision(user=user, log_action=True)
    section = country_section_of(page)
    if section is not None and section.experts_self_publish:
        # The expert has no page permission; the ownership check in the view is
        # what allows this publish, and only for their own profile.
        revision.publish(user=user, skip_permission_checks=True)
        page.refresh_from_db()
        mark_translations_outdated(page)
        return revision, LIVE
    workflow_state = page.current_workflow_state
    if workflow_state is not None and workflow_state.status == WorkflowState.STATUS_NEEDS_CHANGES:
        workflow_state.resume(user)
    elif workflow_state is None:
        workflow = page.get_workflow()
        if workflow is not None:
            workflow.start(page, user)
    return revision, profile_state(page)


def _revision_value(value):
    if isinstance(value, models.Model):
        value = value.pk
    return json.loads(json.dumps(value, cls=DjangoJSONEncoder))


@transaction.atomic
def set_administrative_fields(page, **values):
    """Write fields that are about the profile, not its content (owner, last
    confirmed, reminder sent) to the live rows of the page and of every translation,
    and into their pending drafts, so publishing a draft later does not undo them.

    INTERNAL (Wagtail): a revision's `content` is a dict of field values that
    `as_object()` reads back. Contract: tests/governance/test_contracts.py."""
    pages = ExpertProfilePage.objects.filter(translation_key=page.translation_key)
    pages.update(**values)
    for pending in pages.filter(has_unpublished_changes=True).select_related("latest_revision"):
        revision = pending.latest_revision
        if revision is None:
            continue
        for name, value in values.items():
            revision.content[name] = _revision_value(value)
        revision.save(update_fields=["content"])
    for name, value in values.items():
        setattr(page, name, value)


def confirm(page):
    """A confirmation says "still true", which is not a content change: no review,
    no new revision, and translations stay in sync because the date is synchronised."""
    set_administrative_fields(page, last_confirmed=timezone.localdate())
