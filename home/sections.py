"""The registry of section content types: news, events, vacancies, experts, and
whatever section comes next.

Each content app declares its type once, from its own ``AppConfig.ready()``, the way
Wagtail fills its hooks::

    from home.sections import Section, register

    register(Section(key="news", item_model=NewsPage, index_model=NewsIndexPage, ...))

Everything that needs "every section type" reads it: the home and country pages,
the page-tree builder, the translation status report, search and its type filter,
the sitemap, the API's ``type`` filter and the demo data. ``home`` itself imports no
content app: a new section is one new folder that calls ``register``."""

from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ImproperlyConfigured
from django.db.models import CharField, Exists, F, OuterRef
from django.db.models.functions import Cast
from wagtail.models import PageViewRestriction


@dataclass(frozen=True)
class FixedPage:
    """A page that exists once in every locale below a section's region-wide index
    (the library's /<lang>/library/trainers/): the tree builder creates it, and
    translates it into every locale, as it does the indexes."""

    model: type
    slug: str
    # A lazy translation, resolved in the language of each locale tree.
    title: Any


@dataclass(frozen=True)
class Section:
    # The type's slug in search (?type=), the translation status report and the
    # demo data; also the URL segment of its indexes (/<lang>/news/).
    key: str
    # The item page type and the index page type that lists it.
    item_model: type
    index_model: type
    # The index's title in every locale tree and the section's name in menus and
    # filters: a lazy translation, resolved in the language being built or read.
    menu_label: Any
    # The listing card: a template included with ``item`` for each item.
    card_template: str
    # Heading and empty-state text of the section's block on home and country pages.
    home_heading: Any
    home_empty: Any
    # Name of a classmethod on ``item_model`` that takes a queryset of live, public
    # items and returns what a home block shows of them: filtered, ordered, optimised.
    home_queryset: str
    home_limit: int = 3
    # Whether the block also appears on country pages (the directory of experts is
    # region-wide on the home page only).
    on_country_page: bool = True
    # The RSS feed class of the index (a django.contrib.syndication Feed taking
    # ``index_page``), or None.
    feed: type | None = None
    # True when the index advertises an iCalendar feed (``feed.ics``) instead of RSS.
    calendar: bool = False
    # Text fields searched besides title, summary and search description.
    search_fields: tuple = ()
    # Position in menus, home blocks and the tree builder.
    order: int = 100
    # The app's demo content builder (see home.demo.builder.SectionDemo), or None.
    demo: Any = None
    # Pages the tree builder keeps below the region-wide index (FixedPage).
    fixed_pages: tuple = ()
    # Anything an app wants to say about itself that others may read.
    extra: dict = field(default_factory=dict)

    @property
    def item_label(self):
        return self.item_model._meta.label

    @property
    def index_label(self):
        return self.index_model._meta.label

    def home_items(self, section_page):
        """What the section's block on a home or country page shows: the page's own
        language first; when it has fewer than ``home_limit``, the latest items in
        other languages fill up (one version of each, none that exists in this
        language), so that no reader meets an empty block. Those carry their own
        ``locale``, which the cards mark."""
        select = getattr(self.item_model, self.home_queryset)
        live = public(self.item_model.objects.live())
        items = list(select(live.descendant_of(section_page))[: self.home_limit])
        missing = self.home_limit - len(items)
        if missing <= 0:
            return items
        others = untranslated_elsewhere(
            self.item_model, section_page.locale_id, getattr(section_page, "country", "")
        )
        return items + one_version_each(select(others), missing)


def public(queryset):
    """Wagtail's ``PageQuerySet.public()`` as one subquery of the listing's own query:
    no view restriction on the page or any of its ancestors. Wagtail's version reads
    every restriction first, one more query each time a listing is built (five on the
    home page)."""
    restricted = PageViewRestriction.objects.annotate(
        item_path=Cast(OuterRef("path"), CharField())
    ).filter(item_path__startswith=F("page__path"))
    return queryset.exclude(Exists(restricted))


def untranslated_elsewhere(item_model, locale_id, country=""):
    """Live, public items in other languages that have no version in this one, of
    one country or (with no country) of the whole region."""
    others = (
        public(item_model.objects.live())
        .exclude(locale_id=locale_id)
        .exclude(
            Exists(
                item_model.objects.filter(
                    translation_key=OuterRef("translation_key"), locale_id=locale_id
                )
            )
        )
    )
    return others.filter(country=country) if country else others


def one_version_each(queryset, count):
    """The first `count` items of an ordered queryset, one version per translation
    key (an item may exist in several other languages). Reads a few spare rows."""
    items, seen = [], set()
    for item in queryset[: count * 4]:
        if item.translation_key not in seen:
            seen.add(item.translation_key)
            items.append(item)
            if len(items) == count:
                break
    return items


_registry: dict[str, Section] = {}


def register(section):
    """Called by a content app's ``ready()``. Registering the same key twice with
    another model is a configuration error, not something to resolve silently."""
    existing = _registry.get(section.key)
    if existing is not None and existing.item_model is not section.item_model:
        raise ImproperlyConfigured(
            f"Section {section.key!r} is registered by {existing.item_label} "
            f"and {section.item_label}."
        )
    _registry[section.key] = section
    return section


def unregister(key):
    _registry.pop(key, None)


def all_sections():
    """Every registered section, in menu order."""
    return sorted(_registry.values(), key=lambda s: (s.order, s.key))


def get_section(key):
    return _registry.get(key)


def section_for_model(model):
    """The section whose item or index page type is ``model`` (a class or an instance)."""
    cls = model if isinstance(model, type) else type(model)
    for section in _registry.values():
        if issubclass(cls, section.item_model) or issubclass(cls, section.index_model):
            return section
    return None


def item_models():
    return [section.item_model for section in all_sections()]


def index_models():
    return [section.index_model for section in all_sections()]
