"""The editorial flow: groups by command, Country review, translation without bypass."""

import pytest
from django.contrib.auth.models import Group
from django.test import override_settings
from wagtail.models import GroupPagePermission, Locale, Page, WorkflowState
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield
from wagtail_localize.models import Translation, TranslationSource
from wagtail_localize.operations import TranslationCreator

from governance.roles import setup_roles
from home.models import CountryPage, HomePage
from home.site_tree import build_page_tree
from news.factories import NewsPageFactory
from news.models import NewsIndexPage, NewsPage
from portal.machine_translation import machine_translator_from_env


def news_form(title, slug, action):
    return nested_form_data(
        {
            "title": title,
            "slug": slug,
            "date": "2026-11-20",
            "summary": "Підсумок",
            "lead_image_alt": "",
            "body": streamfield([("paragraph", rich_text("<p>Текст.</p>"))]),
            "topic_links": inline_formset([]),
            "related_links": inline_formset([]),
        }
    ) | {action: "1"}


def test_groups_cover_every_country_locale_and_language(db):
    names = set(Group.objects.values_list("name", flat=True))
    for country in ["Ukraine", "Serbia", "Bosnia and Herzegovina", "Kosovo"]:
        assert {f"{country} editors", f"{country} moderators"} <= names
    assert {"Translators (uk)", "Translators (sh)", "Regional editors", "Experts"} <= names
    ukraine_sections = CountryPage.objects.filter(country="ukraine")
    assert ukraine_sections.count() == 10
    for section in ukraine_sections:
        granted = set(
            GroupPagePermission.objects.filter(page=section).values_list("group__name", flat=True)
        )
        assert granted == {"Ukraine editors", "Ukraine moderators"}
        assert section.get_workflow().name == "Country review (Ukraine)"
    editors = Group.objects.get(name="Ukraine editors")
    assert not GroupPagePermission.objects.filter(
        group=editors, permission__codename="publish_page"
    ).exists()
    assert Group.objects.get(name="Experts").permissions.count() == 0


def test_setup_groups_is_idempotent_and_covers_a_new_locale(db, settings):
    before = (Group.objects.count(), GroupPagePermission.objects.count())
    setup_roles()
    assert (Group.objects.count(), GroupPagePermission.objects.count()) == before

    languages = [*settings.LANGUAGES, ("de", "Deutsch")]
    with override_settings(LANGUAGES=languages, WAGTAIL_CONTENT_LANGUAGES=languages):
        build_page_tree()
        setup_roles()
    german = Locale.objects.get(language_code="de")
    section = CountryPage.objects.get(locale=german, country="ukraine")
    assert GroupPagePermission.objects.filter(page=section, group__name="Ukraine editors").exists()
    assert section.get_workflow().name == "Country review (Ukraine)"
    assert GroupPagePermission.objects.filter(
        page=HomePage.objects.get(locale=german), group__name="Translators (de)"
    ).exists()


def test_machine_translator_comes_from_the_environment():
    assert machine_translator_from_env({})["CLASS"].endswith("DummyTranslator")
    deepl = machine_translator_from_env({"DEEPL_API_KEY": "k"})
    assert deepl["CLASS"].endswith("DeepLTranslator") and deepl["OPTIONS"]["AUTH_KEY"] == "k"
    libre = machine_translator_from_env({"LIBRETRANSLATE_URL": "http://mt.local"})
    assert libre["CLASS"].endswith("LibreTranslator")


@pytest.fixture
def people(make_user):
    return {
        "editor": make_user("uk.editor", "Ukraine editors"),
        "moderator": make_user("uk.moderator", "Ukraine moderators"),
        "translator_ru": make_user("ru.translator", "Translators (ru)"),
        "serbia": make_user("rs.editor", "Serbia editors"),
        "regional": make_user("regional", "Regional editors"),
    }


@pytest.fixture
def ukraine_news_index(country_section, index_of):
    return index_of(country_section("ukraine", "uk"), NewsIndexPage)


def test_editors_submit_and_moderators_approve(
    client, people, ukraine_news_index, django_capture_on_commit_callbacks
):
    client.force_login(people["editor"])
    url = f"/admin/pages/add/news/newspage/{ukraine_news_index.pk}/"
    # Trying to publish directly does not make anything live, deferred work included.
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, news_form("Спроба публікації", "sproba", "action-publish"))
    assert not NewsPage.objects.filter(slug="sproba", live=True).exists()

    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, news_form("Нова новина", "nova-novyna", "action-submit"))
    page = NewsPage.objects.get(slug="nova-novyna")
    assert not page.live
    state = WorkflowState.objects.get(base_content_type__isnull=False, object_id=str(page.pk))
    assert state.status == WorkflowState.STATUS_IN_PROGRESS

    client.force_login(people["moderator"])
    task_state = state.current_task_state
    response = client.post(
        f"/admin/pages/workflow/action/{page.pk}/approve/{task_state.pk}/", {"comment": ""}
    )
    assert response.status_code in (200, 302)
    page.refresh_from_db()
    assert page.live
    state.refresh_from_db()
    assert state.status == WorkflowState.STATUS_APPROVED


def _translation_draft(source, code, user):
    locale = Locale.objects.get(language_code=code)
    TranslationCreator(user, [locale]).create_translations(source)
    translation = Translation.objects.get(
        source__object_id=source.translation_key, target_locale=locale
    )
    return translation, source.get_translation(locale)


def test_stock_wagtail_localize_publish_skips_the_workflow(
    people, ukraine_news_index, django_capture_on_commit_callbacks
):
    """What we guard against: stock save_target(publish=True) makes the translation
    live with no review at all."""
    source = NewsPageFactory(parent=ukraine_news_index, title="Без огляду")
    translation, target = _translation_draft(source, "ru", people["regional"])
    assert not target.live
    with django_capture_on_commit_callbacks(execute=True):
        translation.save_target(user=people["translator_ru"], publish=True)
    target.refresh_from_db()
    assert target.live
    assert not WorkflowState.objects.filter(object_id=str(target.pk)).exists()


def test_publish_in_language_goes_through_country_review(
    client, people, ukraine_news_index, django_capture_on_commit_callbacks
):
    source = NewsPageFactory(parent=ukraine_news_index, title="З оглядом")
    translation, target = _translation_draft(source, "ru", people["regional"])

    # A translator without publish rights: the click submits, nothing goes live, even
    # once wagtail-localize's on-commit callbacks have run.
    client.force_login(people["translator_ru"])
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/admin/pages/{target.pk}/edit/", {"action": "publish"})
    target.refresh_from_db()
    assert not target.live
    state = WorkflowState.objects.get(object_id=str(target.pk))
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    assert state.requested_by == people["translator_ru"]

    # A moderator with publish rights: it goes live, and the review is on record.
    client.force_login(people["moderator"])
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/admin/pages/{target.pk}/edit/", {"action": "publish"})
    target.refresh_from_db()
    assert target.live
    state.refresh_from_db()
    assert state.status == WorkflowState.STATUS_APPROVED
    assert (
        state.current_task_state is None
        or state.current_task_state.finished_by == people["moderator"]
    )


def test_translators_edit_translations_in_their_language_only(
    client, people, ukraine_news_index, country_section, index_of
):
    source = NewsPageFactory(parent=ukraine_news_index, title="Для перекладу")
    _translation, russian = _translation_draft(source, "ru", people["regional"])
    russian_original = NewsPageFactory(
        parent=index_of(country_section("ukraine", "ru"), NewsIndexPage),
        title="Оригинал на русском",
    )
    client.force_login(people["translator_ru"])
    assert client.get(f"/admin/pages/{russian.pk}/edit/").status_code == 200
    for page in (source, russian_original):
        revisions = page.revisions.count()
        response = client.post(
            f"/admin/pages/{page.pk}/edit/", news_form("Взлом", page.slug, "action-submit")
        )
        assert response.status_code in (302, 403)
        page.refresh_from_db()
        assert page.title != "Взлом" and page.revisions.count() == revisions
    # And no rights at all outside the ru tree.
    en_section = country_section("ukraine", "en")
    assert not en_section.permissions_for_user(people["translator_ru"]).can_edit()


def test_full_flow_uk_to_ru_with_dashboard(
    client, people, ukraine_news_index, django_capture_on_commit_callbacks
):
    """Ukraine editor writes and submits; moderator approves; the item is submitted
    for translation to en and ru; the ru translator machine-translates and submits;
    the moderator approves. /ru/ is live, /en/ still a draft, the dashboard agrees."""
    client.force_login(people["editor"])
    client.post(
        f"/admin/pages/add/news/newspage/{ukraine_news_index.pk}/",
        news_form("Мобільні команди", "mobilni-komandy", "action-submit"),
    )
    page = NewsPage.objects.get(slug="mobilni-komandy")
    state = WorkflowState.objects.get(object_id=str(page.pk))
    client.force_login(people["moderator"])
    client.post(
        f"/admin/pages/workflow/action/{page.pk}/approve/{state.current_task_state.pk}/",
        {"comment": ""},
    )
    page.refresh_from_db()
    assert page.live

    client.force_login(people["editor"])
    en, ru = Locale.objects.get(language_code="en"), Locale.objects.get(language_code="ru")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/admin/localize/submit/page/{page.pk}/", {"locales": [en.pk, ru.pk]}
        )
    assert response.status_code == 302
    russian = page.get_translation(ru)
    assert not russian.live and not page.get_translation(en).live

    client.force_login(people["translator_ru"])
    translation = Translation.objects.get(source__object_id=page.translation_key, target_locale=ru)
    response = client.post(f"/admin/localize/translate/{translation.pk}/machine_translate/")
    assert response.status_code == 302
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/admin/translations/{russian.pk}/submit-for-review/")
    russian.refresh_from_db()
    assert not russian.live
    ru_state = WorkflowState.objects.get(object_id=str(russian.pk))

    client.force_login(people["moderator"])
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            f"/admin/pages/workflow/action/{russian.pk}/approve/{ru_state.current_task_state.pk}/",
            {"comment": ""},
        )
    russian.refresh_from_db()
    assert russian.live
    assert client.get("/ru/ukraine/news/mobilni-komandy/").status_code == 200
    assert client.get("/en/ukraine/news/mobilni-komandy/").status_code == 404

    client.force_login(people["regional"])
    report = client.get("/admin/translation-status/?country=ukraine&type=news").context
    counts = {row["locale"].language_code: row["counts"] for row in report["summary"]}
    assert counts["ru"]["translated"] == 1
    assert counts["en"]["in_progress"] == 1
    assert counts["fr"]["missing"] == 1


def test_dashboard_counts_outdated_after_the_source_changes(
    client, people, ukraine_news_index, django_capture_on_commit_callbacks
):
    from tests.utils import translate

    source = NewsPageFactory(parent=ukraine_news_index, title="Змінюване джерело")
    translate(source, "en")
    client.force_login(people["regional"])

    def state(code):
        report = client.get(f"/admin/translation-status/?country=ukraine&language={code}").context
        return {row["source"]["pk"]: row["state"] for row in report["rows"]}[source.pk]

    assert state("en") == "translated"
    source.title = "Змінене джерело"
    source.save_revision().publish()
    assert state("en") == "outdated"
    # Sync, then the translator updates: translated again.
    translation_source = TranslationSource.objects.get(object_id=source.translation_key)
    translation_source.update_from_db()
    assert state("en") == "outdated"
    translate(NewsPage.objects.get(pk=source.pk), "en")
    assert state("en") == "translated"


def test_country_editors_see_only_their_country_in_the_dashboard(
    client, people, country_section, index_of
):
    NewsPageFactory(
        parent=index_of(country_section("serbia", "sh"), NewsIndexPage), title="Vijest iz Srbije"
    )
    NewsPageFactory(
        parent=index_of(country_section("ukraine", "uk"), NewsIndexPage), title="Новина з України"
    )
    client.force_login(people["serbia"])
    context = client.get("/admin/translation-status/?language=en").context
    titles = {row["source"]["title"] for row in context["rows"]}
    assert "Vijest iz Srbije" in titles and "Новина з України" not in titles
    context = client.get("/admin/translation-status/?language=en&country=ukraine").context
    assert "Новина з України" not in {row["source"]["title"] for row in context["rows"]}


def test_po_export_and_import(client, people, ukraine_news_index):
    source = NewsPageFactory(
        parent=ukraine_news_index, title="Файл перекладу", summary="Короткий опис"
    )
    translation, target = _translation_draft(source, "en", people["regional"])
    client.force_login(people["editor"])
    exported = client.get(f"/admin/localize/translate/{translation.pk}/pofile/download/")
    assert exported.status_code == 200
    po = exported.content.decode()
    assert 'msgid "Короткий опис"' in po
    po = po.replace(
        'msgid "Короткий опис"\nmsgstr ""', 'msgid "Короткий опис"\nmsgstr "A short description"'
    )
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.post(
        f"/admin/localize/translate/{translation.pk}/pofile/upload/",
        {
            "file": SimpleUploadedFile(
                "t.po", po.encode(), content_type="text/x-gettext-translation"
            )
        },
    )
    translation.save_target(publish=False)
    assert (
        Page.objects.get(pk=target.pk).specific.get_latest_revision_as_object().summary
        == "A short description"
    )


def test_region_wide_content_is_reviewed_by_the_regional_team(db):
    from wagtail.models import WorkflowPage

    for home in HomePage.objects.all():
        assert home.get_workflow().name == "Regional review"
    index = NewsIndexPage.objects.child_of(HomePage.objects.get(locale__language_code="en")).get()
    assert index.get_workflow().name == "Regional review"
    # Wagtail's default all-powerful groups and root workflow are gone.
    assert not Group.objects.filter(name__in=["Editors", "Moderators"]).exists()
    assert not WorkflowPage.objects.filter(page__depth=1).exists()
    approvers = HomePage.objects.first().get_workflow().tasks.first().specific.groups.all()
    assert [g.name for g in approvers] == ["Regional editors"]
