from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from expert_profiles.models import ExpertiseArea


class ExpertiseAreaViewSet(SnippetViewSet):
    model = ExpertiseArea
    icon = "tag"
    menu_label = _("Areas of expertise")
    list_display = ["name", "slug", "locale"]
    search_fields = ["name", "slug"]


register_snippet(ExpertiseAreaViewSet)
