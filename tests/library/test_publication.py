"""A publication: page rules, admin creation and validation, rendering in several
languages with download labels, the translatable fields policy and a translation
round trip, citations (RIS, BibTeX, meta tags, JSON-LD), the feed and the API."""

import re

import pytest
import rispy
from django.template.defaultfilters import filesizeformat
from django.test import TestCase
from django.utils import translation
from wagtail.models import Collection, Page, PageViewRestriction
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import inline_formset, nested_form_data
from wagtail_localize.fields import SynchronizedField, TranslatableField, get_translatable_fields

from home.factories import publish
from home.models import CountryPage, HomePage
from library.factories import DocumentFactory, OrganisationFactory, PublicationPageFactory
from library.models import (
    LibraryIndexPage,
    Organisation,
    PublicationAudience,
    PublicationFile,
    PublicationPage,
    TrainersPage,
)
from library.samples import simple_pdf
from news.factories import TopicFactory
from tests.utils import json_ld, translate

LANGUAGES = ["en", "sq", "bg", "el", "fr", "hu", "ro", "sh", "uk", "ru"]


def policy(model):
    return {field.field_name: type(field) for field in get_translatable_fields(model)}


class PublicationAdminTests(WagtailPageTestCase):
    def setUp(self):
        self.login()
        self.section = CountryPage.objects.get(locale__language_code="uk", country="ukraine")
        self.index = LibraryIndexPage.objects.child_of(self.section).get()
        self.home = HomePage.objects.get(locale__language_code="uk")
        self.region = LibraryIndexPage.objects.child_of(self.home).get()
        self.topic = TopicFactory(locale=self.section.locale, name="Догляд", slug="care-a")
        self.document = DocumentFactory()

    def form(self, **overrides):
        choices = {
            "audiences": ["social-workers", "trainers"],
            "countries_covered": ["ukraine", "moldova"],
            "document_languages": ["uk"],
        }
        data = {
            "title": "Стандарти догляду",
            "slug": "standarty-dohliadu",
            "country": "",
            "summary": "Коротко.",
            "abstract": "Анотація.",
            "publication_type": "guideline",
            "year": "2024",
            "month": "3",
            "authors": inline_formset([{"kind": "person", "name": "Коваль, Олена"}]),
            "publisher": "",
            "topic_links": inline_formset([{"topic": self.topic.pk}]),
            "files": inline_formset([{"document": self.document.pk, "language": "en"}]),
            "lead_image_alt": "",
            "isbn": "978-3-16-148410-0",
            "doi": "https://doi.org/10.1234/ABC-567",
            "external_url": "",
            "licence": "cc-by-4.0",
        }
        data.update(overrides)
        # Checkboxes post one value per ticked box, which nested_form_data cannot say.
        return {**nested_form_data(data), **choices}

    def test_parent_and_child_rules(self):
        self.assertAllowedParentPageTypes(PublicationPage, {LibraryIndexPage})
        self.assertAllowedSubpageTypes(PublicationPage, set())
        self.assertAllowedSubpageTypes(LibraryIndexPage, {PublicationPage, TrainersPage})
        self.assertAllowedParentPageTypes(LibraryIndexPage, {HomePage, CountryPage})
        self.assertAllowedParentPageTypes(TrainersPage, {LibraryIndexPage})
        # The trainers' page exists once, below the region-wide library only.
        self.assertFalse(TrainersPage.can_create_at(self.region))
        self.assertFalse(TrainersPage.can_create_at(self.index))
        self.assertTrue(PublicationPage.can_create_at(self.index))
        self.assertFalse(LibraryIndexPage.can_create_at(self.section))

    def test_an_editor_creates_a_publication_in_the_admin(self):
        self.assertCanCreate(self.index, PublicationPage, self.form())
        page = PublicationPage.objects.get(slug="standarty-dohliadu")
        self.assertEqual(page.country, "ukraine")
        self.assertEqual(set(page.audiences), {"social-workers", "trainers"})
        self.assertEqual(set(page.countries_covered), {"ukraine", "moldova"})
        # The language of the file joins the languages of the document.
        self.assertEqual(set(page.document_languages), {"uk", "en"})
        self.assertEqual([a.name for a in page.authors.all()], ["Коваль, Олена"])
        self.assertEqual(page.topics, [self.topic])
        # Identifiers are stored normalised.
        self.assertEqual(page.isbn, "9783161484100")
        self.assertEqual(page.doi, "10.1234/ABC-567")

    def test_the_add_form_offers_the_section_country_as_covered(self):
        response = self.client.get(f"/admin/pages/add/library/publicationpage/{self.index.pk}/")
        self.assertContains(response, 'name="countries_covered" value="ukraine"')
        html = response.content.decode()
        checked = re.search(r'<input[^>]*value="ukraine"[^>]*>', html).group(0)
        self.assertIn("checked", checked)

    def test_a_bad_isbn_or_doi_is_refused(self):
        before = PublicationPage.objects.count()
        response = self.client.post(
            f"/admin/pages/add/library/publicationpage/{self.index.pk}/",
            self.form(isbn="978-3-16-148410-9", doi="doi-less"),
        )
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "This is not a valid ISBN-10 or ISBN-13")
        self.assertContains(response, "This is not a DOI")
        self.assertEqual(PublicationPage.objects.count(), before)

    def test_the_file_row_shows_what_extraction_made_of_the_file(self):
        from library.models import DocumentText

        page = PublicationPageFactory(parent=self.index, extras={"files": [(self.document, "uk")]})
        DocumentText.objects.update_or_create(
            document=self.document,
            defaults={"status": DocumentText.NO_TEXT, "reason": "no_text"},
        )
        response = self.client.get(f"/admin/pages/{page.pk}/edit/")
        self.assertContains(response, 'data-extraction-status="no_text"')
        self.assertContains(response, "It may be a scanned image")


def test_translatable_field_policy():
    fields = policy(PublicationPage)
    for name in ["title", "summary", "abstract", "lead_image_alt", "publisher", "topic_links"]:
        assert fields[name] is TranslatableField, name
    for name in [
        "slug",
        "country",
        "year",
        "month",
        "publication_type",
        "isbn",
        "doi",
        "external_url",
        "licence",
        "lead_image",
        "authors",
        "audience_links",
        "country_links",
        "language_links",
        "files",
    ]:
        assert fields[name] is SynchronizedField, name
    assert policy(Organisation) == {
        "name": TranslatableField,
        "city": TranslatableField,
        "website": SynchronizedField,
    }
    assert policy(PublicationFile) == {"document": SynchronizedField, "language": SynchronizedField}
    assert policy(PublicationAudience) == {"audience": SynchronizedField}
    assert policy(TrainersPage)["picks"] is SynchronizedField


@pytest.mark.parametrize("code", LANGUAGES)
def test_the_library_and_the_trainers_page_exist_in_every_locale(client, db, code):
    assert client.get(f"/{code}/library/").status_code == 200
    assert client.get(f"/{code}/ukraine/library/").status_code == 200
    response = client.get(f"/{code}/library/trainers/")
    assert response.status_code == 200
    assert f'<html lang="{code}">' in response.content.decode()


@pytest.fixture
def ukrainian_report(db, library_of, locales):
    uk = locales["uk"]
    publisher = OrganisationFactory(
        locale=uk,
        name="Міністерство соціальної політики",
        city="Київ",
        website="https://example.org",
    )
    pdf_en = DocumentFactory(title="Report EN")
    pdf_uk = DocumentFactory(title="Report UK")
    return PublicationPageFactory(
        parent=library_of("uk", "ukraine"),
        title="Діти в русі: звіт",
        summary="Огляд послуг.",
        abstract="Повна анотація.",
        year=2024,
        month=5,
        publication_type="report",
        publisher=publisher,
        doi="10.1234/childhub.5",
        licence="cc-by-4.0",
        extras={
            "authors": [("person", "Коваль, Олена"), ("organisation", "ЮНІСЕФ")],
            "files": [(pdf_en, "en"), (pdf_uk, "uk")],
            "audiences": ["policymakers"],
            "countries": ["ukraine", "moldova"],
            "topics": [TopicFactory(locale=uk, name="Діти в русі", slug="move-r")],
        },
    )


@pytest.mark.parametrize(
    ("code", "language_name"), [("uk", "Українська"), ("en", "Ukrainian"), ("fr", "Ukrainien")]
)
def test_download_links_show_format_size_and_language_in_the_readers_language(
    client, ukrainian_report, code, language_name
):
    page = ukrainian_report if code == "uk" else translate(ukrainian_report, code).specific
    response = client.get(page.url)
    assert response.status_code == 200
    html = response.content.decode()
    uk_file = next(f for f in page.files.all() if f.language == "uk")
    with translation.override(code):
        size = str(filesizeformat(uk_file.size))
    assert f"PDF, {size}, {language_name}" in html, re.findall(r'data-file-label="([^"]+)"', html)
    # The reader's language first: on the Ukrainian page the Ukrainian edition leads.
    labels = re.findall(r'data-file-label="([^"]+)"', html)
    if code == "uk":
        assert labels[0].endswith("Українська")
    if code == "en":
        assert labels[0].endswith("English")


def test_the_page_renders_its_facts_and_citation_links(client, ukrainian_report):
    html = client.get(ukrainian_report.url).content.decode()
    assert "Олена Коваль; ЮНІСЕФ" in html
    assert "травень 2024" in html.lower() or "травня 2024" in html.lower()
    assert f'href="{ukrainian_report.url}cite.ris"' in html
    assert f'href="{ukrainian_report.url}cite.bib"' in html
    assert 'rel="license noopener"' in html


def test_citation_meta_tags(client, ukrainian_report):
    html = client.get(ukrainian_report.url).content.decode()
    meta = re.findall(r'<meta name="(citation_[a-z_]+)" content="([^"]*)">', html)
    tags = {}
    for name, content in meta:
        tags.setdefault(name, []).append(content)
    assert tags["citation_title"] == ["Діти в русі: звіт"]
    assert tags["citation_author"] == ["Коваль, Олена", "ЮНІСЕФ"]
    assert tags["citation_publication_date"] == ["2024/05"]
    assert tags["citation_publisher"] == ["Міністерство соціальної політики"]
    assert tags["citation_technical_report_institution"] == ["Міністерство соціальної політики"]
    assert tags["citation_language"] == ["en", "uk"]
    assert tags["citation_doi"] == ["10.1234/childhub.5"]
    # The PDF in the reader's language, as an absolute URL that serves it.
    uk_file = next(f for f in ukrainian_report.files.all() if f.language == "uk")
    assert tags["citation_pdf_url"] == [f"http://testserver{uk_file.document.url}"]


def test_json_ld(client, ukrainian_report):
    data = json_ld(client.get(ukrainian_report.url).content.decode())[0]
    assert data["@type"] == "Report"
    assert data["name"] == "Діти в русі: звіт"
    assert data["datePublished"] == "2024-05"
    assert data["author"] == [
        {"@type": "Person", "name": "Олена Коваль"},
        {"@type": "Organization", "name": "ЮНІСЕФ"},
    ]
    assert data["publisher"] == {
        "@type": "Organization",
        "name": "Міністерство соціальної політики",
        "url": "https://example.org",
    }
    assert data["inLanguage"] == ["en", "uk"]
    assert data["license"] == "https://creativecommons.org/licenses/by/4.0/"
    assert data["identifier"]["value"] == "10.1234/childhub.5"
    assert data["encoding"][0]["encodingFormat"] == "application/pdf"
    assert {c["name"] for c in data["spatialCoverage"]} == {"Україна", "Молдова"}


def test_json_ld_type_follows_isbn_and_type(client, library_of):
    index = library_of("en")
    book = PublicationPageFactory(parent=index, publication_type="guideline", isbn="0306406152")
    toolkit = PublicationPageFactory(parent=index, publication_type="toolkit")
    assert json_ld(client.get(book.url).content.decode())[0]["@type"] == "Book"
    assert json_ld(client.get(toolkit.url).content.decode())[0]["@type"] == "CreativeWork"


def test_ris_citation_parses_back(client, ukrainian_report):
    response = client.get(f"{ukrainian_report.url}cite.ris")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/x-research-info-systems; charset=utf-8"
    assert response["Content-Disposition"] == f'attachment; filename="{ukrainian_report.slug}.ris"'
    [entry] = rispy.loads(response.content.decode())
    assert entry["type_of_reference"] == "RPRT"
    assert entry["title"] == "Діти в русі: звіт"
    assert entry["authors"] == ["Коваль, Олена", "ЮНІСЕФ,"]
    assert entry["year"] == "2024"
    assert entry["date"] == "2024/05//"
    assert entry["publisher"] == "Міністерство соціальної політики"
    assert entry["place_published"] == "Київ"
    assert entry["doi"] == "10.1234/childhub.5"
    assert entry["abstract"] == "Повна анотація."
    assert entry["keywords"] == ["Діти в русі"]
    assert entry["file_attachments1"].endswith(".pdf")


def test_bibtex_citation(client, ukrainian_report):
    response = client.get(f"{ukrainian_report.url}cite.bib")
    assert response["Content-Type"] == "application/x-bibtex; charset=utf-8"
    assert response["Content-Disposition"] == f'attachment; filename="{ukrainian_report.slug}.bib"'
    text = response.content.decode()
    assert text.startswith("@techreport{")
    assert "  author = {Коваль, Олена and {ЮНІСЕФ}},\n" in text
    assert "  month = may,\n" in text
    assert "  institution = {Міністерство соціальної політики},\n" in text
    assert "  doi = {10.1234/childhub.5},\n" in text
    assert text.count("{") == text.count("}")


def test_bibtex_escapes_special_characters(library_of):
    from library.citations import bibtex_entry

    page = PublicationPageFactory(
        parent=library_of("en"), title="Costs & benefits: 100% {care}_#1", isbn="0306406152"
    )
    entry = bibtex_entry(page)
    assert entry.startswith("@book{")
    assert r"Costs \& benefits: 100\% \{care\}\_\#1" in entry
    assert entry.count("{") - entry.count(r"\{") == entry.count("}") - entry.count(r"\}")


def test_cite_urls_are_only_for_live_publications(client, library_of):
    draft = PublicationPageFactory(parent=library_of("en"), live=False)
    index = library_of("en")
    assert (
        client.get(f"{draft.url or '/en/library/' + draft.slug + '/'}cite.ris").status_code == 404
    )
    assert client.get(f"{index.url}cite.ris").status_code == 404
    assert client.get("/en/news/export.ris").status_code == 404


def test_listing_export_follows_the_filters_and_is_bounded(client, catalogue, settings):
    response = client.get("/en/library/export.ris?type=training")
    assert response["Content-Disposition"] == 'attachment; filename="library-en.ris"'
    entries = rispy.loads(response.content.decode())
    assert sorted(e["title"] for e in entries) == ["Belgrade training", "Regional training"]
    assert {e["type_of_work"] for e in entries} == {"training"}
    settings.LIBRARY_EXPORT_MAX = 2
    assert len(rispy.loads(client.get("/en/library/export.ris").content.decode())) == 2
    html = client.get("/en/library/?type=training").content.decode()
    assert 'href="/en/library/export.ris?type=training"' in html


def test_the_feed_follows_the_filters(client, catalogue):
    response = client.get("/en/library/feed/?topic=online-l")
    assert response["Content-Type"] == "application/rss+xml; charset=utf-8"
    xml = response.content.decode()
    assert "Kyiv online toolkit" in xml and "Regional training" in xml
    assert "Kyiv care report" not in xml
    assert "<category>Online safety</category>" in xml


def test_the_api_lists_publications_with_their_fields_and_filters(client, catalogue):
    response = client.get(
        "/api/v2/pages/?type=library.PublicationPage&locale=en"
        "&fields=year,publication_type,author_list,audiences,document_languages,file_list"
    )
    assert response.status_code == 200
    items = response.json()["items"]
    assert len(items) == 6
    assert {"year", "audiences", "document_languages", "file_list"} <= set(items[0])
    response = client.get(
        "/api/v2/pages/?type=library.PublicationPage&locale=en&publication_type=training"
        "&audience=teachers&topic=online-l"
    )
    assert [item["title"] for item in response.json()["items"]] == ["Regional training"]
    response = client.get(
        "/api/v2/pages/?type=library.PublicationPage&covers=moldova&year_from=2024"
    )
    assert [item["title"] for item in response.json()["items"]] == ["Regional training"]
    assert (
        client.get("/api/v2/pages/?type=library.PublicationPage&year_from=soon").status_code == 400
    )
    # Other types do not take the library's filters.
    assert client.get("/api/v2/pages/?type=news.NewsPage&audience=x").status_code == 400


def test_translation_round_trip(client, ukrainian_report, django_capture_on_commit_callbacks):
    english = translate(ukrainian_report, "en", lambda text: f"EN {text}").specific
    assert english.live
    assert english.url == f"/en/ukraine/library/{ukrainian_report.slug}/"
    response = client.get(english.url)
    html = response.content.decode()
    assert '<html lang="en">' in html
    assert "EN Діти в русі: звіт" in html
    # Synchronised: the same files, dates and identifiers.
    assert [f.document_id for f in english.files.all()] == [
        f.document_id for f in ukrainian_report.files.all()
    ]
    assert (english.year, english.month, english.doi) == (2024, 5, "10.1234/childhub.5")
    # The publisher and the topic are their English translations.
    assert english.publisher.locale.language_code == "en"
    assert english.publisher.translation_key == ukrainian_report.publisher.translation_key
    assert [t.locale.language_code for t in english.topics] == ["en"]
    assert "EN Діти в русі: звіт" in client.get("/en/library/").content.decode()
    assert "EN Діти в русі: звіт" in client.get("/en/ukraine/library/").content.decode()
    assert "EN Діти в русі: звіт" not in client.get("/ru/library/").content.decode()
    assert "EN Діти в русі: звіт" not in client.get("/uk/library/").content.decode()


def test_documents_are_served_by_wagtail_with_headers_and_collection_privacy(
    client, ukrainian_report
):
    from wagtail.models import CollectionViewRestriction

    document = ukrainian_report.files.first().document
    response = client.get(document.url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert "filename=" in response["Content-Disposition"]
    assert int(response["Content-Length"]) == document.file_size
    private = Collection.get_first_root_node().add_child(name="Private drafts")
    CollectionViewRestriction.objects.create(
        collection=private, restriction_type=PageViewRestriction.LOGIN
    )
    document.collection = private
    document.save()
    assert client.get(document.url).status_code in (302, 401, 403)


def test_home_and_country_pages_show_the_newest_publications(client, ukrainian_report):
    assert "Діти в русі: звіт" in client.get("/uk/").content.decode()
    assert "Діти в русі: звіт" in client.get("/uk/ukraine/").content.decode()


def test_site_search_finds_publications(client, ukrainian_report):
    # Published as an editor publishes: the search entry is written by the task that
    # publishing enqueues on commit (PostgreSQL's stored vectors).
    with TestCase.captureOnCommitCallbacks(execute=True):
        publish(ukrainian_report)
    response = client.get("/uk/search/?q=анотація&type=library")
    assert response.status_code == 200
    assert "Діти в русі: звіт" in response.content.decode()


def test_an_untranslated_publication_appears_only_when_asked(client, ukrainian_report):
    assert "Діти в русі: звіт" not in client.get("/en/library/").content.decode()
    html = client.get("/en/library/?untranslated=on").content.decode()
    assert "Діти в русі: звіт" in html
    assert Page.objects.filter(slug=ukrainian_report.slug).count() == 1


def test_simple_pdf_is_a_real_pdf():
    import io

    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(simple_pdf([["Hello", "world"], "again"])))
    assert len(reader.pages) == 2
    assert "Hello" in reader.pages[0].extract_text()


def test_a_publication_links_to_its_past_webinar_in_the_readers_language(
    client, ukrainian_report, country_section, index_of
):
    import datetime

    from django.utils import timezone

    from events.factories import EventPageFactory
    from events.models import EventIndexPage

    start = timezone.now() - datetime.timedelta(days=10)
    webinar = EventPageFactory(
        parent=index_of(country_section("ukraine", "uk"), EventIndexPage),
        title="Вебінар: діти в русі",
        start=start,
        end=start + datetime.timedelta(minutes=90),
        webinar=True,
        recording_url="https://video.example.org/children-on-the-move",
    )
    ukrainian_report.webinar = webinar
    ukrainian_report.save_revision().publish()

    html = client.get(ukrainian_report.url).content.decode()
    assert "З вебінару" in html
    assert f'href="{webinar.url}"' in html
    assert "Запис і матеріали" in html

    # The English edition links to the webinar as published, marked as Ukrainian,
    # until the webinar is translated; then to its English page.
    english = translate(ukrainian_report, "en").specific
    assert english.webinar_id == webinar.pk
    html = client.get(english.url).content.decode()
    assert "From the webinar" in html
    assert f'<a href="{webinar.url}" lang="uk">Вебінар: діти в русі</a>' in html
    english_webinar = translate(webinar, "en").specific
    html = client.get(english.url).content.decode()
    assert f'<a href="{english_webinar.url}">' in html

    # An unpublished webinar is not linked.
    webinar.unpublish()
    english_webinar.unpublish()
    html = client.get(ukrainian_report.url).content.decode()
    assert "З вебінару" not in html
