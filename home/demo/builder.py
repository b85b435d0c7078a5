"""Builds believable demo content from home/demo/content.py using the app factories.

Idempotent: every object is looked up by a natural key (slug and locale) before it is
created, so a second run changes no row counts."""

import datetime
from zoneinfo import ZoneInfo

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction
from django.utils import timezone, translation
from wagtail.models import Locale, Page
from wagtail_localize.models import StringTranslation, Translation
from wagtail_localize.operations import TranslationCreator

from events.factories import EventPageFactory
from events.models import EventIndexPage
from expert_profiles.factories import ExpertProfilePageFactory
from expert_profiles.models import (
    ExpertDirectoryPage,
    ExpertiseArea,
    ExpertProfileExpertise,
    ExpertProfileLanguage,
)
from home.demo.content import COUNTRIES as COUNTRY_CONTENT
from home.demo.content import ENGLISH_NAMES, EXPERTISE_AREAS, TOPICS
from home.factories import paragraphs, publish
from home.models import CountryPage
from home.roles import setup_roles
from home.site_tree import build_page_tree
from news.factories import NewsPageFactory
from news.models import NewsIndexPage, NewsPageTopic, Topic
from portal.languages import COUNTRIES_BY_SLUG
from vacancies.factories import VacancyPageFactory
from vacancies.models import VacancyIndexPage

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
        self.log("Topics and areas of expertise in every language…")
        self.build_taxonomies()
        self.log("Groups, collections and review workflows…")
        setup_roles()
        self.users = self.build_users()
        total = len(COUNTRY_CONTENT)
        for position, (country_slug, content) in enumerate(COUNTRY_CONTENT.items(), start=1):
            self.log(
                f"[{position}/{total}] {COUNTRIES_BY_SLUG[country_slug].name}: news, events, vacancies, experts…"
            )
            self.build_country(country_slug, content)
        self.log("Demo content ready.")

    # Taxonomies -------------------------------------------------------------------
    def build_taxonomies(self):
        for model, terms in ((Topic, TOPICS), (ExpertiseArea, EXPERTISE_AREAS)):
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
    def build_country(self, country_slug, content):
        country = COUNTRIES_BY_SLUG[country_slug]
        code = country.language
        locale = self.locales[code]
        section = CountryPage.objects.get(country=country_slug, locale=locale)
        zone = ZoneInfo(country.time_zone)
        editor = self.users["ukraine.editor"] if country_slug == "ukraine" else self.users["admin"]

        with translation.override(code):
            news_index = NewsIndexPage.objects.child_of(section).get()
            for position, item in enumerate(content["news"]):
                page = self.news(news_index, item, position, country_slug, editor)
                self.translate(page, item.get("en"), ("title", "summary", "body"), item)
            events_index = EventIndexPage.objects.child_of(section).get()
            for item in content["events"]:
                page = self.event(events_index, item, zone, country.time_zone, editor)
                self.translate(page, item.get("en"), ("title", "summary", "description"), item)
            vacancy_index = VacancyIndexPage.objects.child_of(section).get()
            for item in content["vacancies"]:
                page = self.vacancy(vacancy_index, item, zone, country.time_zone, editor)
                self.translate(page, item.get("en"), ("title", "summary", "description"), item)
            directory = ExpertDirectoryPage.objects.child_of(section).get()
            for position, item in enumerate(content["experts"]):
                page = self.expert(directory, item, position, country_slug, editor)
                self.translate(page, item.get("en"), ("job_title", "biography"), item)

    def _existing(self, model, parent, slug):
        return model.objects.child_of(parent).filter(slug=slug).first()

    def news(self, index, item, position, country_slug, editor):
        from news.models import NewsPage

        existing = self._existing(NewsPage, index, item["slug"])
        if existing:
            return existing
        # No lead images: a card without an image reads better than a fake one.
        page = NewsPageFactory(
            parent=index,
            title=item["title"],
            slug=item["slug"],
            summary=item["summary"],
            body=paragraphs(*item["body"]),
            date=timezone.localdate() - datetime.timedelta(days=item["days_ago"]),
            owner=editor,
        )
        topics = Topic.objects.filter(locale=index.locale, slug__in=item["topics"])
        page.topic_links = [NewsPageTopic(topic=topic) for topic in topics]
        page.save()
        return self._publish_backdated(page, editor, item["days_ago"])

    def event(self, index, item, zone, zone_name, editor):
        from events.models import EventPage

        existing = self._existing(EventPage, index, item["slug"])
        if existing:
            return existing
        start = local_moment(item["days_from_now"], item["start_time"], zone)
        end = start + datetime.timedelta(minutes=item["duration_minutes"])
        deadline = None
        if item.get("registration_url") and item.get("registration_days_before") is not None:
            deadline = start - datetime.timedelta(days=item["registration_days_before"])
        page = EventPageFactory(
            parent=index,
            title=item["title"],
            slug=item["slug"],
            summary=item["summary"],
            body=paragraphs(*item["description"]),
            start=start,
            end=end,
            time_zone=zone_name,
            event_format=item["format"],
            venue=item["venue"],
            city=item["city"],
            join_url=item["join_url"],
            organiser=item["organiser"],
            event_language=item["event_language"],
            registration_url=item["registration_url"],
            registration_deadline=deadline,
            owner=editor,
        )
        return self._publish_backdated(page, editor, max(1, -item["days_from_now"] + 20))

    def vacancy(self, index, item, zone, zone_name, editor):
        from vacancies.models import VacancyPage

        existing = self._existing(VacancyPage, index, item["slug"])
        if existing:
            return existing
        closes_at = local_moment(item["closes_in_days"], item["closing_time"], zone)
        page = VacancyPageFactory(
            parent=index,
            title=item["title"],
            slug=item["slug"],
            summary=item["summary"],
            body=paragraphs(*item["description"]),
            organisation=item["organisation"],
            city=item["city"],
            contract_type=item["contract_type"],
            closes_at=closes_at,
            time_zone=zone_name,
            apply_url=item["apply_url"],
            apply_email=item["apply_email"],
            owner=editor,
        )
        return self._publish_backdated(page, editor, max(1, 30 - item["closes_in_days"]))

    def expert(self, directory, item, position, country_slug, editor):
        from expert_profiles.models import ExpertProfilePage

        existing = self._existing(ExpertProfilePage, directory, item["slug"])
        if existing:
            return existing
        # No made-up portraits: the directory shows initials avatars instead.
        page = ExpertProfilePageFactory(
            parent=directory,
            title=item["name"],
            slug=item["slug"],
            summary=item["job_title"],
            job_title=item["job_title"],
            organisation=item["organisation"],
            biography="".join(f"<p>{text}</p>" for text in item["biography"]),
            email=item["email"],
            publications=[
                ("link", {"title": link["title"], "url": link["url"]})
                for link in item["publications"]
            ],
            last_confirmed=timezone.localdate()
            - datetime.timedelta(days=item["confirmed_days_ago"]),
            featured=position == 0,
            user=self.users["expert"] if country_slug == "ukraine" and position == 0 else None,
            owner=editor,
        )
        areas = ExpertiseArea.objects.filter(locale=directory.locale, slug__in=item["expertise"])
        page.expertise_links = [ExpertProfileExpertise(area=area) for area in areas]
        page.language_links = [ExpertProfileLanguage(language=code) for code in item["languages"]]
        page.save()
        return self._publish_backdated(page, editor, item["confirmed_days_ago"])

    def _publish_backdated(self, page, user, days_ago):
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
        if "job_title" in fields and "job_title" in english:
            mapping[original["job_title"]] = english["job_title"]
        # Names of people, organisations, cities and venues, as a translator writes
        # them in English (transliterated, or translated where descriptive).
        for key in ("name", "organisation", "organiser", "city", "venue"):
            value = original.get(key)
            if value in ENGLISH_NAMES:
                mapping[value] = ENGLISH_NAMES[value]
        creator = TranslationCreator(self.users["regional.editor"], [english_locale])
        creator.create_translations(page)
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
