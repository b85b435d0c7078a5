"""What reference managers and search engines read: RIS (written by rispy), BibTeX,
Google Scholar's citation_* meta tags (which Zotero's connector reads too) and
schema.org JSON-LD."""

import mimetypes
import re

import rispy

from library.choices import TRAINING_TYPE

# Our types in RIS. A publication with an ISBN is a book, unless it is a video.
RIS_TYPES = {
    "report": "RPRT",
    "research": "RPRT",
    "policy": "GOVDOC",
    "video": "VIDEO",
    "guideline": "GEN",
    "toolkit": "GEN",
    TRAINING_TYPE: "GEN",
    "other": "GEN",
}
# Back from RIS (import); our own type travels in M3 and wins when present.
TYPES_FROM_RIS = {
    "RPRT": "report",
    "GOVDOC": "policy",
    "VIDEO": "video",
    "BOOK": "report",
    "CHAP": "report",
    "JOUR": "research",
    "THES": "research",
    "CONF": "research",
}
BIBTEX_TYPES = {"report": "techreport", "research": "techreport"}
SCHEMA_REPORT_TYPES = {"report", "research", "policy"}
MONTHS_BIBTEX = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]

RIS_CONTENT_TYPE = "application/x-research-info-systems; charset=utf-8"
BIBTEX_CONTENT_TYPE = "application/x-bibtex; charset=utf-8"


def _absolute(request, url):
    return request.build_absolute_uri(url) if request is not None else url


def pdf_file(page):
    """The first PDF in the reader's language order, or None."""
    return next((f for f in page.reader_files if f.format == "PDF"), None)


# RIS ----------------------------------------------------------------------------------
def ris_entry(page, request=None):
    ris_type = RIS_TYPES.get(page.publication_type, "GEN")
    if page.isbn and page.publication_type != "video":
        ris_type = "BOOK"
    entry = {
        "type_of_reference": ris_type,
        "id": f"childhub-{page.translation_key}-{page.locale.language_code}",
        "title": page.title,
        # An organisation ends with a comma, so that Zotero and others keep it whole.
        "authors": [a.name if a.is_person else f"{a.name}," for a in page.authors.all()],
        "year": str(page.year),
        "type_of_work": page.publication_type,
        "abstract": page.abstract or page.summary,
        "keywords": page.topic_names,
        "urls": [u for u in [page.get_full_url(request), page.external_url] if u],
    }
    if page.month:
        entry["date"] = f"{page.year}/{page.month:02d}//"
    if page.publisher:
        entry["publisher"] = page.publisher.name
        if page.publisher.city:
            entry["place_published"] = page.publisher.city
    if page.document_languages:
        entry["language"] = page.document_languages[0]
    if page.doi:
        entry["doi"] = page.doi
    if page.isbn:
        entry["issn"] = page.isbn  # RIS SN holds ISBNs and ISSNs alike
    pdf = pdf_file(page)
    if pdf is not None:
        entry["file_attachments1"] = _absolute(request, pdf.document.url)
    if page.licence:
        entry["notes"] = [f"Licence: {page.get_licence_display()}"]
    return entry


def to_ris(pages, request=None):
    return rispy.dumps([ris_entry(page, request) for page in pages])


# BibTeX -------------------------------------------------------------------------------
_BIBTEX_SPECIAL = re.compile(r"([\\{}&%$#_^~])")


def bibtex_escape(value):
    def replace(match):
        char = match.group(1)
        if char == "\\":
            return r"\textbackslash{}"
        if char in "^~":
            return rf"\{char}{{}}"
        return "\\" + char

    return _BIBTEX_SPECIAL.sub(replace, " ".join(str(value).split()))


def bibtex_key(page):
    first = page.authors.all()[0].name if page.authors.all() else page.slug
    stem = re.sub(r"[^a-z0-9]", "", first.split(",")[0].lower())[:20] or "childhub"
    return f"{stem}{page.year}{page.pk}"


def bibtex_entry(page, request=None):
    entry_type = BIBTEX_TYPES.get(page.publication_type, "misc")
    if page.isbn and page.publication_type != "video":
        entry_type = "book"
    authors = [
        bibtex_escape(a.name) if a.is_person else "{" + bibtex_escape(a.name) + "}"
        for a in page.authors.all()
    ]
    fields = [
        ("title", "{" + bibtex_escape(page.title) + "}"),
        ("author", " and ".join(authors)),
        ("year", str(page.year)),
        ("month", MONTHS_BIBTEX[page.month - 1] if page.month else ""),
    ]
    if page.publisher:
        publisher_field = "institution" if entry_type == "techreport" else "publisher"
        fields.append((publisher_field, bibtex_escape(page.publisher.name)))
        fields.append(("address", bibtex_escape(page.publisher.city)))
    fields += [
        ("doi", bibtex_escape(page.doi)),
        ("isbn", bibtex_escape(page.isbn)),
        ("url", page.external_url or page.get_full_url(request)),
        ("language", ", ".join(page.document_languages)),
        ("keywords", bibtex_escape(", ".join(page.topic_names))),
        ("abstract", bibtex_escape(page.abstract or page.summary)),
    ]
    if entry_type == "misc":
        fields.append(("howpublished", bibtex_escape(page.type_label)))
    body = ",\n".join(
        # `month` takes a macro (jan), everything else a braced value.
        f"  {name} = {value}" if name == "month" else f"  {name} = {{{value}}}"
        for name, value in fields
        if value
    )
    return f"@{entry_type}{{{bibtex_key(page)},\n{body}\n}}\n"


def to_bibtex(pages, request=None):
    return "\n".join(bibtex_entry(page, request) for page in pages)


# Meta tags ----------------------------------------------------------------------------
def citation_meta(page, request=None):
    """[(name, content)] for Google Scholar's citation_* tags."""
    tags = [("citation_title", page.title)]
    tags += [("citation_author", author.name) for author in page.authors.all()]
    date = f"{page.year}/{page.month:02d}" if page.month else str(page.year)
    tags.append(("citation_publication_date", date))
    if page.publisher:
        tags.append(("citation_publisher", page.publisher.name))
        if page.publication_type in ("report", "research"):
            tags.append(("citation_technical_report_institution", page.publisher.name))
    tags += [("citation_language", code) for code in page.document_languages]
    if page.doi:
        tags.append(("citation_doi", page.doi))
    if page.isbn:
        tags.append(("citation_isbn", page.isbn))
    if page.topic_names:
        tags.append(("citation_keywords", "; ".join(page.topic_names)))
    tags.append(("citation_abstract_html_url", page.get_full_url(request)))
    pdf = pdf_file(page)
    if pdf is not None:
        tags.append(("citation_pdf_url", _absolute(request, pdf.document.url)))
    return tags


# JSON-LD ------------------------------------------------------------------------------
def schema_type(page):
    if page.isbn and page.publication_type != "video":
        return "Book"
    if page.publication_type in SCHEMA_REPORT_TYPES:
        return "Report"
    return "CreativeWork"


def json_ld(page, request=None):
    data = page.json_ld_base(request, schema_type(page))
    languages = page.document_languages
    data.update(
        name=page.title,
        headline=page.title[:110],
        description=page.summary,
        datePublished=page.date_iso,
        genre=str(page.type_label),
        author=[
            {"@type": "Person" if a.is_person else "Organization", "name": a.display_name}
            for a in page.authors.all()
        ],
        # The languages of the document itself, not of this page.
        inLanguage=languages[0] if len(languages) == 1 else languages or data["inLanguage"],
        **page.json_ld_image(page.lead_image, request),
    )
    if page.abstract:
        data["abstract"] = page.abstract
    if page.publisher:
        publisher = {"@type": "Organization", "name": page.publisher.name}
        if page.publisher.website:
            publisher["url"] = page.publisher.website
        data["publisher"] = publisher
    if page.licence:
        data["license"] = page.licence_url or str(page.get_licence_display())
    if page.isbn:
        data["isbn"] = page.isbn
    same_as = []
    if page.doi:
        data["identifier"] = {"@type": "PropertyValue", "propertyID": "DOI", "value": page.doi}
        same_as.append(f"https://doi.org/{page.doi}")
    if page.external_url:
        same_as.append(page.external_url)
    if same_as:
        data["sameAs"] = same_as
    if page.topic_names:
        data["keywords"] = ", ".join(page.topic_names)
    if page.audiences:
        data["audience"] = [
            {"@type": "Audience", "audienceType": str(label)} for label in page.audience_labels
        ]
    if page.countries_covered:
        data["spatialCoverage"] = [
            {"@type": "Country", "name": str(name)} for name in page.country_labels
        ]
    files = page.reader_files
    if files:
        data["encoding"] = [
            {
                "@type": "MediaObject",
                "contentUrl": _absolute(request, f.document.url),
                "encodingFormat": mimetypes.guess_type(f.document.filename)[0]
                or "application/octet-stream",
                "inLanguage": f.language,
                **({"contentSize": f"{f.size} B"} if f.size else {}),
            }
            for f in files
        ]
    return data
