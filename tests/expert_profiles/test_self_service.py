"""An expert keeps their own profile at /<lang>/experts/me/: through review by
default, published at once where the country allows it, never beyond their fields."""

import io

import pytest
from django.utils import timezone
from PIL import Image as PILImage
from wagtail.models import (
    WorkflowPage,
    WorkflowState,
)
from wagtail_localize.models import Translation, TranslationSource

from expert_profiles import selfservice
from expert_profiles.models import ExpertProfilePage
from home.models import CountryPage
from tests.expert_profiles.conftest import profile_post_data, snapshot
from tests.utils import translate

pytestmark = pytest.mark.django_db

ME = "/uk/experts/me/"


def post_profile(client, page, **overrides):
    return client.post(ME, profile_post_data(page, **overrides))


def test_anonymous_visitors_are_sent_to_sign_in(client, expert_a):
    before = snapshot(expert_a[1])
    response = client.get(ME)
    assert response.status_code == 302
    assert response["Location"].startswith("/uk/accounts/login/?next=")
    response = client.post(ME, profile_post_data(expert_a[1], organisation="Hacked"))
    assert response.status_code == 302
    assert snapshot(expert_a[1]) == before


def test_an_expert_edits_in_the_language_of_their_profile(client, expert_a):
    client.force_login(expert_a[0])
    response = client.get("/en/experts/me/")
    assert response.status_code == 302
    assert response["Location"] == ME
    html = client.get(ME).content.decode()
    assert 'lang="uk"' in html
    assert "Харківський центр" in html
    # The private address is not even in the expert's own form.
    assert "olena.private" not in html


def test_a_change_waits_for_review_and_the_live_page_is_untouched(client, expert_a):
    user, page = expert_a
    client.force_login(user)
    response = post_profile(client, page, organisation="Нова організація")
    assert response.status_code == 302
    page.refresh_from_db()
    # The public page still shows the reviewed version.
    assert page.organisation == "Харківський центр"
    assert page.has_unpublished_changes
    revision = page.latest_revision
    assert revision.user == user
    assert revision.as_object().organisation == "Нова організація"
    assert "Нова організація" not in client.get(page.url).content.decode()
    assert selfservice.profile_state(page) == selfservice.AWAITING_REVIEW
    # The expert sees their draft and its state.
    html = client.get(ME).content.decode()
    assert "Нова організація" in html
    assert "state-awaiting_review" in html


def test_a_change_starts_the_country_review_workflow(client, expert_a):
    user, page = expert_a
    section = CountryPage.objects.get(pk=page.get_parent().get_parent().pk)
    # The section's own workflow, put there by the groups command.
    workflow = section.get_workflow()
    assert workflow.name == "Country review (Ukraine)"
    client.force_login(user)
    post_profile(client, page, organisation="На розгляді")
    page.refresh_from_db()
    assert page.workflow_in_progress
    assert page.current_workflow_state.workflow == workflow
    assert page.organisation == "Харківський центр"
    assert selfservice.profile_state(page) == selfservice.AWAITING_REVIEW


def test_self_publishing_countries_publish_at_once_and_flag_translations_outdated(
    client, expert_a, django_capture_on_commit_callbacks
):
    user, page = expert_a
    english = translate(page, "en")
    translation = Translation.objects.get(
        source__object_id=page.translation_key, target_locale=english.locale
    )
    total, done = translation.get_progress()
    assert total == done
    source_synced_at = translation.source.last_updated_at
    CountryPage.objects.filter(country="ukraine").update(experts_self_publish=True)

    client.force_login(user)
    with django_capture_on_commit_callbacks(execute=True):
        response = post_profile(client, page, organisation="Оновлений центр")
    assert response.status_code == 302
    page.refresh_from_db()
    assert page.organisation == "Оновлений центр"
    assert not page.has_unpublished_changes
    assert page.live_revision.user == user
    source = TranslationSource.objects.get(object_id=page.translation_key, locale=page.locale)
    assert source.last_updated_at > source_synced_at
    assert source.last_updated_at > english.specific.last_published_at
    # The new organisation is a segment the English translation does not have yet.
    total, done = translation.get_progress()
    assert done < total
    english.refresh_from_db()
    assert "Оновлений центр" not in english.specific.organisation
    assert selfservice.profile_state(page) == selfservice.LIVE


def test_mark_translations_outdated_without_a_source_is_a_no_op(expert_a):
    from expert_profiles.translation import mark_translations_outdated

    assert mark_translations_outdated(expert_a[1]) == []


def test_invalid_input_is_explained_and_nothing_is_saved(client, expert_a):
    user, page = expert_a
    before = snapshot(page)
    client.force_login(user)
    response = post_profile(
        client,
        page,
        summary="",
        organisation="x" * 300,
        **{"links-0-title": "Only a title", "links-0-url": "", "links-TOTAL_FORMS": "1"},
    )
    assert response.status_code == 400
    form = response.context["form"]
    assert set(form.errors) >= {"summary", "organisation"}
    assert form.links.errors[0]
    assert snapshot(page) == before


def test_biography_markup_is_escaped_and_links_are_saved(client, expert_a):
    user, page = expert_a
    client.force_login(user)
    post_profile(
        client,
        page,
        biography="First <script>alert(1)</script>\n\nSecond paragraph",
        **{"links-0-title": "Report", "links-0-url": "example.org/report"},
    )
    draft = ExpertProfilePage.objects.get(pk=page.pk).get_latest_revision_as_object()
    assert "<script>" not in draft.biography
    assert "&lt;script&gt;" in draft.biography
    assert draft.biography.count("<p ") == 2
    assert [(b.value["title"], b.value["url"]) for b in draft.publications] == [
        ("Report", "https://example.org/report")
    ]


def test_areas_and_languages_are_saved(client, expert_a, area):
    user, page = expert_a
    client.force_login(user)
    post_profile(client, page, areas=[area.pk], languages=["uk", "en"])
    draft = ExpertProfilePage.objects.get(pk=page.pk).get_latest_revision_as_object()
    assert [a.slug for a in draft.expertise_areas] == ["trauma-z"]
    assert sorted(link.language for link in draft.language_links.all()) == ["en", "uk"]


def _png():
    buffer = io.BytesIO()
    PILImage.new("RGB", (40, 40), "teal").save(buffer, "PNG")
    buffer.seek(0)
    buffer.name = "me.png"
    return buffer


def test_a_photo_needs_a_description(client, expert_a):
    user, page = expert_a
    client.force_login(user)
    before = snapshot(page)
    response = post_profile(client, page, photo=_png(), photo_alt="")
    assert response.status_code == 400
    assert "photo_alt" in response.context["form"].errors
    assert snapshot(page) == before
    response = post_profile(client, page, photo=_png(), photo_alt="Портрет Олени")
    assert response.status_code == 302
    draft = ExpertProfilePage.objects.get(pk=page.pk).get_latest_revision_as_object()
    assert draft.photo is not None
    assert draft.photo_alt == "Портрет Олени"
    assert draft.photo.uploaded_by_user == user


def test_one_click_confirmation_updates_every_language_without_review(client, expert_a):
    user, page = expert_a
    english = translate(page, "en")
    old_date = timezone.localdate().replace(year=timezone.localdate().year - 2)
    ExpertProfilePage.objects.filter(translation_key=page.translation_key).update(
        last_confirmed=old_date
    )
    revisions = page.revisions.count()
    client.force_login(user)
    assert client.get("/uk/experts/me/confirm/").status_code == 405
    assert ExpertProfilePage.objects.get(pk=page.pk).last_confirmed == old_date

    response = client.post("/uk/experts/me/confirm/")
    assert response.status_code == 302
    today = timezone.localdate()
    for profile in ExpertProfilePage.objects.filter(pk__in=[page.pk, english.pk]):
        assert profile.last_confirmed == today
        assert not profile.has_unpublished_changes
    assert page.revisions.count() == revisions
    html = client.get(page.url).content.decode()
    assert f'datetime="{today:%Y-%m-%d}"' in html


def test_confirming_with_a_pending_draft_survives_its_publication(client, expert_a):
    user, page = expert_a
    ExpertProfilePage.objects.filter(pk=page.pk).update(
        last_confirmed=timezone.localdate().replace(year=2020)
    )
    client.force_login(user)
    post_profile(client, ExpertProfilePage.objects.get(pk=page.pk), organisation="Чернетка")
    client.post("/uk/experts/me/confirm/")
    page = ExpertProfilePage.objects.get(pk=page.pk)
    # The coordinator publishes the draft later: the confirmation is kept.
    page.latest_revision.publish()
    page.refresh_from_db()
    assert page.organisation == "Чернетка"
    assert page.last_confirmed == timezone.localdate()


def test_a_user_without_a_profile_is_told_so(client, django_user_model):
    user = django_user_model.objects.create_user("nobody", "n@example.org", "pw")
    client.force_login(user)
    response = client.get("/en/experts/me/")
    assert response.status_code == 404
    assert client.post("/en/experts/me/confirm/").status_code == 404


def test_the_expert_edits_the_original_not_a_translation(expert_a):
    user, page = expert_a
    english = translate(page, "en")
    assert selfservice.profile_for(user, "en").pk == page.pk
    assert english.specific.user_id == user.pk


def test_a_never_published_profile_saves_its_row_and_goes_to_review(client, expert_a):
    user, page = expert_a
    page.unpublish()
    client.force_login(user)
    post_profile(client, ExpertProfilePage.objects.get(pk=page.pk), organisation="Нова")
    page = ExpertProfilePage.objects.get(pk=page.pk)
    assert not page.live
    assert page.organisation == "Нова"
    # Wagtail's default "Moderators approval" workflow covers every tree until the
    # country workflows exist.
    assert page.workflow_in_progress
    assert selfservice.profile_state(page) == selfservice.AWAITING_REVIEW


def test_changes_requested_show_as_a_draft_and_resubmitting_resumes_review(client, expert_a):
    user, page = expert_a
    client.force_login(user)
    post_profile(client, page, organisation="Перша спроба")
    page = ExpertProfilePage.objects.get(pk=page.pk)
    workflow_state = page.current_workflow_state
    workflow_state.status = WorkflowState.STATUS_NEEDS_CHANGES
    workflow_state.save()
    assert selfservice.profile_state(page) == selfservice.DRAFT
    assert "state-draft" in client.get(ME).content.decode()
    post_profile(client, page, organisation="Друга спроба")
    workflow_state.refresh_from_db()
    assert workflow_state.status == WorkflowState.STATUS_IN_PROGRESS
    assert selfservice.profile_state(page) == selfservice.AWAITING_REVIEW


def test_without_any_workflow_a_change_still_waits_for_staff(client, expert_a):
    user, page = expert_a
    WorkflowPage.objects.all().delete()
    client.force_login(user)
    post_profile(client, page, organisation="Без процесу")
    page = ExpertProfilePage.objects.get(pk=page.pk)
    assert page.get_workflow() is None
    assert page.organisation != "Без процесу"
    assert selfservice.profile_state(page) == selfservice.AWAITING_REVIEW
