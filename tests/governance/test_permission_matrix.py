"""A Serbia editor against Ukraine content, in every locale tree: every way in is
tried, and each test asserts that the database did not change.

Every test runs twice: with the groups as `setup_groups` names them, and after an
administrator renamed every group. Rights come from permissions, never from names."""

import io

import pytest
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image as PILImage
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection, Locale, Page, Revision, WorkflowState
from wagtail_localize.models import Translation, TranslationSource

from home.factories import ImageFactory
from news.factories import NewsPageFactory
from news.models import NewsIndexPage
from tests.utils import translate

LANGUAGES = ["en", "sq", "bg", "el", "fr", "hu", "ro", "sh", "uk", "ru"]


def snapshot():
    """Everything an attack could change."""
    return {
        "pages": sorted(
            Page.objects.values_list(
                "pk", "path", "title", "draft_title", "live", "locked", "has_unpublished_changes"
            )
        ),
        "revisions": Revision.objects.count(),
        "workflow_states": sorted(WorkflowState.objects.values_list("pk", "status")),
        "translations": Translation.objects.count(),
        "sources": sorted(TranslationSource.objects.values_list("pk", "last_updated_at")),
        "ukraine_images": sorted(
            get_image_model()
            .objects.filter(collection__name="Ukraine")
            .values_list("pk", "title", "file")
        ),
        "ukraine_documents": sorted(
            get_document_model()
            .objects.filter(collection__name="Ukraine")
            .values_list("pk", "title", "file")
        ),
    }


@pytest.fixture(params=["groups as built", "every group renamed"])
def make_user(request, make_user):
    """conftest's make_user, taking the built names; in the second run every group
    was renamed in the admin before anyone was added to it."""
    if request.param == "groups as built":
        return make_user
    built = dict(Group.objects.values_list("name", "pk"))
    for group in Group.objects.all():
        group.name = f"Team {group.pk} (renamed)"
        group.save()

    def make(username, *names, **extra):
        user = make_user(username, **extra)
        user.groups.add(*[Group.objects.get(pk=built[name]) for name in names])
        return user

    return make


@pytest.fixture
def serbia_editor(client, make_user):
    user = make_user("rs.editor", "Serbia editors")
    client.force_login(user)
    return user


@pytest.fixture
def ukraine(db, country_section, index_of, make_user):
    """A Ukraine news item in every locale tree (the uk original and nine live
    translations), and a Serbia news item to use as a copy source."""
    regional = make_user("regional", "Regional editors")
    index = index_of(country_section("ukraine", "uk"), NewsIndexPage)
    original = NewsPageFactory(parent=index, title="Оригінал")
    original.save_revision(user=regional).publish(user=regional)
    items = {"uk": original}
    for code in LANGUAGES:
        if code != "uk":
            items[code] = translate(original, code, user=regional).specific
    serbian = NewsPageFactory(
        parent=index_of(country_section("serbia", "sh"), NewsIndexPage), title="Srpska vijest"
    )
    return {
        "items": items,
        "index": {
            code: index_of(country_section("ukraine", code), NewsIndexPage) for code in LANGUAGES
        },
        "serbian": serbian,
        "regional": regional,
    }


def news_data(title, slug, action="action-publish"):
    """Complete, valid news form data: a refusal cannot come from a bad form."""
    return {
        "title": title,
        "slug": slug,
        "date": "2026-11-20",
        "summary": "x",
        "lead_image_alt": "",
        "body-count": "0",
        "topic_links-TOTAL_FORMS": "0",
        "topic_links-INITIAL_FORMS": "0",
        "topic_links-MIN_NUM_FORMS": "0",
        "topic_links-MAX_NUM_FORMS": "1000",
        "related_links-TOTAL_FORMS": "0",
        "related_links-INITIAL_FORMS": "0",
        "related_links-MIN_NUM_FORMS": "0",
        "related_links-MAX_NUM_FORMS": "1000",
        action: "1",
    }


def png_bytes():
    buffer = io.BytesIO()
    PILImage.new("RGB", (8, 8), "red").save(buffer, format="PNG")
    return buffer.getvalue()


def assert_unchanged(before, response=None):
    assert snapshot() == before
    if response is not None:
        assert response.status_code != 500


@pytest.mark.parametrize("code", LANGUAGES)
def test_page_actions_on_ukraine_content_change_nothing(
    client, serbia_editor, ukraine, code, django_capture_on_commit_callbacks
):
    page = ukraine["items"][code]
    index = ukraine["index"][code]
    serbian_index = ukraine["serbian"].get_parent()
    revision = page.get_latest_revision()
    before = snapshot()
    attempts = [
        ("post", f"/admin/pages/{page.pk}/edit/", news_data("Hacked", page.slug)),
        ("post", f"/admin/pages/{page.pk}/edit/", news_data("Hacked", page.slug, "action-submit")),
        ("post", f"/admin/pages/{page.pk}/edit/", {"action": "publish"}),  # translation editor
        ("post", f"/admin/pages/add/news/newspage/{index.pk}/", news_data("Injected", "injected")),
        ("post", f"/admin/pages/{page.pk}/move/{serbian_index.pk}/confirm/", {}),
        (
            "post",
            f"/admin/pages/{page.pk}/copy/",
            {
                "new_title": "Copy",
                "new_slug": "copy-out",
                "new_parent_page": serbian_index.pk,
                "publish_copies": "on",
            },
        ),
        (
            "post",
            f"/admin/pages/{ukraine['serbian'].pk}/copy/",
            {
                "new_title": "Copy",
                "new_slug": "copy-in",
                "new_parent_page": index.pk,
                "publish_copies": "on",
            },
        ),
        ("post", f"/admin/pages/{page.pk}/delete/", {}),
        ("post", f"/admin/pages/{page.pk}/unpublish/", {}),
        ("post", f"/admin/pages/{page.pk}/lock/", {}),
        ("get", f"/admin/pages/{page.pk}/revisions/{revision.pk}/revert/", None),
        (
            "post",
            f"/admin/pages/{page.pk}/edit/?revision={revision.pk}",
            news_data("Reverted", page.slug),
        ),
        (
            "post",
            f"/admin/localize/submit/page/{page.pk}/",
            {"locales": [Locale.objects.get(language_code="el").pk]},
        ),
        (
            "post",
            f"/admin/localize/update/{TranslationSource.objects.get(object_id=page.translation_key).pk}/",
            {"publish_translations": "on"},
        ),
        ("post", f"/admin/translations/{page.pk}/submit-for-review/", {}),
    ]
    for method, url, data in attempts:
        # wagtail-localize publishes in on-commit callbacks: run them, as a commit would.
        with django_capture_on_commit_callbacks(execute=True):
            response = getattr(client, method)(url, data or {})
        assert_unchanged(before, response)


@pytest.mark.parametrize("code", ["uk", "ru", "en"])
def test_reading_admin_views_of_ukraine_content_is_refused(
    client, serbia_editor, ukraine, code, django_capture_on_commit_callbacks
):
    page = ukraine["items"][code]
    revision = page.get_latest_revision()
    before = snapshot()
    for url in [
        f"/admin/pages/{page.pk}/history/",
        f"/admin/pages/{page.pk}/revisions/{revision.pk}/view/",
        f"/admin/pages/{page.pk}/revisions/compare/earliest...{revision.pk}/",
        f"/admin/pages/{page.pk}/edit/preview/",
    ]:
        with django_capture_on_commit_callbacks(execute=True):
            response = client.get(url)
        assert response.status_code in (302, 403, 404), url
        assert "Оригінал" not in response.content.decode(), url
    assert_unchanged(before)


def test_workflow_approval_of_ukraine_content_is_refused(
    client, serbia_editor, ukraine, make_user, django_capture_on_commit_callbacks
):
    page = ukraine["items"]["uk"]
    ukraine_editor = make_user("uk.editor", "Ukraine editors")
    page.title = "Чернетка на огляд"
    revision = page.save_revision(user=ukraine_editor)
    state = page.get_workflow().start(page, ukraine_editor)
    before = snapshot()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/admin/pages/workflow/action/{page.pk}/approve/{state.current_task_state.pk}/",
            {"comment": "ok"},
        )
    assert_unchanged(before, response)
    state.refresh_from_db()
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    assert Page.objects.get(pk=page.pk).live_revision_id != revision.pk


def test_image_and_document_collections_of_ukraine_are_closed(
    client, serbia_editor, ukraine, django_capture_on_commit_callbacks
):
    ukraine_collection = Collection.objects.get(name="Ukraine")
    serbia_collection = Collection.objects.get(name="Serbia")
    image = ImageFactory(collection=ukraine_collection, title="Ukrainian photo")
    before = snapshot()
    png = SimpleUploadedFile("x.png", png_bytes(), content_type="image/png")
    attempts = [
        (
            "/admin/images/add/",
            {"title": "Sneaky", "collection": ukraine_collection.pk, "file": png},
        ),
        (f"/admin/images/{image.pk}/", {"title": "Renamed", "collection": serbia_collection.pk}),
        (f"/admin/images/{image.pk}/delete/", {}),
        (
            "/admin/documents/add/",
            {
                "title": "Doc",
                "collection": ukraine_collection.pk,
                "file": SimpleUploadedFile("d.txt", b"hello"),
            },
        ),
    ]
    for url, data in attempts:
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(url, data)
        assert_unchanged(before, response)
    # Whatever Wagtail accepted went to the editor's own collection, never Ukraine's.
    assert (
        not get_image_model().objects.filter(title="Sneaky", collection=ukraine_collection).exists()
    )
    assert not get_document_model().objects.filter(collection=ukraine_collection).exists()
    # Their own collection works, so the refusals above are about the patch, not the tool.
    own = SimpleUploadedFile("y.png", png_bytes(), content_type="image/png")
    client.post(
        "/admin/images/add/", {"title": "Own", "collection": serbia_collection.pk, "file": own}
    )
    assert get_image_model().objects.filter(title="Own", collection=serbia_collection).exists()


def test_the_serbia_editor_can_still_work_in_serbia(client, serbia_editor, ukraine):
    """The control: the same requests succeed on the editor's own section."""
    serbian = ukraine["serbian"]
    response = client.post(
        f"/admin/pages/{serbian.pk}/edit/",
        news_data("Izmijenjena vijest", serbian.slug, "action-submit"),
    )
    assert response.status_code == 302
    assert (
        Page.objects.get(pk=serbian.pk).get_latest_revision_as_object().title
        == "Izmijenjena vijest"
    )
    response = client.post(
        f"/admin/pages/add/news/newspage/{serbian.get_parent().pk}/",
        news_data("Nova vijest", "nova-vijest", "action-submit"),
    )
    assert response.status_code == 302
    assert Page.objects.filter(slug="nova-vijest").exists()


def test_submit_for_translation_is_scoped_to_the_users_country(
    client, make_user, country_section, index_of, django_capture_on_commit_callbacks
):
    """Stock wagtail-localize checks only the global submit_translation permission,
    which both editors hold: the Serbia editor would create pages under /en/ukraine/."""
    source = NewsPageFactory(
        parent=index_of(country_section("ukraine", "uk"), NewsIndexPage), title="Лише українською"
    )
    english = Locale.objects.get(language_code="en")
    serbia_editor = make_user("rs.editor", "Serbia editors")
    assert serbia_editor.has_perm("wagtail_localize.submit_translation")
    client.force_login(serbia_editor)
    before = snapshot()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/admin/localize/submit/page/{source.pk}/", {"locales": [english.pk]}
        )
    assert_unchanged(before, response)
    assert source.get_translation_or_none(english) is None

    client.force_login(make_user("uk.editor", "Ukraine editors"))
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/admin/localize/submit/page/{source.pk}/", {"locales": [english.pk]}
        )
    assert response.status_code == 302
    assert source.get_translation_or_none(english) is not None


# Webinar participants: personal data, seen only by the event's country team and
# the regional editors, marked (attendance) only by those who may publish there.
def participants_snapshot():
    from events.models import Certificate, Registration

    return {
        "registrations": sorted(
            Registration.objects.values_list(
                "pk", "status", "attended", "minutes_attended", "email", "name"
            )
        ),
        "certificates": sorted(Certificate.objects.values_list("pk", "code")),
    }


@pytest.fixture
def ukraine_webinar(db, country_section, index_of):
    import datetime

    from django.utils import timezone

    from events.factories import EventPageFactory, RegistrationFactory
    from events.models import EventIndexPage

    start = timezone.now() - datetime.timedelta(days=1)
    event = EventPageFactory(
        parent=index_of(country_section("ukraine", "uk"), EventIndexPage),
        webinar=True,
        start=start,
        end=start + datetime.timedelta(hours=1),
    )
    person = RegistrationFactory(event=event, name="Приватна Особа", email="private@example.org")
    return event, person


def webinar_attempts(event, person):
    from django.core.files.uploadedfile import SimpleUploadedFile

    report = b"Email,Duration (Minutes)\nprivate@example.org,60\n"
    return [
        ("get", f"/admin/webinars/{event.pk}/", None),
        ("get", f"/admin/webinars/{event.pk}/participants.csv", None),
        (
            "post",
            f"/admin/webinars/{event.pk}/attendance/",
            {f"attended-{person.pk}": "on", f"minutes-{person.pk}": "60"},
        ),
        (
            "post",
            f"/admin/webinars/{event.pk}/attendance/import/",
            {"report": SimpleUploadedFile("r.csv", report, "text/csv")},
        ),
    ]


@pytest.mark.parametrize(
    "groups", [("Serbia editors",), ("Serbia moderators",), ("Translators (uk)",), ("Experts",)]
)
def test_webinar_participants_are_closed_to_other_countries_and_translators(
    client, make_user, ukraine_webinar, groups
):
    event, person = ukraine_webinar
    client.force_login(make_user("outsider", *groups))
    before = participants_snapshot()
    listing = client.get("/admin/webinars/")
    assert person.email not in listing.content.decode()
    assert event.title not in listing.content.decode()
    for method, url, data in webinar_attempts(event, person):
        response = getattr(client, method)(url, data or {})
        assert response.status_code in (302, 403, 404), url
        text = response.content.decode()
        assert person.email not in text and person.name not in text, url
        assert participants_snapshot() == before, url


@pytest.mark.parametrize(
    "groups", [("Ukraine editors",), ("Ukraine moderators",), ("Regional editors",)]
)
def test_the_ukraine_team_and_regional_editors_see_the_participants(
    client, make_user, ukraine_webinar, groups
):
    """The control: the same requests work for those who may see them."""
    event, person = ukraine_webinar
    user = make_user("insider", *groups)
    client.force_login(user)
    assert person.email in client.get(f"/admin/webinars/{event.pk}/").content.decode()
    assert (
        person.email in client.get(f"/admin/webinars/{event.pk}/participants.csv").content.decode()
    )
    before = participants_snapshot()
    client.post(
        f"/admin/webinars/{event.pk}/attendance/",
        {f"attended-{person.pk}": "on", f"minutes-{person.pk}": "60"},
    )
    person.refresh_from_db()
    may_mark = event.permissions_for_user(user).can_publish()
    # Editors cannot publish, so they cannot mark attendance either: nothing changed.
    assert person.attended is may_mark
    if not may_mark:
        assert participants_snapshot() == before


# The library -------------------------------------------------------------------------
def library_snapshot():
    from library.models import DocumentText, Organisation, PublicationFile, PublicationPage

    return {
        **snapshot(),
        "publications": sorted(
            PublicationPage.objects.values_list("pk", "title", "year", "publication_type", "live")
        ),
        "files": sorted(
            PublicationFile.objects.values_list("pk", "page_id", "document_id", "language")
        ),
        "texts": sorted(DocumentText.objects.values_list("pk", "status", "file_key")),
        "organisations": sorted(Organisation.objects.values_list("pk", "name", "city")),
    }


def publication_data(title, slug, document_id, action="action-publish"):
    """Complete, valid publication form data."""
    return {
        "title": title,
        "slug": slug,
        "summary": "x",
        "abstract": "",
        "publication_type": "report",
        "year": "2024",
        "month": "",
        "publisher": "",
        "lead_image_alt": "",
        "isbn": "",
        "doi": "",
        "external_url": "",
        "licence": "",
        "audiences": ["trainers"],
        **{
            f"{name}-{suffix}": value
            for name in ("authors", "topic_links", "files")
            for suffix, value in (
                ("TOTAL_FORMS", "0"),
                ("INITIAL_FORMS", "0"),
                ("MIN_NUM_FORMS", "0"),
                ("MAX_NUM_FORMS", "1000"),
            )
        },
        "files-TOTAL_FORMS": "1",
        "files-0-document": str(document_id),
        "files-0-language": "uk",
        "files-0-ORDER": "1",
        "files-0-id": "",
        "files-0-DELETE": "",
        action: "1",
    }


@pytest.fixture
def ukraine_publication(db, country_section, index_of, make_user):
    from library.factories import DocumentFactory, OrganisationFactory, PublicationPageFactory
    from library.models import LibraryIndexPage

    regional = make_user("regional.lib", "Regional editors")
    ukraine_collection = Collection.objects.get(name="Ukraine")
    document = DocumentFactory(title="Звіт (PDF)", collection=ukraine_collection)
    publisher = OrganisationFactory(locale=Locale.objects.get(language_code="uk"), name="Мінсоц")
    original = PublicationPageFactory(
        parent=index_of(country_section("ukraine", "uk"), LibraryIndexPage),
        title="Український звіт",
        publisher=publisher,
        extras={"files": [(document, "uk")]},
    )
    original.save_revision(user=regional).publish(user=regional)
    items = {"uk": original}
    for code in ("en", "ru"):
        items[code] = translate(original, code, user=regional).specific
    serbian_index = index_of(country_section("serbia", "sh"), LibraryIndexPage)
    return {
        "items": items,
        "index": {
            code: index_of(country_section("ukraine", code), LibraryIndexPage)
            for code in ("uk", "en", "ru")
        },
        "document": document,
        "publisher": publisher,
        "serbian_index": serbian_index,
        "serbian_document": DocumentFactory(
            title="Srpski dokument", collection=Collection.objects.get(name="Serbia")
        ),
    }


@pytest.mark.parametrize("code", ["uk", "en", "ru"])
def test_a_serbia_editor_cannot_touch_ukraine_publications(
    client, serbia_editor, ukraine_publication, code
):
    page = ukraine_publication["items"][code]
    index = ukraine_publication["index"][code]
    document = ukraine_publication["document"]
    before = library_snapshot()
    attempts = [
        (
            "post",
            f"/admin/pages/{page.pk}/edit/",
            publication_data("Hacked", page.slug, document.pk),
        ),
        (
            "post",
            f"/admin/pages/add/library/publicationpage/{index.pk}/",
            publication_data("Injected", "injected", document.pk),
        ),
        ("post", f"/admin/pages/{page.pk}/delete/", {}),
        ("post", f"/admin/pages/{page.pk}/unpublish/", {}),
        (
            "post",
            f"/admin/pages/{page.pk}/move/{ukraine_publication['serbian_index'].pk}/confirm/",
            {},
        ),
        # The publication's documents live in the Ukraine collection.
        (
            "post",
            f"/admin/documents/edit/{document.pk}/",
            {"title": "Renamed", "collection": Collection.objects.get(name="Serbia").pk},
        ),
        ("post", f"/admin/documents/delete/{document.pk}/", {}),
        # The shared list of publishers: country teams may add, never change.
        (
            "post",
            f"/admin/snippets/library/organisation/edit/{ukraine_publication['publisher'].pk}/",
            {"name": "Hacked", "city": "", "website": ""},
        ),
        (
            "post",
            f"/admin/snippets/library/organisation/delete/{ukraine_publication['publisher'].pk}/",
            {},
        ),
        ("get", "/admin/library/import/", None),
    ]
    for method, url, data in attempts:
        response = getattr(client, method)(url, data or {})
        assert response.status_code != 500, url
        assert library_snapshot() == before, url


def test_the_serbia_editor_can_still_add_a_publication_in_serbia(
    client, serbia_editor, ukraine_publication
):
    """The control: the same form works in the editor's own section, with their
    own collection's document."""
    from library.models import PublicationPage

    index = ukraine_publication["serbian_index"]
    document = ukraine_publication["serbian_document"]
    response = client.post(
        f"/admin/pages/add/library/publicationpage/{index.pk}/",
        publication_data("Srpski vodič", "srpski-vodic", document.pk, "action-submit"),
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    page = PublicationPage.objects.get(slug="srpski-vodic")
    assert page.get_latest_revision_as_object().title == "Srpski vodič"
