import pytest
from django.core.files.base import ContentFile

from library.factories import DocumentFactory, OrganisationFactory, PublicationPageFactory
from library.models import LibraryIndexPage
from library.samples import simple_docx, simple_odt, simple_pdf
from news.factories import TopicFactory


@pytest.fixture
def library_of(country_section, home_for, index_of):
    """library_of("uk", "ukraine") -> that country's library; library_of("en") -> region-wide."""

    def get(code, country=None):
        parent = country_section(country, code) if country else home_for(code)
        return index_of(parent, LibraryIndexPage)

    return get


@pytest.fixture
def document():
    """document("pdf", ["line", ...], language title) -> a real document of that kind."""

    def make(kind="pdf", lines=("Sample text",), title=None, **kwargs):
        writer = {"pdf": lambda: simple_pdf([list(lines)]), "docx": lambda: simple_docx(lines)}
        writer["odt"] = lambda: simple_odt(lines)
        data = writer[kind]() if kind in writer else kind
        name = f"file.{kind}" if kind in writer else "file.pdf"
        return DocumentFactory(
            title=title or f"Document {kind}", file=ContentFile(data, name=name), **kwargs
        )

    return make


@pytest.fixture
def catalogue(db, library_of, locales):
    """Six English publications spread over types, topics, audiences, countries,
    document languages and years; one draft that never shows."""
    en = locales["en"]
    topics = {
        "care": TopicFactory(locale=en, name="Alternative care", slug="care-l"),
        "online": TopicFactory(locale=en, name="Online safety", slug="online-l"),
    }
    publisher = OrganisationFactory(locale=en, name="Child Rights Centre")
    ukraine = library_of("en", "ukraine")
    serbia = library_of("en", "serbia")
    region = library_of("en")
    specs = [
        ("Kyiv care report", ukraine, "report", 2024, ["care"], ["social-workers"], ["uk"]),
        ("Kyiv online toolkit", ukraine, "toolkit", 2022, ["online"], ["teachers"], ["uk", "en"]),
        (
            "Belgrade care guideline",
            serbia,
            "guideline",
            2023,
            ["care"],
            ["social-workers"],
            ["sh"],
        ),
        ("Belgrade training", serbia, "training", 2021, ["online", "care"], ["trainers"], ["sh"]),
        ("Regional research", region, "research", 2020, ["care"], ["policymakers"], ["en"]),
        (
            "Regional training",
            region,
            "training",
            2024,
            ["online"],
            ["trainers", "teachers"],
            ["en"],
        ),
    ]
    pages = {}
    for title, index, kind, year, topic_keys, audiences, languages in specs:
        covered = [index.section_country] if index.section_country else ["moldova", "ukraine"]
        pages[title] = PublicationPageFactory(
            parent=index,
            title=title,
            publication_type=kind,
            year=year,
            publisher=publisher,
            extras={
                "topics": [topics[key] for key in topic_keys],
                "audiences": audiences,
                "countries": covered,
                "languages": languages,
            },
        )
    PublicationPageFactory(parent=ukraine, title="Draft report", live=False)
    return {"pages": pages, "topics": topics, "publisher": publisher}
