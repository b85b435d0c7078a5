from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ExpertProfilesConfig(AppConfig):
    name = "expert_profiles"
    verbose_name = _("Expert profiles")

    def ready(self):
        from expert_profiles.demo import ExpertsDemo
        from expert_profiles.models import ExpertDirectoryPage, ExpertProfilePage
        from home.sections import Section, register

        register(
            Section(
                key="experts",
                item_model=ExpertProfilePage,
                index_model=ExpertDirectoryPage,
                menu_label=_("Experts"),
                card_template="expert_profiles/includes/expert_item.html",
                home_heading=_("Featured experts"),
                home_empty=_("No experts listed yet."),
                home_queryset="featured_first",
                # Experts are listed region-wide on the home page; a country page
                # links to its directory instead.
                on_country_page=False,
                search_fields=("job_title", "organisation", "biography"),
                demo=ExpertsDemo(),
                order=40,
            )
        )
