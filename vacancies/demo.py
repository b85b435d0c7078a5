"""Demo vacancies for load_demo_data (home.demo.builder drives it through the registry)."""

from zoneinfo import ZoneInfo

from home.demo.builder import SectionDemo, local_moment
from home.factories import paragraphs
from vacancies.factories import VacancyPageFactory
from vacancies.models import VacancyPage


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
