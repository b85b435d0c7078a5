"""Translation never writes beyond the user's rights: submitting a page creates or
changes no snippet translation (topic, area of expertise) that the user could not
create or change in the snippet editor, and an existing term in the target language
is never rewritten: the translated page links to it."""

import pytest
from wagtail.models import Locale
from wagtail_localize.models import Translation, TranslationSource

from expert_profiles.models import ExpertiseArea
from news.factories import NewsPageFactory
from news.models import NewsIndexPage, NewsPageTopic, Topic
from tests.utils import superuser


def terms():
    return {
        "topics": sorted(Topic.objects.values_list("pk", "locale_id", "slug", "name")),
        "areas": sorted(ExpertiseArea.objects.values_list("pk", "locale_id", "slug", "name")),
    }


def snippet_records():
    topic_keys = Topic.objects.values("translation_key")
    return {
        "sources": TranslationSource.objects.filter(object_id__in=topic_keys).count(),
        "translations": Translation.objects.filter(source__object_id__in=topic_keys).count(),
    }


@pytest.fixture
def foster_care(locales):
    """A topic in sh, with a Ukrainian translation that has its own Ukrainian name."""
    serbian = Topic.objects.create(locale=locales["sh"], slug="foster-care", name="Hraniteljstvo")
    ukrainian = serbian.copy_for_translation(locales["uk"])
    ukrainian.name = "Прийомні сім'ї"
    ukrainian.save()
    return serbian, ukrainian


@pytest.fixture
def serbian_item(country_section, index_of, foster_care):
    serbian_topic, _ukrainian = foster_care
    index = index_of(country_section("serbia", "sh"), NewsIndexPage)
    page = NewsPageFactory(parent=index, title="Nova pravila za hranitelje")
    page.topic_links = [NewsPageTopic(topic=serbian_topic)]
    page.save()
    page.save_revision().publish()
    return page


def submit(client, page, *codes):
    locale_ids = [Locale.objects.get(language_code=code).pk for code in codes]
    return client.post(f"/admin/localize/submit/page/{page.pk}/", {"locales": locale_ids})


def test_serbia_editor_translating_into_uk_leaves_the_ukrainian_term_alone(
    client, make_user, serbian_item, foster_care, django_capture_on_commit_callbacks
):
    _serbian, ukrainian = foster_care
    client.force_login(make_user("rs.editor", "Serbia editors"))
    before_terms, before_records = terms(), snippet_records()
    with django_capture_on_commit_callbacks(execute=True):
        response = submit(client, serbian_item, "uk")
    assert response.status_code == 302
    assert terms() == before_terms
    assert snippet_records() == before_records
    ukrainian.refresh_from_db()
    assert ukrainian.name == "Прийомні сім'ї"
    # The page translation exists, as the editor may add pages under /uk/serbia/news/,
    # and shows the Ukrainian term.
    translated = serbian_item.get_translation(Locale.objects.get(language_code="uk")).specific
    assert [(t.name, t.language) for t in translated.topics] == [("Прийомні сім'ї", "")]


def test_serbia_editor_creates_no_missing_term(
    client, make_user, serbian_item, foster_care, django_capture_on_commit_callbacks
):
    serbian, _ukrainian = foster_care
    client.force_login(make_user("rs.editor", "Serbia editors"))
    before_terms = terms()
    with django_capture_on_commit_callbacks(execute=True):
        submit(client, serbian_item, "fr")
    assert terms() == before_terms
    french = serbian_item.get_translation(Locale.objects.get(language_code="fr")).specific
    # No French term yet: the translation shows the source term, marked with its language.
    assert [(t.name, t.language) for t in french.topics] == [(serbian.name, "sh")]


def test_terms_are_never_translated_as_a_side_effect_even_for_superusers(
    client, serbian_item, foster_care, django_capture_on_commit_callbacks
):
    """Term links are synchronised (news.models.NewsPageTopic): a page's translation
    shows the target language's term and never writes one. Terms are translated in
    the snippet editor, by those who may."""
    _serbian, ukrainian = foster_care
    client.force_login(superuser())
    before_terms = terms()
    with django_capture_on_commit_callbacks(execute=True):
        submit(client, serbian_item, "uk", "fr")
    assert terms() == before_terms
    ukrainian.refresh_from_db()
    assert ukrainian.name == "Прийомні сім'ї"


def test_a_related_snippet_is_translated_only_where_missing_and_only_with_rights(
    locales, foster_care, make_user
):
    """The scoped creator's rule for snippets a page references through a translatable
    link (a publisher, say): create only the missing languages, only with add rights."""
    from governance.translation import ScopedTranslationCreator

    serbian, ukrainian = foster_care
    editor = make_user("rs.editor", "Serbia editors")
    ScopedTranslationCreator(editor, [locales["fr"]]).create_translations(
        serbian, include_related_objects=False
    )
    assert not Topic.objects.filter(slug="foster-care", locale=locales["fr"]).exists()
    ScopedTranslationCreator(superuser(), [locales["uk"], locales["fr"]]).create_translations(
        serbian, include_related_objects=False
    )
    french = Topic.objects.get(slug="foster-care", locale=locales["fr"])
    assert french.translation_key == ukrainian.translation_key
    ukrainian.refresh_from_db()
    assert ukrainian.name == "Прийомні сім'ї"


def test_snippet_translate_view_refuses_users_without_snippet_rights(
    client, make_user, foster_care, django_capture_on_commit_callbacks
):
    serbian, _ukrainian = foster_care
    client.force_login(make_user("rs.editor", "Serbia editors"))
    before_terms, before_records = terms(), snippet_records()
    english = Locale.objects.get(language_code="en")
    url = f"/admin/localize/submit/snippet/news/topic/{serbian.pk}/"
    with django_capture_on_commit_callbacks(execute=True):
        for response in (client.get(url), client.post(url, {"locales": [english.pk]})):
            # Wagtail's admin answers PermissionDenied with a redirect to the dashboard.
            assert (response.status_code, response.get("Location")) == (302, "/admin/")
    assert terms() == before_terms
    assert snippet_records() == before_records
