"""Scale data for benchmarks (`manage.py generate_scale_data --items N`, `make bench`).

Tens of thousands of live items through the page tree, spread over the ten
languages, the ten country sections plus the region-wide indexes and every
registered section type, with topics and a small pool of images. A quarter of the
items also exist in a second language (same translation key and slug), so the
translation status report has something to count.

Saving pages one by one through treebeard and Wagtail costs tens of milliseconds
each; here the tree paths are computed directly and rows are inserted in bulk:
``wagtailcore_page`` through ``Page.objects.bulk_create`` (which returns the ids),
then the specific table with the model's local fields, then every child row the
section put on the page (topic links, languages, files…). No revisions are
written: a live page needs none. Each section supplies its items through
``SectionDemo.scale_item`` (home.demo.builder); this module imports no section."""

import datetime
import io
import random

from django.core.files.images import ImageFile
from django.db import connection, transaction
from django.db.models import F, Max
from django.db.models.functions import Left, Length
from django.utils import timezone, translation
from modelcluster.models import get_all_child_relations
from wagtail.images import get_image_model
from wagtail.models import Locale, Page
from wagtail.search.backends import get_search_backend

from home.factories import ascii_slug
from home.models import CountryPage, HomePage
from home.sections import all_sections
from portal.languages import COUNTRIES, COUNTRIES_BY_SLUG

# Page rows per INSERT (PostgreSQL takes at most 65,535 parameters per statement).
BATCH = 1000
# Share of items that also get a version in a second language.
TRANSLATED_SHARE = 0.25
# Share of items in the region-wide indexes rather than a country section.
REGION_WIDE_SHARE = 0.1
IMAGE_POOL = 8


class ScaleContext:
    """What a section's ``scale_item`` may use: a seeded random generator, the
    locales, a pool of images, the taxonomy terms of a locale and a clock."""

    def __init__(self, seed):
        self.rng = random.Random(seed)  # noqa: S311 - benchmark data, not secrets
        self.locales = {locale.language_code: locale for locale in Locale.objects.all()}
        self.now = timezone.now()
        self.images = image_pool()
        self._terms = {}
        self._shared = {}

    def terms(self, model, locale):
        key = (model, locale.pk)
        if key not in self._terms:
            self._terms[key] = list(model.objects.filter(locale=locale))
        return self._terms[key]

    def image(self):
        return self.rng.choice(self.images) if self.rng.random() < 0.6 else None

    def some(self, values, low=1, high=2):
        values = list(values)
        return self.rng.sample(values, k=min(len(values), self.rng.randint(low, high)))

    def country(self, slug):
        """The country of an item: its section's, or any for a region-wide item."""
        return COUNTRIES_BY_SLUG[slug] if slug else self.rng.choice(COUNTRIES)

    def country_name(self, locale, country):
        with translation.override(locale.language_code):
            return str(country.name)

    def shared(self, key, make):
        """A value made once per run (a document per language, a publisher…)."""
        if key not in self._shared:
            self._shared[key] = make()
        return self._shared[key]

    def slug(self, text):
        return ascii_slug(text)[:60]


def image_pool():
    """A few small images every generated item draws from (renditions are shared)."""
    from PIL import Image as PILImage

    Image = get_image_model()
    existing = list(Image.objects.filter(title__startswith="Scale sample")[:IMAGE_POOL])
    colours = [
        "#1f6f8b",
        "#99a8b2",
        "#e6d5b8",
        "#8d6e63",
        "#2e7d32",
        "#c62828",
        "#6a1b9a",
        "#f9a825",
    ]
    for number in range(len(existing), IMAGE_POOL):
        buffer = io.BytesIO()
        PILImage.new("RGB", (1200, 675), colours[number]).save(buffer, "PNG")
        image = Image(title=f"Scale sample {number + 1}")
        image.file = ImageFile(buffer, name=f"scale-sample-{number + 1}.png")
        image.save()
        existing.append(image)
    return existing


class TreeCursor:
    """Hands out the next free treebeard path below each index page."""

    def __init__(self, parents):
        # The last child of every parent, in one query.
        last = dict(
            Page.objects.filter(depth__in={parent.depth + 1 for parent in parents})
            .annotate(parent_path=Left("path", Length("path") - Page.steplen))
            .filter(parent_path__in=[parent.path for parent in parents])
            .values("parent_path")
            .annotate(last=Max("path"))
            .values_list("parent_path", "last")
        )
        self.next_step = {
            parent.pk: Page._str2int(last[parent.path][-Page.steplen :]) + 1
            if parent.path in last
            else 1
            for parent in parents
        }
        self.added = {}

    def path_for(self, parent):
        step = self.next_step[parent.pk]
        self.next_step[parent.pk] = step + 1
        self.added[parent.pk] = self.added.get(parent.pk, 0) + 1
        return Page._get_path(parent.path, parent.depth + 1, step)


def section_indexes(section, locales):
    """{(language code, country slug or ""): index page} for one section."""
    places = {home.path: (home.locale_id, "") for home in HomePage.objects.all()}
    for country_page in CountryPage.objects.all():
        places[country_page.path] = (country_page.locale_id, country_page.country)
    codes = {locale.pk: code for code, locale in locales.items()}
    indexes = {}
    for index in section.index_model.objects.filter(depth__in=(3, 4)):
        place = places.get(index.path[: -Page.steplen])
        if place is not None and place[0] in codes:
            indexes[(codes[place[0]], place[1])] = index
    return indexes


def place(page, parent, cursor, slug, moment):
    """Fill in what Page.save and treebeard would: path, depth, url_path, titles, status."""
    page.slug = slug
    page.path = cursor.path_for(parent)
    page.depth = parent.depth + 1
    page.numchild = 0
    page.url_path = f"{parent.url_path}{slug}/"
    page.locale_id = parent.locale_id
    page.draft_title = page.title
    page.live = True
    page.has_unpublished_changes = False
    page.first_published_at = page.last_published_at = moment
    if getattr(page, "lead_image_id", None) and not page.lead_image_alt:
        # A generated image says nothing: described as such, as the form requires.
        page.lead_image_alt = page.title
    if hasattr(page, "country"):
        page.country = parent._scale_country
    return page


def insert_pages(model, pages):
    """Insert the page rows, the specific rows and the child rows of `pages`."""
    for start in range(0, len(pages), BATCH):
        chunk = pages[start : start + BATCH]
        # The base rows: bulk_create on Page (not multi-table) returns the ids.
        Page.objects.bulk_create(chunk)
        for page in chunk:
            page.page_ptr_id = page.id
        # The specific rows: every concrete model between Page and `model`.
        for parent_model in [*reversed(model._meta.get_parent_list()), model]:
            if parent_model is Page or parent_model._meta.abstract:
                continue
            fields = parent_model._meta.local_concrete_fields
            parent_model._base_manager._insert(chunk, fields=fields)
        insert_children(model, chunk)


def insert_children(model, pages):
    """Child rows assigned in memory (``page.topic_links = [...]``), in bulk."""
    for relation in get_all_child_relations(model):
        name = relation.get_accessor_name()
        rows = []
        for page in pages:
            pending = getattr(page, "_cluster_related_objects", {}).get(name)
            for position, child in enumerate(pending or []):
                setattr(child, relation.field.attname, page.pk)
                if hasattr(child, "sort_order") and child.sort_order is None:
                    child.sort_order = position
                if hasattr(child, "locale_id") and child.locale_id is None:
                    child.locale_id = page.locale_id
                rows.append(child)
        if rows:
            relation.related_model.objects.bulk_create(rows, batch_size=BATCH)


def generate(items, seed=12, stdout=None, only=None):
    """Add `items` live item pages (about TRANSLATED_SHARE of them translations of
    another), of the sections whose keys are in `only` (all by default). Returns
    {section key: pages added}."""
    context = ScaleContext(seed)
    rng = context.rng
    sections = [s for s in all_sections() if s.demo is not None and s.demo.scales]
    if only:
        sections = [s for s in sections if s.key in only]
    if not sections:
        return {}
    codes = sorted(context.locales)
    countries = [c.slug for c in COUNTRIES]
    indexes = {section.key: section_indexes(section, context.locales) for section in sections}
    for by_place in indexes.values():
        for (_code, country), index in by_place.items():
            index._scale_country = country
    cursor = TreeCursor([index for by_place in indexes.values() for index in by_place.values()])
    # Numbers continue after what exists, so a second run adds and never clashes.
    first = Page.objects.count()
    pending = {section.key: [] for section in sections}
    made = {section.key: 0 for section in sections}
    number = 0
    with transaction.atomic():
        while number < items:
            section = sections[number % len(sections)]
            code = rng.choice(codes)
            country = "" if rng.random() < REGION_WIDE_SHARE else rng.choice(countries)
            days_ago = rng.randint(0, 3 * 365)
            moment = context.now - datetime.timedelta(days=days_ago, minutes=rng.randint(0, 1440))
            serial = first + number
            page = section.demo.scale_item(context, context.locales[code], country, serial)
            slug = f"{page.slug or 'item'}-{serial}"
            parent = indexes[section.key][(code, country)]
            pending[section.key].append(place(page, parent, cursor, slug, moment))
            number += 1
            if number < items and rng.random() < TRANSLATED_SHARE:
                other = rng.choice([c for c in codes if c != code])
                copy = section.demo.scale_item(context, context.locales[other], country, serial)
                copy.translation_key = page.translation_key
                parent = indexes[section.key][(other, country)]
                pending[section.key].append(place(copy, parent, cursor, slug, moment))
                number += 1
            if number % 5000 == 0 or number == items:
                for key, pages in pending.items():
                    if pages:
                        insert_pages(pages[0].__class__, pages)
                        if connection.vendor != "postgresql":
                            # Elsewhere Wagtail's own index serves site search; on
                            # PostgreSQL the caller rebuilds the stored vectors.
                            get_search_backend().add_bulk(pages[0].__class__, pages)
                        made[key] += len(pages)
                        pending[key] = []
                if stdout is not None:
                    stdout.write(f"{number} items…")
        for parent_id, added in cursor.added.items():
            Page.objects.filter(pk=parent_id).update(numchild=F("numchild") + added)
    with connection.cursor() as db:
        if connection.vendor == "postgresql":
            db.execute("ANALYZE")
    return made
