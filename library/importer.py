"""Bulk import of publications from CSV or RIS, with their files.

Every row is validated on its own and imported in its own savepoint: a bad row is
reported by its line number with the reason and never blocks the good ones. The
stable key is the `external_id` column (RIS: ID), else the DOI, else the ISBN; a
rerun updates the publication it created (or leaves it alone when nothing
changed), so importing the same file twice changes nothing. A row in another
language with the same key becomes a translation of the first one.

Used by `manage.py import_library` and by the admin screen (library.admin_views)."""

import csv
import hashlib
import io
import json
import re
from dataclasses import dataclass, field
from pathlib import Path

import rispy
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.validators import URLValidator
from django.db import transaction
from django.utils.translation import gettext as _
from wagtail.coreutils import find_available_slug
from wagtail.documents import get_document_model
from wagtail.models import Collection, Locale

from home.factories import ascii_slug
from home.models import CountryPage, HomePage
from library.choices import AUDIENCES, DOCUMENT_LANGUAGES, LICENCE_CHOICES, PUBLICATION_TYPES
from library.citations import TYPES_FROM_RIS
from library.identifiers import isbn_is_valid, normalise_doi, normalise_isbn, validate_doi
from library.models import (
    ImportRecord,
    LibraryIndexPage,
    Organisation,
    PublicationFile,
    PublicationPage,
    PublicationTopic,
)
from news.models import Topic
from portal.languages import COUNTRIES_BY_SLUG, LANGUAGE_CODES

COLUMNS = [
    "external_id",
    "language",
    "country",
    "title",
    "summary",
    "abstract",
    "authors",
    "organisation_authors",
    "publisher",
    "publisher_city",
    "year",
    "month",
    "type",
    "audiences",
    "topics",
    "countries",
    "document_languages",
    "files",
    "isbn",
    "doi",
    "url",
    "licence",
]
REQUIRED_COLUMNS = {"title", "year"}
SUMMARY_LENGTH = 300

TYPES = dict(PUBLICATION_TYPES)
AUDIENCE_VALUES = dict(AUDIENCES)
DOCUMENT_LANGUAGE_VALUES = dict(DOCUMENT_LANGUAGES)
LICENCE_VALUES = dict(LICENCE_CHOICES)
# English language names (as RIS files often carry them) -> codes.
LANGUAGE_NAMES = {
    "english": "en",
    "albanian": "sq",
    "bulgarian": "bg",
    "greek": "el",
    "french": "fr",
    "hungarian": "hu",
    "romanian": "ro",
    "serbian": "sh",
    "croatian": "sh",
    "bosnian": "sh",
    "ukrainian": "uk",
    "russian": "ru",
    "german": "de",
    "italian": "it",
    "spanish": "es",
    "macedonian": "mk",
    "slovenian": "sl",
    "turkish": "tr",
    "polish": "pl",
    "slovak": "sk",
    "czech": "cs",
}


class RowError(Exception):
    pass


@dataclass
class RowResult:
    line: int
    action: str  # created, updated, unchanged or error
    title: str = ""
    message: str = ""
    page: PublicationPage | None = None


@dataclass
class ImportReport:
    results: list = field(default_factory=list)

    def count(self, action):
        return sum(1 for result in self.results if result.action == action)

    @property
    def errors(self):
        return [result for result in self.results if result.action == "error"]

    @property
    def summary(self):
        return _(
            "%(created)d created, %(updated)d updated, %(unchanged)d unchanged, "
            "%(errors)d with errors."
        ) % {
            "created": self.count("created"),
            "updated": self.count("updated"),
            "unchanged": self.count("unchanged"),
            "errors": self.count("error"),
        }


def split_list(value, separator=";"):
    return [part.strip() for part in (value or "").split(separator) if part.strip()]


class Importer:
    def __init__(self, user=None, files_dir=None, uploaded_files=None):
        """`user`: the admin user (None for the command, which may do anything);
        `files_dir`: the folder the `files` column names files in; `uploaded_files`:
        {name: uploaded file} from the admin screen."""
        self.user = user
        self.files_dir = Path(files_dir).resolve() if files_dir else None
        self.uploaded_files = uploaded_files or {}
        self.locales = {locale.language_code: locale for locale in Locale.objects.all()}
        self._indexes = {}
        self._topics = {}

    # Reading --------------------------------------------------------------------------
    def import_csv(self, text):
        report = ImportReport()
        reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff")))
        header = {name.strip() for name in reader.fieldnames or []}
        missing = REQUIRED_COLUMNS - header
        if missing:
            report.results.append(
                RowResult(
                    1,
                    "error",
                    message=_("The header lacks the column(s): %(columns)s.")
                    % {"columns": ", ".join(sorted(missing))},
                )
            )
            return report
        line = 1
        for raw in reader:
            start, line = line + 1, reader.line_num
            row = {(k or "").strip(): (v or "").strip() for k, v in raw.items() if k}
            if not any(row.values()):
                continue
            report.results.append(self.import_row(start, row))
        return report

    def import_ris(self, text, language="en", country=""):
        report = ImportReport()
        for start, record_text in ris_records(text):
            try:
                entries = rispy.loads(record_text)
            except Exception as error:  # noqa: BLE001 - rispy raises plain errors on bad input
                report.results.append(
                    RowResult(start, "error", message=_("Unreadable RIS record: %s") % error)
                )
                continue
            if not entries:
                continue
            row = self.row_from_ris(entries[0], language, country)
            report.results.append(self.import_row(start, row))
        return report

    def row_from_ris(self, entry, language, country):
        def first(*keys):
            for key in keys:
                value = entry.get(key)
                if isinstance(value, list):
                    value = value[0] if value else ""
                if value:
                    return str(value).strip()
            return ""

        people, organisations = [], []
        for name in entry.get("authors", []) + entry.get("first_authors", []):
            name = name.strip()
            (organisations if name.endswith(",") else people).append(name.rstrip(","))
        date = first("date") or first("year", "publication_year")
        parts = [p for p in date.split("/") if p]
        year = parts[0] if parts else ""
        month = parts[1] if len(parts) > 1 and entry.get("date") else ""
        if not month and len(parts) > 1:
            month = parts[1]
        our_type = first("type_of_work")
        if our_type not in TYPES:
            our_type = TYPES_FROM_RIS.get(first("type_of_reference"), "other")
        abstract = first("abstract", "notes_abstract")
        languages = []
        for value in re.split(r"[;,]", first("language")):
            value = value.strip().lower()
            code = value if value in DOCUMENT_LANGUAGE_VALUES else LANGUAGE_NAMES.get(value)
            if code:
                languages.append(code)
        keywords = entry.get("keywords", [])
        topics = self._topic_slugs_for(keywords, language)
        serial = first("issn")
        urls = [u for u in entry.get("urls", []) if "/library/" not in u]
        files = ""
        attachment = first("file_attachments1")
        if attachment:
            files = f"{Path(attachment).name}:{languages[0] if languages else language}"
        return {
            "external_id": first("id"),
            "language": language,
            "country": country,
            "title": first("title", "primary_title"),
            "summary": "",
            "abstract": abstract,
            "authors": "; ".join(people),
            "organisation_authors": "; ".join(organisations),
            "publisher": first("publisher"),
            "publisher_city": first("place_published"),
            "year": year,
            "month": month,
            "type": our_type,
            "audiences": "",
            "topics": "; ".join(topics),
            "countries": country,
            "document_languages": "; ".join(languages),
            "files": files if self.files_dir or self.uploaded_files else "",
            "isbn": serial if isbn_is_valid(serial) else "",
            "doi": first("doi"),
            "url": urls[0] if urls else "",
            "licence": "",
        }

    def _topic_slugs_for(self, keywords, language):
        topics = self.topics(language)
        by_name = {name.lower(): slug for slug, name in topics.items()}
        slugs = []
        for keyword in keywords:
            keyword = keyword.strip()
            slug = keyword if keyword in topics else by_name.get(keyword.lower())
            if slug:
                slugs.append(slug)
        return slugs

    # Lookups ----------------------------------------------------------------------------
    def topics(self, language):
        if language not in self._topics:
            locale = self.locales.get(language)
            self._topics[language] = dict(
                Topic.objects.filter(locale=locale).values_list("slug", "name")
            )
        return self._topics[language]

    def index_for(self, language, country):
        key = (language, country)
        if key not in self._indexes:
            locale = self.locales[language]
            if country:
                parent = CountryPage.objects.filter(locale=locale, country=country).first()
            else:
                parent = HomePage.objects.filter(locale=locale).first()
            self._indexes[key] = (
                LibraryIndexPage.objects.child_of(parent).first() if parent else None
            )
        return self._indexes[key]

    # Validation -------------------------------------------------------------------------
    def clean_row(self, row):
        """The row as model values, or RowError with every problem found."""
        problems = []
        get = lambda name: (row.get(name) or "").strip()  # noqa: E731

        language = get("language") or "en"
        if language not in LANGUAGE_CODES or language not in self.locales:
            problems.append(
                _("“%(value)s” is not a language of the portal (%(choices)s).")
                % {"value": language, "choices": ", ".join(LANGUAGE_CODES)}
            )
        country = get("country")
        if country and country not in COUNTRIES_BY_SLUG:
            problems.append(_("“%(value)s” is not a country of the portal.") % {"value": country})
        title = get("title")
        if not title:
            problems.append(_("The title is missing."))
        elif len(title) > 255:
            problems.append(_("The title is longer than 255 characters."))
        abstract = get("abstract")
        summary = get("summary") or first_sentences(abstract)
        if not summary:
            problems.append(_("Give a summary or an abstract."))
        year = month = None
        try:
            year = int(get("year"))
            if not 1900 <= year <= 2100:
                raise ValueError
        except ValueError:
            problems.append(
                _("The year must be a number between 1900 and 2100, not “%(value)s”.")
                % {"value": get("year")}
            )
        if get("month"):
            try:
                month = int(get("month"))
                if not 1 <= month <= 12:
                    raise ValueError
            except ValueError:
                problems.append(
                    _("The month must be a number from 1 to 12, not “%(value)s”.")
                    % {"value": get("month")}
                )
        publication_type = get("type") or "report"
        if publication_type not in TYPES:
            problems.append(
                _("“%(value)s” is not a type (%(choices)s).")
                % {"value": publication_type, "choices": ", ".join(TYPES)}
            )

        def check_values(name, allowed, message):
            values = split_list(get(name))
            unknown = [value for value in values if value not in allowed]
            if unknown:
                problems.append(message % {"values": ", ".join(unknown)})
            return values

        audiences = check_values(
            "audiences", AUDIENCE_VALUES, _("Unknown audience(s): %(values)s.")
        )
        topics = check_values(
            "topics",
            self.topics(language) if language in self.locales else {},
            _("Unknown topic(s): %(values)s."),
        )
        countries = check_values(
            "countries", COUNTRIES_BY_SLUG, _("Unknown country(ies): %(values)s.")
        )
        languages = check_values(
            "document_languages", DOCUMENT_LANGUAGE_VALUES, _("Unknown language(s): %(values)s.")
        )
        isbn = normalise_isbn(get("isbn"))
        if isbn and not isbn_is_valid(isbn):
            problems.append(_("“%(value)s” is not a valid ISBN.") % {"value": get("isbn")})
        doi = normalise_doi(get("doi"))
        try:
            validate_doi(doi)
        except ValidationError:
            problems.append(_("“%(value)s” is not a DOI.") % {"value": get("doi")})
        url = get("url")
        if url:
            try:
                URLValidator()(url)
            except ValidationError:
                problems.append(_("“%(value)s” is not a web address.") % {"value": url})
        licence = get("licence")
        if licence and licence not in LICENCE_VALUES:
            problems.append(
                _("“%(value)s” is not a licence (%(choices)s).")
                % {"value": licence, "choices": ", ".join(LICENCE_VALUES)}
            )
        files = []
        for spec in split_list(get("files")):
            name, _sep, file_language = spec.rpartition(":")
            if not name:
                name, file_language = file_language, language
            try:
                files.append((self.read_file(name.strip()), file_language.strip()))
            except RowError as error:
                problems.append(str(error))
            if file_language.strip() not in DOCUMENT_LANGUAGE_VALUES:
                problems.append(
                    _("Unknown language “%(value)s” for the file %(name)s.")
                    % {"value": file_language, "name": name}
                )
        key = (
            get("external_id")
            or (f"doi:{doi.lower()}" if doi else "")
            or (f"isbn:{isbn}" if isbn else "")
        )
        if not key:
            problems.append(
                _("Give an external_id, a DOI or an ISBN, so that a rerun finds the row.")
            )
        if problems:
            raise RowError(" ".join(problems))
        return {
            "key": key,
            "language": language,
            "country": country,
            "title": title,
            "summary": summary[:500],
            "abstract": abstract,
            "authors": [("person", name) for name in split_list(get("authors"))]
            + [("organisation", name) for name in split_list(get("organisation_authors"))],
            "publisher": get("publisher"),
            "publisher_city": get("publisher_city"),
            "year": year,
            "month": month,
            "type": publication_type,
            "audiences": audiences,
            "topics": topics,
            "countries": countries or ([country] if country else []),
            "document_languages": languages,
            "files": files,
            "isbn": isbn,
            "doi": doi,
            "url": url,
            "licence": licence,
        }

    def read_file(self, name):
        """(file name, bytes) of a file named in the row: in the upload, or inside
        the --files folder (never outside it)."""
        if name in self.uploaded_files:
            upload = self.uploaded_files[name]
            upload.seek(0)
            return name, upload.read()
        if self.files_dir is None:
            raise RowError(_("The file %(name)s was not supplied.") % {"name": name})
        path = (self.files_dir / name).resolve()
        if self.files_dir not in path.parents or not path.is_file():
            raise RowError(_("The file %(name)s is not in the files folder.") % {"name": name})
        return path.name, path.read_bytes()

    # Writing ----------------------------------------------------------------------------
    def import_row(self, line, row):
        try:
            clean = self.clean_row(row)
            with transaction.atomic():
                return self.save(line, clean)
        except RowError as error:
            return RowResult(line, "error", title=row.get("title", ""), message=str(error))
        except ValidationError as error:
            return RowResult(
                line, "error", title=row.get("title", ""), message=" ".join(error.messages)
            )

    def fingerprint(self, clean):
        data = {k: v for k, v in clean.items() if k != "files"}
        data["files"] = [
            (name, hashlib.sha1(content).hexdigest(), language)  # noqa: S324 - identity, not security
            for (name, content), language in clean["files"]
        ]
        return hashlib.sha256(json.dumps(data, sort_keys=True, default=str).encode()).hexdigest()

    def save(self, line, clean):
        locale = self.locales[clean["language"]]
        index = self.index_for(clean["language"], clean["country"])
        if index is None:
            raise RowError(_("This language and country have no library section."))
        if (
            self.user is not None
            and not index.permissions_for_user(self.user).can_publish_subpage()
        ):
            raise RowError(
                _("You may not publish in %(section)s.")
                % {"section": index.get_url() or index.title}
            )
        fingerprint = self.fingerprint(clean)
        record = ImportRecord.objects.filter(key=clean["key"], locale=locale).first()
        page = record.page.specific if record and record.page_id else None
        if page is not None and record.fingerprint == fingerprint:
            return RowResult(line, "unchanged", title=page.title, page=page)
        if (
            page is not None
            and self.user is not None
            and not page.permissions_for_user(self.user).can_publish()
        ):
            raise RowError(_("You may not change this publication."))
        action = "updated" if page is not None else "created"
        if page is None:
            page = self.new_page(clean, index, locale)
        self.fill(page, clean, locale)
        if page.pk is None:
            page.slug = find_available_slug(index, ascii_slug(clean["title"]))
            index.add_child(instance=page)
        revision = page.save_revision(user=self.user, log_action=True)
        revision.publish(user=self.user)
        ImportRecord.objects.update_or_create(
            key=clean["key"], locale=locale, defaults={"page": page, "fingerprint": fingerprint}
        )
        return RowResult(line, action, title=page.title, page=page)

    def new_page(self, clean, index, locale):
        """A new page, or a translation of the same key's page in another language."""
        other = (
            ImportRecord.objects.filter(key=clean["key"], page__isnull=False)
            .exclude(locale=locale)
            .select_related("page")
            .first()
        )
        if other is not None:
            source = other.page
            parent_translation = source.get_parent().get_translation_or_none(locale)
            if (
                parent_translation is not None
                and parent_translation.pk == index.pk
                and source.get_translation_or_none(locale) is None
            ):
                return source.copy_for_translation(locale).specific
        return PublicationPage(locale=locale)

    def fill(self, page, clean, locale):
        page.title = clean["title"]
        page.summary = clean["summary"]
        page.abstract = clean["abstract"]
        page.year = clean["year"]
        page.month = clean["month"]
        page.publication_type = clean["type"]
        page.isbn = clean["isbn"]
        page.doi = clean["doi"]
        page.external_url = clean["url"]
        page.licence = clean["licence"]
        if clean["country"] and not page.country:
            page.country = clean["country"]
        page.publisher = self.organisation(clean["publisher"], clean["publisher_city"], locale)
        page.set_authors(clean["authors"])
        topics = Topic.objects.filter(locale=locale, slug__in=clean["topics"])
        page.topic_links = [PublicationTopic(topic=topic, locale=locale) for topic in topics]
        page.set_audiences(clean["audiences"])
        page.set_countries_covered(clean["countries"])
        page.files = [
            PublicationFile(document=self.document(name, content, clean), language=language)
            for (name, content), language in clean["files"]
        ]
        page.set_document_languages(
            [*clean["document_languages"], *[language for _file, language in clean["files"]]]
        )

    def organisation(self, name, city, locale):
        if not name:
            return None
        organisation = Organisation.objects.filter(locale=locale, name=name).first()
        if organisation is None:
            organisation = Organisation.objects.create(locale=locale, name=name, city=city)
        elif city and organisation.city != city:
            organisation.city = city
            organisation.save(update_fields=["city"])
        return organisation

    def document(self, name, content, clean):
        """The Wagtail document with these bytes (found by hash), or a new one in the
        country's collection."""
        Document = get_document_model()
        digest = hashlib.sha1(content).hexdigest()  # noqa: S324 - Wagtail's file_hash is SHA-1
        existing = Document.objects.filter(file_hash=digest).first()
        if existing is not None:
            return existing
        collection = Collection.get_first_root_node()
        country = COUNTRIES_BY_SLUG.get(clean["country"])
        if country is not None:
            from governance.roles import english_name

            named = collection.get_children().filter(name=english_name(country)).first()
            collection = named or collection
        document = Document(
            title=f"{clean['title'][:200]} ({clean['language']})",
            file=ContentFile(content, name=name),
            collection=collection,
            uploaded_by_user=self.user,
        )
        document._set_document_file_metadata()
        document.save()
        return document


def first_sentences(text, limit=SUMMARY_LENGTH):
    """A summary from an abstract: its first sentences, within `limit` characters."""
    text = " ".join((text or "").split())
    if len(text) <= limit:
        return text
    cut = text[:limit]
    end = max(cut.rfind(". "), cut.rfind("! "), cut.rfind("? "))
    return cut[: end + 1] if end > 40 else cut.rsplit(" ", 1)[0] + " …"


def ris_records(text):
    """(line number of TY, record text) for each record of a RIS file."""
    record, start = [], None
    for number, line in enumerate(text.lstrip("\ufeff").splitlines(), start=1):
        if line.startswith("TY  -"):
            record, start = [line], number
        elif start is not None:
            record.append(line)
            if line.startswith("ER  -"):
                yield start, "\n".join(record) + "\n"
                record, start = [], None
    if start is not None:
        yield start, "\n".join(record) + "\nER  - \n"
