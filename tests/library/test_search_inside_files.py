"""Text extraction runs as a background task when a file is uploaded, replaced or
published with a publication; the library search then finds a publication by a
word that appears only inside its file, with a snippet. A scan, a broken file or a
zip bomb leave the publication usable with a note on the file row.

Runs on SQLite and on PostgreSQL (DATABASE_URL), where the text is stored as a
tsvector in the file language's configuration and the snippet comes from ts_headline."""

import pytest
from django.core.files.base import ContentFile
from django.db import connection

from library.factories import DocumentFactory, PublicationPageFactory
from library.models import DocumentText
from tests.library.test_extraction import zip_bomb


@pytest.fixture
def publish_with_file(library_of, django_capture_on_commit_callbacks):
    """Upload a document and publish a publication with it, running the
    after-commit extraction as a real commit would."""

    def make(document_bytes, name="file.pdf", language="en", code="en", title="Annual review"):
        with django_capture_on_commit_callbacks(execute=True):
            document = DocumentFactory(file=ContentFile(document_bytes, name=name))
            page = PublicationPageFactory(
                parent=library_of(code, "ukraine"),
                title=title,
                extras={"files": [(document, language)]},
            )
            page.save_revision().publish()
        return page, DocumentText.objects.get(document=document)

    return make


def pdf(*lines):
    from library.samples import simple_pdf

    return simple_pdf([list(lines)])


def test_a_word_only_in_the_pdf_finds_the_publication_with_a_snippet(client, publish_with_file):
    page, text = publish_with_file(
        pdf("Chapter two describes kinship placements", "and the safeguarding audit of 2024.")
    )
    assert text.status == DocumentText.EXTRACTED
    assert "safeguarding audit" in text.text
    PublicationPageFactory(parent=page.get_parent(), title="Unrelated guide")
    response = client.get("/en/library/?q=safeguarding")
    assert [item.title for item in response.context["items"]] == ["Annual review"]
    html = response.content.decode()
    assert "<mark>safeguarding</mark>" in html
    assert 'class="snippet" lang="en"' in html
    # The title is not where the word is.
    assert "safeguarding" not in page.title.lower()


def test_a_word_in_no_file_finds_nothing(client, publish_with_file):
    publish_with_file(pdf("Nothing special here."))
    response = client.get("/en/library/?q=zebrafish")
    assert response.context["items"] == [] or len(response.context["items"]) == 0
    assert "No publication matches these filters." in response.content.decode()


def test_docx_and_odt_are_searchable(client, publish_with_file):
    from library.samples import simple_docx, simple_odt

    publish_with_file(
        simple_docx(["Mentoring circles for foster parents"]), name="a.docx", title="A"
    )
    publish_with_file(simple_odt(["Peer mentoring for caseworkers"]), name="b.odt", title="B")
    titles = sorted(i.title for i in client.get("/en/library/?q=mentoring").context["items"])
    assert titles == ["A", "B"]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="stemming needs PostgreSQL")
def test_postgres_stems_in_the_language_of_the_file(client, publish_with_file):
    # A Russian file in the English library: found by another form of the word,
    # because its text is indexed with the Russian configuration.
    from library.samples import simple_docx

    page, text = publish_with_file(
        simple_docx(["Руководство для социальных работников"]), name="r.docx", language="ru"
    )
    assert text.search_config == "russian"
    titles = [i.title for i in client.get("/en/library/?q=работник").context["items"]]
    assert titles == ["Annual review"]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="tsvector only on PostgreSQL")
def test_postgres_stores_the_vector_with_a_gin_index(publish_with_file):
    _page, text = publish_with_file(pdf("Stored vectors"))
    text.refresh_from_db()
    assert text.search_vector
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexdef FROM pg_indexes WHERE indexname = 'library_documenttext_vector_gin'"
        )
        assert "gin" in cursor.fetchone()[0]


@pytest.mark.parametrize(
    ("data", "name", "status", "note"),
    [
        (pdf(""), "scan.pdf", DocumentText.NO_TEXT, "It may be a scanned image"),
        (
            b"%PDF-1.4 this is not really a pdf",
            "broken.pdf",
            DocumentText.FAILED,
            "could not be read",
        ),
        (zip_bomb(), "bomb.docx", DocumentText.REFUSED, "possible zip bomb"),
        (b"plain words", "notes.txt", DocumentText.NOT_APPLICABLE, "PDF, DOCX and ODT files only"),
    ],
    ids=["scan", "broken", "zip-bomb", "text-file"],
)
def test_a_file_that_cannot_be_read_leaves_the_publication_usable(
    client, admin_client, publish_with_file, data, name, status, note
):
    page, text = publish_with_file(data, name=name)
    assert text.status == status
    assert text.text == ""
    assert client.get(page.url).status_code == 200
    assert client.get("/en/library/?q=anything").status_code == 200
    assert client.get(f"{page.url}cite.ris").status_code == 200
    response = admin_client.get(f"/admin/pages/{page.pk}/edit/")
    assert response.status_code == 200
    assert note in response.content.decode()


def test_replacing_the_file_extracts_again(
    client, publish_with_file, django_capture_on_commit_callbacks
):
    page, text = publish_with_file(pdf("first edition wording"))
    document = text.document
    with django_capture_on_commit_callbacks(execute=True):
        document.file = ContentFile(pdf("second edition wording"), name="second.pdf")
        document._set_document_file_metadata()
        document.save()
    text.refresh_from_db()
    assert "second edition" in text.text
    assert [i.title for i in client.get("/en/library/?q=second").context["items"]] == [page.title]
    assert list(client.get("/en/library/?q=first").context["items"]) == []


def test_saving_a_document_without_a_new_file_does_not_extract_again(
    publish_with_file, django_capture_on_commit_callbacks
):
    _page, text = publish_with_file(pdf("stable words"))
    extracted_at = text.extracted_at
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        text.document.title = "Renamed"
        text.document.save()
    assert callbacks == []
    text.refresh_from_db()
    assert text.extracted_at == extracted_at


def test_the_file_language_decides_the_index_language(publish_with_file):
    _page, text = publish_with_file(pdf("Guide"), language="fr")
    assert text.language == "fr"
    assert text.search_config == "french"
    _page, text = publish_with_file(pdf("Guide"), language="uk", title="Other")
    # The same configuration as site search: Ukrainian's Hunspell-based one
    # (search.text_search), itself a plain copy where the dictionary is missing.
    assert text.search_config == "portal_uk"
    _page, text = publish_with_file(pdf("Guide"), language="sq", title="Third")
    # Albanian has no stemmer at all: the same fallback as site search.
    assert text.search_config == "simple"
