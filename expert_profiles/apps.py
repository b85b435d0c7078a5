from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ExpertProfilesConfig(AppConfig):
    name = "expert_profiles"
    verbose_name = _("Expert profiles")
