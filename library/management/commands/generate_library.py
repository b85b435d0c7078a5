"""Thousands of believable publications for benchmarks (`make bench`) and for
trying the facets: spread over the ten languages, the country sections and the
region-wide library, every type, audience, topic and a range of years, each with a
file. Deterministic for a given --seed. Not for production data."""

import random
import time

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.test.utils import override_settings
from django.utils import timezone, translation
from wagtail.documents import get_document_model
from wagtail.models import Locale
from wagtail.search.backends import get_search_backend

from home.demo.builder import DemoBuilder
from home.demo.content import TOPICS
from home.factories import ascii_slug
from home.models import CountryPage, HomePage
from library.choices import AUDIENCES, PUBLICATION_TYPES
from library.models import (
    LibraryIndexPage,
    Organisation,
    PublicationFile,
    PublicationPage,
    PublicationTopic,
)
from library.samples import simple_pdf
from news.models import Topic
from portal.languages import COUNTRIES

FAMILY_NAMES = [
    "Koval",
    "Petrenko",
    "Jovanović",
    "Popescu",
    "Horváth",
    "Dimitrova",
    "Hoxha",
    "Papadopoulou",
    "Martin",
    "Ivanova",
]
GIVEN_NAMES = [
    "Olena",
    "Ivan",
    "Milica",
    "Ana",
    "Zsófia",
    "Maria",
    "Arben",
    "Eleni",
    "Claire",
    "Nikola",
]
PUBLISHERS = [
    "Child Rights Centre",
    "National Social Work Institute",
    "Regional Child Protection Network",
    "Family Support Foundation",
    "University Press",
]


DROP_TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}


class Command(BaseCommand):
    help = "Generate believable demo publications (default 2,500) for benchmarks."

    def add_arguments(self, parser):
        parser.add_argument("--count", type=int, default=2500)
        parser.add_argument("--seed", type=int, default=13)
        parser.add_argument("--allow-production", action="store_true")

    def handle(self, *args, count, seed, allow_production=False, **options):
        if not settings.DEBUG and not allow_production:
            raise CommandError(
                "Refusing to generate demo data with DEBUG off; pass --allow-production if you mean it."
            )
        if not HomePage.objects.exists():
            raise CommandError(
                "Build the site first: manage.py build_site_tree (or load_demo_data)."
            )
        started = time.monotonic()
        rng = random.Random(seed)  # noqa: S311 - demo data, not secrets
        locales = {locale.language_code: locale for locale in Locale.objects.all()}
        builder = DemoBuilder()
        builder.locales = locales
        builder.build_terms(Topic, TOPICS)
        context = self.prepare(locales)
        created = 0
        # Numbers continue after what exists, so a second run adds, never clashes.
        first = PublicationPage.objects.count()
        search_backend = get_search_backend()
        while created < count:
            batch = min(250, count - created)
            # Wagtail indexes each page and its references in a task per save; with
            # thousands of pages that is most of the time. Those tasks are dropped
            # here and the batch is indexed for search in one call instead (the
            # reference index, which only feeds the admin's usage counts, is left
            # to `manage.py rebuild_references_index`).
            with override_settings(TASKS=DROP_TASKS), transaction.atomic():
                pages = [
                    self.make(rng, first + number, context)
                    for number in range(created, created + batch)
                ]
                search_backend.add_bulk(PublicationPage, pages)
            created += batch
            self.stdout.write(f"{created} publications…")
        self.stdout.write(
            f"Generated {created} publications in {time.monotonic() - started:.0f} s."
        )

    def prepare(self, locales):
        indexes = {}
        for code, locale in locales.items():
            home = HomePage.objects.get(locale=locale)
            indexes[(code, "")] = LibraryIndexPage.objects.child_of(home).get()
            for country_page in CountryPage.objects.filter(locale=locale):
                indexes[(code, country_page.country)] = LibraryIndexPage.objects.child_of(
                    country_page
                ).get()
        topics = {
            code: list(Topic.objects.filter(locale=locale)) for code, locale in locales.items()
        }
        publishers = {
            code: [
                Organisation.objects.get_or_create(locale=locale, name=name)[0]
                for name in PUBLISHERS
            ]
            for code, locale in locales.items()
        }
        Document = get_document_model()
        documents = {}
        for code in locales:
            title = f"Generated sample ({code})"
            document = Document.objects.filter(title=title).first()
            if document is None:
                data = simple_pdf(
                    [
                        [
                            "Generated sample publication",
                            f"Language: {code}",
                            "child protection safeguarding",
                        ]
                    ]
                )
                document = Document(
                    title=title, file=ContentFile(data, name=f"generated-{code}.pdf")
                )
                document._set_document_file_metadata()
                document.save()
            documents[code] = document
        return {
            "indexes": indexes,
            "topics": topics,
            "publishers": publishers,
            "documents": documents,
            "locales": locales,
        }

    def make(self, rng, number, context):
        code = rng.choice(list(context["locales"]))
        country = "" if rng.random() < 0.15 else rng.choice(COUNTRIES).slug
        index = context["indexes"][(code, country)]
        kind, _label = rng.choice(PUBLICATION_TYPES)
        topics = rng.sample(
            context["topics"][code], k=min(len(context["topics"][code]), rng.randint(1, 2))
        )
        year = rng.randint(2005, timezone.now().year)
        covered = (
            [country] if country else rng.sample([c.slug for c in COUNTRIES], k=rng.randint(1, 3))
        )
        with translation.override(code):
            type_label = str(dict(PUBLICATION_TYPES)[kind])
            place = str(next(c.name for c in COUNTRIES if c.slug == covered[0]))
        topic_name = topics[0].name if topics else type_label
        title = f"{topic_name}: {type_label.lower()}, {place} {year}"
        page = PublicationPage(
            title=title,
            slug=f"{ascii_slug(title)[:180]}-{number}",
            locale=context["locales"][code],
            summary=f"{type_label} ({year}) · {topic_name} · {place}.",
            year=year,
            month=rng.choice([None, *range(1, 13)]),
            publication_type=kind,
            publisher=rng.choice(context["publishers"][code]),
            licence=rng.choice(["cc-by-4.0", "cc-by-nc-4.0", "copyright", ""]),
            live=True,
            has_unpublished_changes=False,
            first_published_at=timezone.now(),
            last_published_at=timezone.now(),
        )
        page.set_authors(
            [
                ("person", f"{rng.choice(FAMILY_NAMES)}, {rng.choice(GIVEN_NAMES)}")
                for _ in range(rng.randint(1, 3))
            ]
        )
        page.topic_links = [PublicationTopic(topic=topic) for topic in topics]
        page.set_audiences([value for value, _label in rng.sample(AUDIENCES, k=rng.randint(1, 3))])
        page.set_countries_covered(covered)
        page.files = [PublicationFile(document=context["documents"][code], language=code)]
        index.add_child(instance=page)
        return page
