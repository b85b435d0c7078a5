"""Builds the fixed part of the portal: the ten locales and, in every locale, the
home page, one region-wide index per registered section (home.sections) and the ten
country sections with theirs.

Every function is idempotent: it finds what exists and adds only what is missing,
so rerunning after a country or a language is added to settings covers it."""

from django.conf import settings
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext
from wagtail.models import Locale, Page, Site

from home.models import CountryPage, HomePage
from home.sections import all_sections
from portal.languages import COUNTRIES


def index_specs():
    """(index model, its slug, its title in the active language) per registered section."""
    return [
        (section.index_model, section.key, str(section.menu_label)) for section in all_sections()
    ]


def ensure_locales():
    return {
        code: Locale.objects.get_or_create(language_code=code)[0]
        for code, _name in settings.LANGUAGES
    }


def _publish(page):
    page.save_revision().publish()
    return page


def _ensure_child(parent, model, slug, title, **fields):
    existing = model.objects.child_of(parent).filter(slug=slug).first()
    if existing:
        return existing
    page = model(title=title, slug=slug, locale=parent.locale, **fields)
    parent.add_child(instance=page)
    return _publish(page)


def _ensure_home(locale):
    home = HomePage.objects.filter(locale=locale).first()
    if home:
        return home
    root = Page.get_first_root_node()
    with translation.override(locale.language_code):
        home = HomePage(
            title=gettext("Child Protection Hub"),
            slug="home",
            locale=locale,
            intro=gettext(
                "News, events, vacancies and experts for people who protect children "
                "in South-East Europe and Ukraine."
            ),
        )
    root.add_child(instance=home)
    return _publish(home)


def _translate(source, locale, **fields):
    """The translation of a structural page into `locale`, created as a copy when missing."""
    existing = source.get_translation_or_none(locale)
    if existing:
        return existing.specific
    copy = source.copy_for_translation(locale)
    for name, value in fields.items():
        setattr(copy, name, value)
    return _publish(copy)


@transaction.atomic
def build_page_tree():
    """Returns {language_code: HomePage}."""
    locales = ensure_locales()
    default_locale = locales[settings.LANGUAGE_CODE]

    _remove_wagtail_welcome_page()
    source_home = _ensure_home(default_locale)
    _point_site_at(source_home)

    with translation.override(settings.LANGUAGE_CODE):
        source_indexes = [
            _ensure_child(source_home, model, slug, title) for model, slug, title in index_specs()
        ]
        source_countries = []
        for country in COUNTRIES:
            country_page = _ensure_child(
                source_home, CountryPage, country.slug, str(country.name), country=country.slug
            )
            country_indexes = [
                _ensure_child(country_page, model, slug, title)
                for model, slug, title in index_specs()
            ]
            source_countries.append((country, country_page, country_indexes))

    homes = {settings.LANGUAGE_CODE: source_home}
    for code, locale in locales.items():
        if locale == default_locale:
            continue
        with translation.override(code):
            homes[code] = _translate(
                source_home,
                locale,
                title=gettext("Child Protection Hub"),
                intro=gettext(
                    "News, events, vacancies and experts for people who protect children "
                    "in South-East Europe and Ukraine."
                ),
            )
            titles = [title for _model, _slug, title in index_specs()]
            for title, index in zip(titles, source_indexes, strict=True):
                _translate(index, locale, title=title)
            for country, country_page, country_indexes in source_countries:
                _translate(country_page, locale, title=str(country.name))
                for title, index in zip(titles, country_indexes, strict=True):
                    _translate(index, locale, title=title)
    build_standard_pages(homes)
    return homes


def build_standard_pages(homes):
    """About, Contact and Privacy under every home page, with their first text in each
    language (home/standard_pages.py). Existing pages are left as editors made them."""
    from wagtail.rich_text import RichText

    from home.models import StandardPage
    from home.standard_pages import STANDARD_PAGES

    def paragraphs(texts):
        return [("paragraph", RichText(f"<p>{text}</p>")) for text in texts]

    source_home = homes[settings.LANGUAGE_CODE]
    for slug, texts in STANDARD_PAGES.items():
        title, intro, body = texts[settings.LANGUAGE_CODE]
        source = _ensure_child(
            source_home, StandardPage, slug, title, intro=intro, body=paragraphs(body)
        )
        for code, home in homes.items():
            if code == settings.LANGUAGE_CODE or code not in texts:
                continue
            title, intro, body = texts[code]
            _translate(source, home.locale, title=title, intro=intro, body=paragraphs(body))


def _remove_wagtail_welcome_page():
    """Wagtail's first migration creates a placeholder "Welcome" page (and a site on
    it); the portal's home replaces both."""
    placeholder = Page.objects.filter(
        depth=2, content_type__app_label="wagtailcore", content_type__model="page"
    ).first()
    if placeholder is not None:
        placeholder.delete()


def _point_site_at(home):
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        Site.objects.create(
            hostname=settings.PORTAL_SITE_HOSTNAME,
            port=settings.PORTAL_SITE_PORT,
            root_page=home,
            is_default_site=True,
            site_name="ChildHub",
        )
    elif site.root_page_id != home.pk:
        site.root_page = home
        site.site_name = "ChildHub"
        site.save()
