"""Demo publications for load_demo_data (home.demo.builder drives it through the
registry): a few reports, guidelines and training materials in Ukrainian, BHS and
Romanian, with real small files written in code (PDF, DOCX, ODT), some translated
into English. Fictional: organisations are invented or generic."""

from django.core.files.base import ContentFile
from django.utils import translation
from wagtail.documents import get_document_model
from wagtail.models import Collection

from governance.roles import english_name
from home.demo.builder import SectionDemo
from home.demo.content import TOPICS
from library.choices import AUDIENCES, PUBLICATION_TYPES
from library.factories import PublicationPageFactory
from library.models import (
    Organisation,
    PublicationFile,
    PublicationPage,
    PublicationTopic,
)
from library.samples import simple_docx, simple_odt, simple_pdf
from news.models import Topic
from portal.languages import COUNTRIES

ORGANISATIONS = [
    {
        "key": "ministry-ua",
        "names": {
            "uk": "Міністерство соціальної політики України",
            "en": "Ministry of Social Policy of Ukraine",
        },
        "city": {"uk": "Київ", "en": "Kyiv"},
    },
    {
        "key": "network-rs",
        "names": {"sh": "Mreža za prava deteta", "en": "Child Rights Network"},
        "city": {"sh": "Beograd", "en": "Belgrade"},
    },
    {
        "key": "institute-md",
        "names": {
            "ro": "Institutul pentru Protecția Copilului",
            "en": "Child Protection Institute",
        },
        "city": {"ro": "Chișinău", "en": "Chisinau"},
    },
]

LIBRARY = {
    "ukraine": [
        {
            "slug": "standarty-vedennia-vypadku",
            "title": "Стандарти ведення випадку в громадах",
            "summary": "Як соціальні працівники громад оцінюють потреби дитини і складають план.",
            "abstract": "Посібник описує кроки ведення випадку від першого звернення до закриття.",
            "type": "guideline",
            "year": 2024,
            "month": 3,
            "publisher": "ministry-ua",
            "authors": [("person", "Коваль, Олена"), ("organisation", "Мінсоцполітики")],
            "audiences": ["social-workers"],
            "topics": ["alternative-care"],
            "countries": ["ukraine"],
            "licence": "cc-by-4.0",
            "files": [
                (
                    "docx",
                    "uk",
                    ["Стандарти ведення випадку", "Оцінка потреб дитини та родини."],
                ),
                ("pdf", "en", ["Case management standards", "Assessing the needs of the child."]),
            ],
            "en": {
                "title": "Case management standards in communities",
                "summary": "How community social workers assess a child's needs and make a plan.",
                "abstract": "The guide describes case management from first contact to closure.",
            },
        },
        {
            "slug": "trening-bezpeka-onlain",
            "title": "Тренінг: безпека дітей онлайн",
            "summary": "Матеріали для тренерів: дві сесії про кібербулінг і грумінг.",
            "abstract": "",
            "type": "training",
            "year": 2025,
            "month": None,
            "publisher": "ministry-ua",
            "authors": [("person", "Петренко, Іван")],
            "audiences": ["trainers", "teachers"],
            "topics": ["online-safety"],
            "countries": ["ukraine"],
            "licence": "cc-by-nc-4.0",
            "files": [("odt", "uk", ["Сесія 1: кібербулінг", "Сесія 2: грумінг"])],
        },
        {
            "slug": "zvit-dity-v-rusi",
            "title": "Звіт: діти, які переміщуються",
            "summary": "Огляд послуг для дітей, які були змушені покинути дім.",
            "abstract": "",
            "type": "report",
            "year": 2023,
            "month": 11,
            "publisher": "ministry-ua",
            "authors": [("organisation", "Мінсоцполітики")],
            "audiences": ["policymakers"],
            "topics": ["children-on-the-move"],
            "countries": ["ukraine", "moldova"],
            "licence": "copyright",
            "files": [("pdf", "en", ["Children on the move", "Services for displaced children."])],
        },
    ],
    "serbia": [
        {
            "slug": "prirucnik-za-nastavnike",
            "title": "Priručnik za nastavnike: prepoznavanje nasilja",
            "summary": "Kako nastavnici prepoznaju znake nasilja i kome se obraćaju.",
            "abstract": "Priručnik sadrži kontrolne liste i primere razgovora sa decom.",
            "type": "toolkit",
            "year": 2022,
            "month": 9,
            "publisher": "network-rs",
            "authors": [("person", "Jovanović, Milica")],
            "audiences": ["teachers", "trainers"],
            "topics": ["violence-prevention"],
            "countries": ["serbia", "croatia"],
            "licence": "cc-by-sa-4.0",
            "files": [
                ("pdf", "sh", ["Prirucnik za nastavnike", "Znaci nasilja i kontrolne liste."])
            ],
            "en": {
                "title": "Handbook for teachers: recognising violence",
                "summary": "How teachers recognise signs of violence and whom they turn to.",
                "abstract": "The handbook contains checklists and sample conversations with children.",
            },
        },
    ],
    "moldova": [
        {
            "slug": "ghid-ingrijire-alternativa",
            "title": "Ghid privind îngrijirea alternativă",
            "summary": "Standarde pentru asistența parentală profesionistă.",
            "abstract": "",
            "type": "policy",
            "year": 2021,
            "month": None,
            "publisher": "institute-md",
            "authors": [("person", "Rusu, Ana")],
            "audiences": ["social-workers", "policymakers"],
            "topics": ["alternative-care"],
            "countries": ["moldova"],
            "licence": "cc-by-4.0",
            "files": [
                ("pdf", "ro", ["Ghid privind ingrijirea alternativa", "Asistenta parentala."])
            ],
        },
    ],
}

WRITERS = {"pdf": simple_pdf, "docx": simple_docx, "odt": simple_odt}


class LibraryDemo(SectionDemo):
    translated_fields = ("title", "summary", "abstract")

    def items(self, country_slug, content, key):
        return LIBRARY.get(country_slug, [])

    def build_taxonomies(self, builder):
        # Topics are the shared taxonomy (news builds them; this is idempotent).
        builder.build_terms(Topic, TOPICS)
        for organisation in ORGANISATIONS:
            self.organisation(builder, organisation)

    def organisation(self, builder, spec):
        """An organisation in its own language and every other locale (translations)."""
        source_code = next(code for code in spec["names"] if code != "en")
        source_locale = builder.locales[source_code]
        source, _created = Organisation.objects.get_or_create(
            locale=source_locale,
            name=spec["names"][source_code],
            defaults={"city": spec["city"][source_code]},
        )
        for code, locale in builder.locales.items():
            if locale == source_locale or source.has_translation(locale):
                continue
            copy = source.copy_for_translation(locale)
            copy.name = spec["names"].get(code, spec["names"]["en"])
            copy.city = spec["city"].get(code, spec["city"]["en"])
            copy.save()
        return source

    def document(self, key, kind, language, lines, country):
        Document = get_document_model()
        title = f"{key} ({language}, {kind})"
        existing = Document.objects.filter(title=title).first()
        if existing:
            return existing
        pages = [lines] if kind == "pdf" else lines
        data = WRITERS[kind](pages)
        collection = (
            Collection.get_first_root_node()
            .get_children()
            .filter(name=english_name(country))
            .first()
            or Collection.get_first_root_node()
        )
        document = Document(
            title=title,
            file=ContentFile(data, name=f"{key}-{language}.{kind}"),
            collection=collection,
        )
        document._set_document_file_metadata()
        document.save()
        return document

    def build_item(self, builder, index, item, position, country, editor):
        existing = PublicationPage.objects.child_of(index).filter(slug=item["slug"]).first()
        if existing:
            return existing
        organisation = self.organisation(
            builder, next(o for o in ORGANISATIONS if o["key"] == item["publisher"])
        )
        publisher = organisation.get_translation_or_none(index.locale) or organisation
        page = PublicationPageFactory.build(
            title=item["title"],
            slug=item["slug"],
            summary=item["summary"],
            abstract=item["abstract"],
            publication_type=item["type"],
            year=item["year"],
            month=item["month"],
            publisher=publisher,
            licence=item["licence"],
            owner=editor,
            locale=index.locale,
        )
        page.set_authors(item["authors"])
        topics = Topic.objects.filter(locale=index.locale, slug__in=item["topics"])
        page.topic_links = [PublicationTopic(topic=topic) for topic in topics]
        page.set_audiences(item["audiences"])
        page.set_countries_covered(item["countries"])
        page.files = [
            PublicationFile(
                document=self.document(item["slug"], kind, language, lines, country),
                language=language,
            )
            for kind, language, lines in item["files"]
        ]
        if item["type"] == "training":
            page.webinar = self.past_webinar(index.locale)
        index.add_child(instance=page)
        return builder.publish_backdated(page, editor, 20 + position * 15)

    def past_webinar(self, locale):
        """The newest past webinar with a recording in this language, where the events
        section is installed (built before the library: its order is lower)."""
        from django.apps import apps
        from django.utils import timezone

        if not apps.is_installed("events"):
            return None
        event_model = apps.get_model("events", "EventPage")
        return (
            event_model.objects.live()
            .filter(locale=locale, end__lt=timezone.now())
            .exclude(recording_url="")
            .order_by("-start")
            .first()
        )

    def scale_item(self, scale, locale, country, number):
        """A publication for the scale data (home.scale): type, topics, audiences,
        countries covered, a publisher and one file in the page's language."""
        code = locale.language_code
        place = scale.country(country)
        kind, label = scale.rng.choice(PUBLICATION_TYPES)
        topics = scale.some(scale.terms(Topic, locale))
        year = scale.rng.randint(2005, scale.now.year)
        with translation.override(code):
            type_label = str(label)
        topic = topics[0].name if topics else type_label
        name = scale.country_name(locale, place)
        page = PublicationPage(
            title=f"{topic}: {type_label.lower()}, {name} {year} ({number})",
            slug=scale.slug(f"{topic} {type_label} {year}"),
            locale=locale,
            summary=f"{type_label} ({year}) · {topic} · {name}. Child protection.",
            year=year,
            month=scale.rng.choice([None, *range(1, 13)]),
            publication_type=kind,
            publisher=scale.shared(("publisher", code), lambda: scale_publisher(locale)),
            licence=scale.rng.choice(["cc-by-4.0", "cc-by-nc-4.0", "copyright", ""]),
            lead_image=scale.image(),
        )
        page.set_authors([("person", f"Koval, Olena {number}")])
        page.topic_links = [PublicationTopic(topic=term, locale=locale) for term in topics]
        page.set_audiences([value for value, _label in scale.some(AUDIENCES, 1, 3)])
        covered = [place.slug] if country else [c.slug for c in scale.some(COUNTRIES, 1, 3)]
        page.set_countries_covered(covered)
        page.set_document_languages([code])
        document = scale.shared(("document", code), lambda: scale_document(code))
        page.files = [PublicationFile(document=document, language=code)]
        return page


def scale_publisher(locale):
    return Organisation.objects.get_or_create(locale=locale, name="Child Rights Centre")[0]


def scale_document(code):
    """One small PDF per language that every generated publication links to."""
    Document = get_document_model()
    title = f"Scale sample ({code})"
    document = Document.objects.filter(title=title).first()
    if document is None:
        data = simple_pdf([["Scale sample publication", f"Language: {code}"]])
        document = Document(title=title, file=ContentFile(data, name=f"scale-{code}.pdf"))
        document._set_document_file_metadata()
        document.save()
    return document
