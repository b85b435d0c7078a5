"""Translators and moderators know what to do: the translation editor's main action,
no Delete, Move or Copy a translator cannot use, an e-mail and a dashboard panel when
work waits, a confirmation after a review decision, and the source beside the
translation. Checked for translator.ru and ukraine.moderator."""

import html
import json
import re

import pytest
from django.core import mail
from wagtail.models import Locale, WorkflowState
from wagtail.users.models import UserProfile
from wagtail_localize.models import Translation

from governance.translation import translate_object
from news.factories import NewsPageFactory
from news.models import NewsIndexPage
from tests.utils import count_queries


@pytest.fixture
def people(make_user):
    translator = make_user("translator.ru", "Translators (ru)", email="translator.ru@example.org")
    profile = UserProfile.get_for_user(translator)
    profile.preferred_language = "ru"
    profile.save()
    return {
        "translator": translator,
        "translator_uk": make_user("translator.uk", "Translators (uk)", email="tr.uk@example.org"),
        "editor": make_user("ukraine.editor", "Ukraine editors", email="ed@example.org"),
        "moderator": make_user("ukraine.moderator", "Ukraine moderators", email="mod@example.org"),
        "regional": make_user("regional", "Regional editors", email="reg@example.org"),
    }


@pytest.fixture
def source(country_section, index_of, people):
    index = index_of(country_section("ukraine", "uk"), NewsIndexPage)
    page = NewsPageFactory(parent=index, title="Нові правила опіки", summary="Коротко про зміни.")
    page.save_revision(user=people["editor"]).publish(user=people["moderator"])
    return page


def submit(client, page, *codes):
    ids = [Locale.objects.get(language_code=code).pk for code in codes]
    return client.post(f"/admin/localize/submit/page/{page.pk}/", {"locales": ids})


@pytest.fixture
def russian_draft(client, people, source, django_capture_on_commit_callbacks):
    client.force_login(people["editor"])
    with django_capture_on_commit_callbacks(execute=True):
        submit(client, source, "ru")
    client.logout()
    return source.get_translation(Locale.objects.get(language_code="ru"))


def test_translators_of_the_language_get_an_email_in_their_admin_language(
    client, people, source, django_capture_on_commit_callbacks
):
    client.force_login(people["editor"])
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = submit(client, source, "ru", "en")
    assert response.status_code == 302
    to_translator = [m for m in mail.outbox if m.to == ["translator.ru@example.org"]]
    assert len(to_translator) == 1
    message = to_translator[0]
    assert "ждёт перевода" in message.subject or "ждут перевода" in message.subject
    assert "Нові правила опіки" in message.body
    ru_page = source.get_translation(Locale.objects.get(language_code="ru"))
    assert f"/admin/pages/{ru_page.pk}/edit/" in message.body
    # Nobody else: not the Ukrainian translator, not editors or the regional team.
    assert {tuple(m.to) for m in mail.outbox} == {("translator.ru@example.org",)}


def test_dashboard_lists_translations_waiting_with_a_fixed_query_count(
    client, people, source, russian_draft, country_section, index_of
):
    client.force_login(people["translator"])
    html_text = client.get("/admin/").content.decode()
    assert 'id="translations-waiting' in html_text
    assert "Нові правила опіки" in html_text
    assert f"/admin/pages/{russian_draft.pk}/edit/" in html_text

    one = count_queries(lambda: client.get("/admin/"))
    index = index_of(country_section("ukraine", "uk"), NewsIndexPage)
    for number in range(4):
        page = NewsPageFactory(parent=index, title=f"Ще новина {number}")
        page.save_revision().publish()
        translate_object(page, [Locale.objects.get(language_code="ru")], user=people["editor"])
    assert count_queries(lambda: client.get("/admin/")) == one

    # The Ukrainian translator has nothing waiting: no panel.
    client.force_login(people["translator_uk"])
    assert 'id="translations-waiting' not in client.get("/admin/").content.decode()


def test_translator_is_offered_submit_for_review_and_no_delete_move_or_copy(
    client, people, russian_draft
):
    translator = people["translator"]
    perms = russian_draft.permissions_for_user(translator)
    assert perms.can_edit()
    assert not perms.can_publish()
    assert (perms.can_delete(), perms.can_move(), perms.can_copy()) == (False, False, False)

    client.force_login(translator)
    page_html = client.get(f"/admin/pages/{russian_draft.pk}/edit/").content.decode()
    script = re.search(r'<script src="[^"]*governance/js/translation-editor\.js"[^>]*>', page_html)
    assert script is not None
    assert 'data-submit-for-review="true"' in script.group(0)
    props = json.loads(html.unescape(re.search(r'data-props="([^"]*)"', page_html).group(1)))
    assert props["perms"]["canDelete"] is False
    assert props["perms"]["canLock"] is False

    explorer = client.get(f"/admin/pages/{russian_draft.get_parent().pk}/").content.decode()
    assert f"/admin/pages/{russian_draft.pk}/delete/" not in explorer
    assert f"/admin/pages/{russian_draft.pk}/move/" not in explorer
    assert f"/admin/pages/{russian_draft.pk}/copy/" not in explorer


def test_moderator_keeps_the_stock_publish_label(client, people, russian_draft):
    client.force_login(people["regional"])
    page_html = client.get(f"/admin/pages/{russian_draft.pk}/edit/").content.decode()
    assert "governance/js/translation-editor.js" not in page_html


def test_moderator_reviewing_a_translation_sees_the_source_beside_it(
    client, people, russian_draft, source
):
    client.force_login(people["moderator"])
    page_html = client.get(f"/admin/pages/{russian_draft.pk}/edit/").content.decode()
    props = json.loads(html.unescape(re.search(r'data-props="([^"]*)"', page_html).group(1)))
    assert props["sourceLocale"]["code"] == "uk"
    sources = [segment.get("source") for segment in props["segments"]]
    assert "Нові правила опіки" in sources
    assert "Коротко про зміни." in sources


def _submit_for_review(client, translator, page):
    client.force_login(translator)
    client.post(f"/admin/translations/{page.pk}/submit-for-review/")
    return WorkflowState.objects.get(object_id=str(page.pk), status="in_progress")


def test_moderator_sees_a_confirmation_after_approving(
    client, people, russian_draft, django_capture_on_commit_callbacks
):
    state = _submit_for_review(client, people["translator"], russian_draft)
    client.force_login(people["moderator"])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/admin/pages/workflow/action/{russian_draft.pk}/approve/{state.current_task_state.pk}/",
            {"comment": ""},
            follow=True,
        )
    texts = [str(m) for m in response.context["messages"]]
    assert any("Approved and published" in text for text in texts), texts
    russian_draft.refresh_from_db()
    assert russian_draft.live


def test_moderator_sees_a_confirmation_after_requesting_changes(
    client, people, russian_draft, django_capture_on_commit_callbacks
):
    state = _submit_for_review(client, people["translator"], russian_draft)
    client.force_login(people["moderator"])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/admin/pages/workflow/action/{russian_draft.pk}/reject/{state.current_task_state.pk}/",
            {"comment": "Уточніть назву"},
            follow=True,
        )
    texts = [str(m) for m in response.context["messages"]]
    assert any("Changes requested" in text for text in texts), texts
    russian_draft.refresh_from_db()
    assert not russian_draft.live
    assert Translation.objects.filter(target_locale__language_code="ru").exists()
