from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GovernanceConfig(AppConfig):
    """Who may do what: roles and groups, page and collection permissions, the
    Country review workflows, the scoped wagtail-localize views, the guard that sends
    a translation's "Publish" through review, and the translation status report."""

    name = "governance"
    verbose_name = _("Roles, review and translation")
