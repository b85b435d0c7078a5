import datetime

import factory
from django.utils import timezone

from home.factories import ItemPageFactory, paragraphs
from vacancies.models import ContractType, VacancyIndexPage, VacancyPage


class VacancyIndexPageFactory(ItemPageFactory):
    title = "Vacancies"
    slug = "vacancies"

    class Meta:
        model = VacancyIndexPage
        skip_postgeneration_save = True


class VacancyPageFactory(ItemPageFactory):
    title = factory.Sequence(lambda n: f"Case manager {n}")
    summary = "Join our child protection team."
    organisation = "Regional Centre for Social Work"
    city = "Lviv"
    contract_type = ContractType.FULL_TIME
    closes_at = factory.LazyFunction(
        lambda: timezone.now().replace(second=0, microsecond=0) + datetime.timedelta(days=20)
    )
    time_zone = "Europe/Kyiv"
    apply_url = "https://jobs.example.org/apply"
    body = factory.LazyFunction(lambda: paragraphs("Responsibilities and requirements."))

    class Meta:
        model = VacancyPage
        skip_postgeneration_save = True

    class Params:
        closed = factory.Trait(
            closes_at=factory.LazyFunction(lambda: timezone.now() - datetime.timedelta(hours=1))
        )
