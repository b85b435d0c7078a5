"""Builds believable demo content from home/demo/content.py using the app factories.

Idempotent: every object is looked up by a natural key (slug and locale) before it is
created, so a second run changes no row counts."""

import datetime
from io import StringIO

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.db import transaction
from django.utils import timezone, translation
from wagtail.models import Locale, Page
from wagtail_localize.models import StringTranslation, Translation
from wagtail_localize.operations import TranslationCreator

from home.demo.content import COUNTRIES as COUNTRY_CONTENT
from home.demo.content import ENGLISH_NAMES
from home.factories import publish
from home.models import CountryPage
from home.sections import all_sections
from home.site_tree import build_page_tree
from portal.languages import COUNTRIES_BY_SLUG

DEMO_PASSWORD = "childhub-demo"  # noqa: S105 - documented demo accounts, development only

DEMO_USERS = [
    # username, first name, last name, is_superuser, groups
    ("admin", "Ana", "Admin", True, []),
    ("regional.editor", "Rina", "Regional", False, ["Regional editors"]),
    ("ukraine.editor", "Oksana", "Editor", False, ["Ukraine editors"]),
    ("ukraine.moderator", "Taras", "Moderator", False, ["Ukraine moderators"]),
    ("serbia.editor", "Milica", "Editor", False, ["Serbia editors"]),
    ("serbia.moderator", "Nikola", "Moderator", False, ["Serbia moderators"]),
    ("translator.ru", "Irina", "Translator", False, ["Translators (ru)"]),
    ("translator.en", "Emma", "Translator", False, ["Translators (en)"]),
    ("expert", "Olena", "Expert", False, ["Experts"]),
]


def local_moment(days_from_today, clock_time, zone):
    """An aware datetime: `clock_time` ("HH:MM") in `zone`, that many days from today."""
    hour, minute = (int(part) for part in clock_time.split(":"))
    day = timezone.localdate() + datetime.timedelta(days=days_from_today)
    return datetime.datetime(day.year, day.month, day.day, hour, minute, tzinfo=zone)


class SectionDemo:
    """What a content app contributes to the demo: registered as ``Section.demo``.
    The items come from home/demo/content.py under the section's key, per country."""

    # Fields whose source strings the English demo translation maps.
    translated_fields = ("title", "summary")

    def items(self, country_slug, content, key):
        """The items to build in this country: by default home/demo/content.py's
        entries under the section's key; an app may keep its own."""
        return content.get(key, [])

    def build_taxonomies(self, builder):
        """Create the section's terms in every locale (builder.build_terms helps)."""

    def build_item(self, builder, index, item, position, country, editor):
        """Create (or find) and publish one item under `index`; return the page."""
        raise NotImplementedError

    # Scale data (home.scale, `manage.py generate_scale_data`) -------------------------
    @property
    def scales(self):
        """Whether the section takes part in the scale data: it overrides scale_item."""
        return type(self).scale_item is not SectionDemo.scale_item

    def scale_item(self, scale, locale, country, number):
        """An unsaved item page in `locale` for `country` ("" for region-wide), with
        its field values and child rows assigned in memory (``page.topic_links =
        [...]``) and a base ``slug``; home.scale places it in the tree and inserts it
        in bulk. `scale` is a home.scale.ScaleContext (random generator, images,
        terms)."""
        raise NotImplementedError


class DemoBuilder:
    def __init__(self, stdout=None):
        self.stdout = stdout
        self.locales = {}

    def log(self, message):
        if self.stdout is not None:
            self.stdout.write(message)

    @transaction.atomic
    def run(self):
        self.log("Building the page tree in every language…")
        self.homes = build_page_tree()
        self.locales = {locale.language_code: locale for locale in Locale.objects.all()}
        sections = [section for section in all_sections() if section.demo is not None]
        self.log("Taxonomies in every language…")
        for section in sections:
            section.demo.build_taxonomies(self)
        self.log("Groups, collections and review workflows…")
        # The roles belong to the governance app; its command builds them.
        call_command("setup_groups", stdout=StringIO())
        self.users = self.build_users()
        total = len(COUNTRY_CONTENT)
        names = ", ".join(str(section.menu_label) for section in sections)
        for position, (country_slug, content) in enumerate(COUNTRY_CONTENT.items(), start=1):
            self.log(f"[{position}/{total}] {COUNTRIES_BY_SLUG[country_slug].name}: {names}…")
            self.build_country(country_slug, content, sections)
        self.log("Demo content ready.")

    # Taxonomies -------------------------------------------------------------------
    def build_terms(self, model, terms):
        """A translatable taxonomy (topics, areas of expertise) in every locale."""
        source_locale = self.locales[settings.LANGUAGE_CODE]
        for term in terms:
            source, _created = model.objects.get_or_create(
                locale=source_locale, slug=term["slug"], defaults={"name": term["names"]["en"]}
            )
            for code, locale in self.locales.items():
                if locale == source_locale or source.has_translation(locale):
                    continue
                translated = source.copy_for_translation(locale)
                translated.name = term["names"].get(code, source.name)
                translated.save()

    # Accounts ------------------------------------------------------------------------
    def build_users(self):
        User = get_user_model()
        users = {}
        for username, first, last, is_superuser, groups in DEMO_USERS:
            user, created = User.objects.get_or_create(
                username=username,
                defaults={
                    "first_name": first,
                    "last_name": last,
                    "email": f"{username}@example.org",
                    "is_superuser": is_superuser,
                    "is_staff": is_superuser,
                },
            )
            if created:
                user.set_password(DEMO_PASSWORD)
                user.save()
            for name in groups:
                user.groups.add(Group.objects.get(name=name))
            users[username] = user
        return users

    # Content -------------------------------------------------------------------------
    def build_country(self, country_slug, content, sections):
        country = COUNTRIES_BY_SLUG[country_slug]
        locale = self.locales[country.language]
        country_page = CountryPage.objects.get(country=country_slug, locale=locale)
        editor = self.users["ukraine.editor"] if country_slug == "ukraine" else self.users["admin"]
        with translation.override(country.language):
            for section in sections:
                index = section.index_model.objects.child_of(country_page).get()
                items = section.demo.items(country_slug, content, section.key)
                for position, item in enumerate(items):
                    page = section.demo.build_item(self, index, item, position, country, editor)
                    self.translate(page, item.get("en"), section.demo.translated_fields, item)

    def publish_backdated(self, page, user, days_ago):
        # The editor wrote it; a coordinator (here the admin account) published it.
        publish(page, user=user, publisher=self.users["admin"])
        moment = timezone.now() - datetime.timedelta(days=days_ago)
        Page.objects.filter(pk=page.pk).update(first_published_at=moment, last_published_at=moment)
        page.refresh_from_db()
        return page

    # Translation ---------------------------------------------------------------------
    def translate(self, page, english, fields, original):
        """Translate `page` into English through wagtail-localize, as a translator
        would, using the English text in the content file."""
        if not english:
            return
        english_locale = self.locales["en"]
        if page.get_translation_or_none(english_locale) is not None:
            return
        mapping = {}
        for field in fields:
            source_value, target_value = original.get(field), english.get(field)
            if source_value is None or target_value is None:
                continue
            if isinstance(source_value, list):
                mapping.update(zip(source_value, target_value, strict=False))
            else:
                mapping[source_value] = target_value
        # Names of people, organisations, cities and venues, as a translator writes
        # them in English (transliterated, or translated where descriptive).
        for key in ("name", "organisation", "organiser", "city", "venue"):
            value = original.get(key)
            if value in ENGLISH_NAMES:
                mapping[value] = ENGLISH_NAMES[value]
        creator = TranslationCreator(self.users["regional.editor"], [english_locale])
        # Every term already exists in every language (build_terms): the page links to
        # them, and no term is re-translated from this page's language.
        creator.create_translations(page, include_related_objects=False)
        translation_record = Translation.objects.get(
            source__object_id=page.translation_key, target_locale=english_locale
        )
        for segment in translation_record.source.stringsegment_set.select_related("string"):
            text = mapping.get(segment.string.data)
            if text is None:
                continue
            StringTranslation.objects.update_or_create(
                translation_of=segment.string,
                locale=english_locale,
                context=segment.context,
                defaults={
                    "data": text,
                    "translation_type": StringTranslation.TRANSLATION_TYPE_MANUAL,
                },
            )
        translation_record.save_target(user=self.users["regional.editor"], publish=True)
