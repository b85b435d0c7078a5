from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from library import admin_views
from library.admin_views import IMPORT_PERMISSION
from library.models import Organisation


class OrganisationViewSet(SnippetViewSet):
    model = Organisation
    icon = "group"
    menu_label = _("Organisations")
    list_display = ["name", "city", "locale"]
    search_fields = ["name"]


register_snippet(OrganisationViewSet)


class ImportMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(IMPORT_PERMISSION)


@hooks.register("register_admin_urls")
def register_import_url():
    return [path("library/import/", admin_views.import_view, name="library_import")]


@hooks.register("register_admin_menu_item")
def import_menu_item():
    return ImportMenuItem(
        _("Import publications"),
        reverse("library_import"),
        icon_name="doc-full-inverse",
        order=450,
    )
