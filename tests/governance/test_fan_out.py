"""Submitting a page for translation answers the editor in a fixed number of queries:
the fan-out into every language runs as a task, and the drafts appear once it has run."""

from wagtail.models import Locale

from news.factories import NewsPageFactory
from news.models import NewsIndexPage
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
