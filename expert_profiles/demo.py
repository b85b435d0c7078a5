"""Demo experts for load_demo_data (home.demo.builder drives it through the registry)."""

import datetime

from django.utils import timezone

from expert_profiles.factories import ExpertProfilePageFactory
from expert_profiles.models import (
    ExpertiseArea,
    ExpertProfileExpertise,
    ExpertProfileLanguage,
    ExpertProfilePage,
)
from home.demo.builder import SectionDemo
from home.demo.content import EXPERTISE_AREAS


class ExpertsDemo(SectionDemo):
    translated_fields = ("job_title", "biography")

    def build_taxonomies(self, builder):
        builder.build_terms(ExpertiseArea, EXPERTISE_AREAS)

    def build_item(self, builder, index, item, position, country, editor):
        existing = ExpertProfilePage.objects.child_of(index).filter(slug=item["slug"]).first()
        if existing:
            return existing
        # No made-up portraits: the directory shows initials avatars instead.
        page = ExpertProfilePageFactory(
            parent=index,
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
            # The demo expert account owns the first Ukrainian profile.
            user=builder.users["expert"] if country.slug == "ukraine" and position == 0 else None,
            owner=editor,
        )
        areas = ExpertiseArea.objects.filter(locale=index.locale, slug__in=item["expertise"])
        page.expertise_links = [ExpertProfileExpertise(area=area) for area in areas]
        page.language_links = [ExpertProfileLanguage(language=code) for code in item["languages"]]
        page.save()
        return builder.publish_backdated(page, editor, item["confirmed_days_ago"])

    def scale_item(self, scale, locale, country, number):
        """An expert profile for the scale data (home.scale): areas and languages."""
        place = scale.country(country)
        family, given = scale.rng.choice(FAMILY_NAMES), scale.rng.choice(GIVEN_NAMES)
        areas = scale.some(scale.terms(ExpertiseArea, locale), 1, 3)
        job = scale.rng.choice(["Psychologist", "Social worker", "Lawyer", "Researcher"])
        page = ExpertProfilePage(
            title=f"{given} {family} {number}",
            slug=scale.slug(f"{given} {family}"),
            locale=locale,
            summary=job,
            job_title=job,
            organisation="Child Rights Centre",
            biography=f"<p>{job}, {scale.country_name(locale, place)}. Child protection.</p>",
            email=f"expert{number}@example.org",
            last_confirmed=(scale.now - datetime.timedelta(days=scale.rng.randint(0, 700))).date(),
            featured=scale.rng.random() < 0.02,
            accepts_contact=scale.rng.random() < 0.5,
        )
        page.expertise_links = [ExpertProfileExpertise(area=area, locale=locale) for area in areas]
        languages = {locale.language_code, place.language}
        page.language_links = [ExpertProfileLanguage(language=code) for code in sorted(languages)]
        return page


FAMILY_NAMES = ["Koval", "Petrenko", "Jovanović", "Popescu", "Horváth", "Dimitrova", "Hoxha"]
GIVEN_NAMES = ["Olena", "Ivan", "Milica", "Ana", "Zsófia", "Maria", "Arben", "Eleni"]
