"""Bulk import from CSV and RIS: every good row in, every bad row reported by its
line number with a reason, nothing lost, and a rerun updates instead of duplicating."""

import csv
import io

import pytest
import rispy
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from wagtail.documents import get_document_model

from library.importer import COLUMNS, Importer
from library.models import DocumentText, ImportRecord, Organisation, PublicationPage
from library.samples import simple_pdf
from news.factories import TopicFactory


def csv_text(rows):
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=COLUMNS)
    writer.writeheader()
    for row in rows:
        writer.writerow({name: row.get(name, "") for name in COLUMNS})
    return buffer.getvalue()


GOOD = {
    "external_id": "unicef-2024-01",
    "language": "uk",
    "country": "ukraine",
    "title": "Діти в русі",
    "summary": "Огляд послуг.",
    "abstract": "Повна анотація.",
    "authors": "Коваль, Олена; Петренко, Іван",
    "organisation_authors": "ЮНІСЕФ",
    "publisher": "Міністерство соціальної політики",
    "publisher_city": "Київ",
    "year": "2024",
    "month": "5",
    "type": "report",
    "audiences": "policymakers; social-workers",
    "topics": "move-i",
    "countries": "ukraine; moldova",
    "document_languages": "uk",
    "files": "report-uk.pdf:uk; report-en.pdf:en",
    "isbn": "978-3-16-148410-0",
    "doi": "10.1234/childhub.7",
    "url": "https://example.org/report",
    "licence": "cc-by-4.0",
}


@pytest.fixture
def files_dir(tmp_path):
    (tmp_path / "report-uk.pdf").write_bytes(simple_pdf(["Zvit pro ditei u rusi"]))
    (tmp_path / "report-en.pdf").write_bytes(simple_pdf(["Report on children on the move"]))
    return tmp_path


@pytest.fixture
def topics(locales):
    TopicFactory(locale=locales["uk"], name="Діти в русі", slug="move-i")
    TopicFactory(locale=locales["en"], name="Children on the move", slug="move-i")


def run(tmp_path, rows, files_dir=None, name="import.csv", extra=()):
    path = tmp_path / name
    path.write_text(csv_text(rows) if isinstance(rows, list) else rows, encoding="utf-8")
    out, err = io.StringIO(), io.StringIO()
    args = [str(path), *extra] + (["--files", str(files_dir)] if files_dir else [])
    call_command("import_library", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_good_rows_are_imported_with_everything(tmp_path, files_dir, topics, client):
    out, err = run(tmp_path, [GOOD], files_dir)
    assert err == ""
    assert "1 created, 0 updated, 0 unchanged, 0 with errors." in out
    page = PublicationPage.objects.get(title="Діти в русі")
    assert page.live
    assert page.url == f"/uk/ukraine/library/{page.slug}/"
    assert [(a.kind, a.name) for a in page.authors.all()] == [
        ("person", "Коваль, Олена"),
        ("person", "Петренко, Іван"),
        ("organisation", "ЮНІСЕФ"),
    ]
    assert page.publisher.name == "Міністерство соціальної політики"
    assert page.publisher.city == "Київ"
    assert (page.year, page.month, page.publication_type) == (2024, 5, "report")
    assert set(page.audiences) == {"policymakers", "social-workers"}
    assert [t.slug for t in page.topics] == ["move-i"]
    assert set(page.countries_covered) == {"ukraine", "moldova"}
    assert set(page.document_languages) == {"uk", "en"}
    assert [(f.language, f.format) for f in page.files.all()] == [("uk", "PDF"), ("en", "PDF")]
    assert page.isbn == "9783161484100"
    # The files landed in the country's collection and their text was extracted.
    document = page.files.first().document
    assert document.collection.name == "Ukraine"
    assert client.get(page.url).status_code == 200


def test_a_rerun_changes_nothing_and_a_changed_row_updates(tmp_path, files_dir, topics):
    run(tmp_path, [GOOD], files_dir)
    page = PublicationPage.objects.get(title="Діти в русі")
    revisions = page.revisions.count()
    documents = get_document_model().objects.count()
    out, _err = run(tmp_path, [GOOD], files_dir)
    assert "0 created, 0 updated, 1 unchanged, 0 with errors." in out
    assert page.revisions.count() == revisions
    assert get_document_model().objects.count() == documents
    out, _err = run(tmp_path, [{**GOOD, "title": "Діти в русі (2-ге видання)"}], files_dir)
    assert "0 created, 1 updated, 0 unchanged, 0 with errors." in out
    assert PublicationPage.objects.filter(title__startswith="Діти в русі").count() == 1
    page.refresh_from_db()
    assert page.title == "Діти в русі (2-ге видання)"
    assert ImportRecord.objects.filter(key="unicef-2024-01").count() == 1


def test_bad_rows_are_reported_by_line_and_good_rows_still_imported(tmp_path, files_dir, topics):
    rows = [
        {**GOOD, "external_id": "a", "files": ""},
        {**GOOD, "external_id": "b", "year": "next year", "files": ""},
        {**GOOD, "external_id": "c", "type": "poem", "audiences": "aliens", "files": ""},
        {**GOOD, "external_id": "d", "isbn": "978-3-16-148410-9", "doi": "nope", "files": ""},
        {**GOOD, "external_id": "e", "files": "missing.pdf:uk"},
        {**GOOD, "external_id": "f", "files": "../../etc/passwd:uk"},
        {**GOOD, "external_id": "", "doi": "", "isbn": "", "files": ""},
        {**GOOD, "external_id": "g", "title": "", "files": ""},
        {**GOOD, "external_id": "h", "language": "de", "files": ""},
        {**GOOD, "external_id": "i", "title": "Другий звіт", "files": ""},
    ]
    out, err = run(tmp_path, rows, files_dir)
    assert "2 created, 0 updated, 0 unchanged, 8 with errors." in out
    lines = err.strip().splitlines()
    assert lines[0].startswith("line 3: The year must be a number between 1900 and 2100")
    assert lines[1].startswith("line 4: ") and "“poem” is not a type" in lines[1]
    assert "Unknown audience(s): aliens." in lines[1]
    assert (
        lines[2].startswith("line 5: ")
        and "not a valid ISBN" in lines[2]
        and "not a DOI" in lines[2]
    )
    assert lines[3] == "line 6: The file missing.pdf is not in the files folder."
    assert lines[4] == "line 7: The file ../../etc/passwd is not in the files folder."
    assert lines[5].startswith("line 8: Give an external_id, a DOI or an ISBN")
    assert lines[6] == "line 9: The title is missing."
    assert lines[7].startswith("line 10: “de” is not a language of the portal")
    assert set(PublicationPage.objects.values_list("title", flat=True)) >= {
        "Діти в русі",
        "Другий звіт",
    }
    # Fixing the bad lines and running again adds them and keeps the rest as it is.
    fixed = [{**row, "year": "2023"} if row["external_id"] == "b" else row for row in rows[:2]]
    out, _err = run(tmp_path, fixed, files_dir)
    assert "1 created, 0 updated, 1 unchanged, 0 with errors." in out


def test_a_multiline_cell_keeps_line_numbers_right(tmp_path, topics):
    rows = [
        {**GOOD, "external_id": "m1", "abstract": "First line.\nSecond line.", "files": ""},
        {**GOOD, "external_id": "m2", "year": "x", "files": ""},
    ]
    _out, err = run(tmp_path, rows)
    assert err.startswith("line 4: ")


def test_a_file_without_the_required_columns_is_refused_as_a_whole(db, tmp_path):
    _out, err = run(tmp_path, "name,when\nA,2020\n")
    assert err.strip() == "line 1: The header lacks the column(s): title, year."
    assert not PublicationPage.objects.filter(title="A").exists()


def test_the_same_key_in_another_language_becomes_a_translation(tmp_path, topics):
    run(tmp_path, [{**GOOD, "files": ""}])
    english = {
        **GOOD,
        "language": "en",
        "title": "Children on the move",
        "summary": "Overview.",
        "files": "",
    }
    out, _err = run(tmp_path, [english])
    assert "1 created" in out
    uk = PublicationPage.objects.get(title="Діти в русі")
    en = PublicationPage.objects.get(title="Children on the move")
    assert en.translation_key == uk.translation_key
    assert en.url == f"/en/ukraine/library/{uk.slug}/"
    assert en.publisher.locale.language_code == "en"


def test_ris_import_reads_what_the_export_writes(tmp_path, client, files_dir, topics, locales):
    run(tmp_path, [GOOD], files_dir)
    source = PublicationPage.objects.get(title="Діти в русі")
    ris = client.get(f"{source.url}cite.ris").content.decode()
    ris = ris.replace("TI  - Діти в русі", "TI  - Діти в русі (RIS)").replace(
        f"childhub-{source.translation_key}-uk", "ris-1"
    )
    bad_line = len(ris.splitlines()) + 1
    ris += "TY  - RPRT\nTI  - Without a year\nID  - ris-2\nER  - \n"
    out, err = run(tmp_path, ris, name="export.ris", extra=["--language", "uk"])
    assert "1 created" in out and "1 with errors" in out
    assert err.startswith(f"line {bad_line}: ")
    assert "The year must be a number" in err
    imported = PublicationPage.objects.get(title="Діти в русі (RIS)")
    assert imported.locale.language_code == "uk"
    assert imported.url == f"/uk/library/{imported.slug}/"
    assert imported.year == 2024 and imported.month == 5
    assert imported.publication_type == "report"
    assert [(a.kind, a.name) for a in imported.authors.all()][-1] == ("organisation", "ЮНІСЕФ")
    assert imported.doi == "10.1234/childhub.7"
    assert imported.isbn == "9783161484100"
    assert imported.topics[0].slug == "move-i"
    assert rispy.loads(ris)[0]["title"] == "Діти в русі (RIS)"
    out, _err = run(tmp_path, ris, name="export.ris", extra=["--language", "uk"])
    assert "1 unchanged" in out


@pytest.fixture
def import_form(files_dir, topics):
    def make(rows):
        return {
            "data_file": SimpleUploadedFile("import.csv", csv_text(rows).encode()),
            "files": [
                SimpleUploadedFile("report-uk.pdf", (files_dir / "report-uk.pdf").read_bytes()),
                SimpleUploadedFile("report-en.pdf", (files_dir / "report-en.pdf").read_bytes()),
            ],
            "language": "en",
            "country": "",
        }

    return make


def test_the_admin_screen_imports_for_regional_editors(client, make_user, import_form):
    client.force_login(make_user("regional", "Regional editors"))
    assert "Import publications" in client.get("/admin/").content.decode()
    response = client.post(
        "/admin/library/import/", import_form([GOOD, {**GOOD, "external_id": "x", "year": ""}])
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "1 created, 0 updated, 0 unchanged, 1 with errors." in html
    assert "Line 3: The year must be a number" in html
    page = PublicationPage.objects.get(title="Діти в русі")
    assert page.files.count() == 2
    assert (
        DocumentText.objects.filter(document__in=[f.document for f in page.files.all()]).count()
        == 2
    )


def snapshot():
    return (
        sorted(PublicationPage.objects.values_list("pk", "title", "live")),
        get_document_model().objects.count(),
        Organisation.objects.count(),
        ImportRecord.objects.count(),
    )


def test_the_admin_screen_is_closed_to_country_teams(client, make_user, import_form):
    editor = make_user("rs.editor", "Serbia editors")
    client.force_login(editor)
    assert "Import publications" not in client.get("/admin/").content.decode()
    before = snapshot()
    # Wagtail answers a refusal in the admin with a redirect to the dashboard.
    assert client.get("/admin/library/import/").status_code in (302, 403)
    assert client.post("/admin/library/import/", import_form([GOOD])).status_code in (302, 403)
    assert snapshot() == before


def test_a_permitted_user_still_only_imports_where_they_may_publish(client, make_user, import_form):
    """The import permission alone opens the screen, not every section."""
    from django.contrib.auth.models import Permission

    editor = make_user("rs.editor", "Serbia editors")
    editor.user_permissions.add(Permission.objects.get(codename="import_publications"))
    client.force_login(editor)
    before = snapshot()
    response = client.post("/admin/library/import/", import_form([GOOD]))
    assert response.status_code == 200
    assert "You may not publish in" in response.content.decode()
    assert snapshot() == before


def test_the_importer_can_be_used_directly(topics, files_dir):
    report = Importer(files_dir=files_dir).import_csv(csv_text([GOOD]))
    assert report.count("created") == 1
