from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class VacanciesConfig(AppConfig):
    name = "vacancies"
    verbose_name = _("Vacancies")

    def ready(self):
        from home.sections import Section, register
        from vacancies.demo import VacanciesDemo
        from vacancies.feeds import VacancyFeed
        from vacancies.models import VacancyIndexPage, VacancyPage

        register(
            Section(
                key="vacancies",
                item_model=VacancyPage,
                index_model=VacancyIndexPage,
                menu_label=_("Vacancies"),
                card_template="vacancies/includes/vacancy_item.html",
                home_heading=_("Open vacancies"),
                home_empty=_("No open vacancies right now."),
                home_queryset="still_open",
                feed=VacancyFeed,
                search_fields=("organisation", "city", "body"),
                demo=VacanciesDemo(),
                order=30,
            )
        )
