"""Demo vacancies for load_demo_data (home.demo.builder drives it through the registry)."""

import datetime
from zoneinfo import ZoneInfo

from home.demo.builder import SectionDemo, local_moment
from home.factories import paragraphs
from vacancies.factories import VacancyPageFactory
from vacancies.models import ContractType, VacancyPage


class VacanciesDemo(SectionDemo):
    translated_fields = ("title", "summary", "description")

    def build_item(self, builder, index, item, position, country, editor):
        existing = VacancyPage.objects.child_of(index).filter(slug=item["slug"]).first()
        if existing:
            return existing
        zone = ZoneInfo(country.time_zone)
        page = VacancyPageFactory(
            parent=index,
            title=item["title"],
            slug=item["slug"],
            summary=item["summary"],
            body=paragraphs(*item["description"]),
            organisation=item["organisation"],
            city=item["city"],
            contract_type=item["contract_type"],
            closes_at=local_moment(item["closes_in_days"], item["closing_time"], zone),
            time_zone=country.time_zone,
            apply_url=item["apply_url"],
            apply_email=item["apply_email"],
            owner=editor,
        )
        return builder.publish_backdated(page, editor, max(1, 30 - item["closes_in_days"]))

    def scale_item(self, scale, locale, country, number):
        """A vacancy for the scale data (home.scale): most still open, some closed."""
        place = scale.country(country)
        name = scale.country_name(locale, place)
        closes = scale.now + datetime.timedelta(days=scale.rng.randint(-200, 90))
        job = scale.rng.choice(JOBS)
        return VacancyPage(
            title=f"{job} — {name} ({number})",
            slug=scale.slug(f"{job} {name}"),
            locale=locale,
            summary=f"{job} in {name}: child protection vacancy {number}.",
            body=paragraphs(f"{job}. {name}.", "Working with children and families."),
            organisation=scale.rng.choice(ORGANISATIONS),
            city=name,
            contract_type=scale.rng.choice(ContractType.values),
            closes_at=closes.replace(second=0, microsecond=0),
            time_zone=place.time_zone,
            apply_url="https://example.org/jobs",
            lead_image=scale.image(),
        )


JOBS = ["Social worker", "Case manager", "Child psychologist", "Project officer", "Trainer"]
ORGANISATIONS = ["Child Rights Centre", "Family Support Foundation", "City social services"]
