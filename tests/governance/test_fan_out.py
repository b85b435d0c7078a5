"""Submitting a page for translation answers the editor in a fixed number of queries:
the fan-out into every language runs as a task, and the drafts appear once it has run."""

from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Comment, Locale

from home.factories import ImageFactory
from news.factories import NewsPageFactory, TopicFactory
from news.models import NewsIndexPage, NewsPageRelatedPage
from tests.utils import count_queries

OTHER_LANGUAGES = ["en", "sq", "bg", "el", "fr", "hu", "ro", "sh", "ru"]


def test_submission_answers_in_fixed_queries_and_the_worker_creates_the_drafts(
    client, make_user, country_section, index_of, django_capture_on_commit_callbacks
):
    index = index_of(country_section("ukraine", "uk"), NewsIndexPage)
    two = NewsPageFactory(parent=index, title="Дві мови")
    nine = NewsPageFactory(parent=index, title="Дев'ять мов")
    client.force_login(make_user("uk.editor", "Ukraine editors"))
    client.get("/admin/")  # warm the session and permission caches

    def submit(page, codes):
        ids = [Locale.objects.get(language_code=code).pk for code in codes]
        with django_capture_on_commit_callbacks(execute=False) as callbacks:
            queries = count_queries(
                lambda: client.post(f"/admin/localize/submit/page/{page.pk}/", {"locales": ids})
            )
        return queries, callbacks

    # (With one language the answer also looks for the new translation to open.)
    two_queries, _callbacks = submit(two, ["en", "fr"])
    nine_queries, nine_callbacks = submit(nine, OTHER_LANGUAGES)
    assert two_queries == nine_queries
    # Nothing was created in the request.
    assert nine.get_translations().count() == 0

    with django_capture_on_commit_callbacks(execute=True):
        for callback in nine_callbacks:
            callback()
    created = {page.locale.language_code for page in nine.get_translations()}
    assert created == set(OTHER_LANGUAGES)
    assert not any(page.live for page in nine.get_translations())


def fan_out_queries(client, page, codes, django_capture_on_commit_callbacks):
    """Every query of submitting `page` into `codes`: the request, then the worker's job
    (run inline at the commit, as the immediate backend does), the index updates it
    enqueues and the translators' notification."""
    ids = [Locale.objects.get(language_code=code).pk for code in codes]
    with (
        CaptureQueriesContext(connection) as context,
        django_capture_on_commit_callbacks(execute=True),
    ):
        response = client.post(f"/admin/localize/submit/page/{page.pk}/", {"locales": ids})
    assert response.status_code == 302
    return context.captured_queries


def news_item_with_everything(index, title, topics, related):
    """A news item with two topics, two related items, a lead image and a comment."""
    page = NewsPageFactory(
        parent=index,
        title=title,
        lead_image=ImageFactory(),
        lead_image_alt="Дитина з книжкою",
        topics=topics,
    )
    page.related_links = [NewsPageRelatedPage(related_page=other) for other in related]
    page.save_revision().publish()
    Comment.objects.create(
        page=page,
        user=get_user_model().objects.get(username="uk.editor"),
        text="Перевірте дату",
        contentpath="title",
        revision_created=page.latest_revision,
    )
    return page


# Submitting into two languages, then into nine, worker included: the request (20,
# as above), the source extracted once (about 180), and about 103 per language for its
# draft (see FanOutTranslationCreator). Through the stock TranslationCreator the same
# submissions cost 708 and 2,481 queries (289 of them SAVEPOINTs). The budget
# is 300 for nine languages: not met yet (each draft still goes through
# wagtail-localize's save_target: a page copy, two revisions, two log entries).
TWO_LANGUAGES_QUERIES = 411
NINE_LANGUAGES_QUERIES = 1135


def test_fan_out_into_nine_languages_costs_a_pinned_number_of_queries_worker_included(
    client, make_user, country_section, index_of, django_capture_on_commit_callbacks
):
    index = index_of(country_section("ukraine", "uk"), NewsIndexPage)
    client.force_login(make_user("uk.editor", "Ukraine editors"))
    topics = [TopicFactory(locale=index.locale), TopicFactory(locale=index.locale)]
    related = [
        NewsPageFactory(parent=index, title="Пов'язана перша"),
        NewsPageFactory(parent=index, title="Пов'язана друга"),
    ]
    two = news_item_with_everything(index, "Дві мови", topics, related)
    nine = news_item_with_everything(index, "Дев'ять мов", topics, related)
    client.get("/admin/")  # warm the session and permission caches

    two_queries = fan_out_queries(client, two, ["en", "fr"], django_capture_on_commit_callbacks)
    nine_queries = fan_out_queries(
        client, nine, OTHER_LANGUAGES, django_capture_on_commit_callbacks
    )

    drafts = {page.locale.language_code: page.specific for page in nine.get_translations()}
    assert set(drafts) == set(OTHER_LANGUAGES)
    for draft in drafts.values():
        assert not draft.live
        # Untranslated strings start as the source's; synchronised fields are copied.
        assert draft.title == "Дев'ять мов"
        assert draft.lead_image_id == nine.lead_image_id
        assert draft.lead_image_alt == "Дитина з книжкою"
        assert [link.topic_id for link in draft.topic_links.all()] == [t.pk for t in topics]
        assert [link.related_page_id for link in draft.related_links.all()] == [
            p.pk for p in related
        ]
        assert draft.get_parent().locale_id == draft.locale_id
    # One savepoint per language's draft, none nested inside it.
    savepoints = [q for q in nine_queries if q["sql"].startswith("SAVEPOINT")]
    assert len(savepoints) == 45
    assert (len(two_queries), len(nine_queries)) == (TWO_LANGUAGES_QUERIES, NINE_LANGUAGES_QUERIES)


def draft_snapshot(page, locales):
    """What a translator and the site see of each draft, without ids and timestamps."""
    from wagtail.models import PageLogEntry, ReferenceIndex
    from wagtail.search.models import IndexEntry
    from wagtail_localize.models import Translation, TranslationLog

    snapshot = {}
    for locale in locales:
        draft = page.get_translation(locale).specific
        revision = draft.latest_revision.as_object()
        snapshot[locale.language_code] = {
            "fields": {
                name: getattr(draft, name)
                for name in (
                    "title",
                    "draft_title",
                    "slug",
                    "url_path",
                    "path",
                    "depth",
                    "live",
                    "has_unpublished_changes",
                    "owner_id",
                    "show_in_menus",
                    "seo_title",
                    "search_description",
                    "summary",
                    "date",
                    "country",
                    "lead_image_id",
                    "lead_image_alt",
                    "translation_key",
                )
            },
            "body": list(draft.body.raw_data),
            "revision": (revision.title, revision.summary, list(revision.body.raw_data)),
            "revisions": draft.revisions.count(),
            "topics": [
                (t.topic_id, t.translation_key, t.locale_id) for t in draft.topic_links.all()
            ],
            "related": [link.related_page_id for link in draft.related_links.all()],
            "comments": draft.wagtail_admin_comments.count(),
            "log": sorted(PageLogEntry.objects.filter(page=draft).values_list("action", "user_id")),
            "references": sorted(
                # (content_path names the topic link's own id, which differs)
                ReferenceIndex.get_references_for_object(draft).values_list(
                    "to_object_id", "model_path"
                )
            ),
            "indexed": IndexEntry.objects.filter(object_id=str(draft.pk)).count(),
            "translation": list(
                Translation.objects.filter(
                    source__object_id=page.translation_key, target_locale=locale
                ).values_list("enabled", flat=True)
            ),
            "translation_log": TranslationLog.objects.filter(
                source__object_id=page.translation_key, locale=locale
            ).count(),
        }
    return snapshot


def test_the_fan_out_makes_the_drafts_the_stock_translation_creator_makes(
    make_user, country_section, index_of, django_capture_on_commit_callbacks
):
    from django.db import transaction
    from wagtail_localize.operations import TranslationCreator

    from governance.translation import fan_out

    index = index_of(country_section("ukraine", "uk"), NewsIndexPage)
    user = make_user("uk.editor", "Ukraine editors")
    topics = [TopicFactory(locale=index.locale), TopicFactory(locale=index.locale)]
    related = [NewsPageFactory(parent=index, title="Пов'язана")]
    page = news_item_with_everything(index, "Однакові чернетки", topics, related)
    locales = list(Locale.objects.filter(language_code__in=OTHER_LANGUAGES).order_by("pk"))

    # The stock path, rolled back once looked at; then the fan-out on the same page.
    with transaction.atomic():
        with django_capture_on_commit_callbacks(execute=True):
            TranslationCreator(user, locales).create_translations(page)
        stock = draft_snapshot(page, locales)
        transaction.set_rollback(True)
    assert not page.get_translations().exists()
    with django_capture_on_commit_callbacks(execute=True):
        fan_out(page, locales, user)
    ours = draft_snapshot(page, locales)

    assert set(ours) == set(OTHER_LANGUAGES)
    for code in OTHER_LANGUAGES:
        assert ours[code] == stock[code], code
    assert stock["fr"]["references"]  # the image, the topics and the related item
    assert stock["fr"]["indexed"] == 1
