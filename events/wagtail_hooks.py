from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.widgets import Button

from events import admin_views
from events.models import EventPage


class WebinarsMenuItem(MenuItem):
    def is_shown(self, request):
        return admin_views.may_see_webinars(request.user)


@hooks.register("register_admin_urls")
def register_webinar_urls():
    urls = [
        path("", admin_views.index, name="index"),
        path("<int:page_id>/", admin_views.detail, name="detail"),
        path("<int:page_id>/participants.csv", admin_views.export_csv, name="export"),
        path("<int:page_id>/attendance/", admin_views.attendance, name="attendance"),
        path("<int:page_id>/attendance/import/", admin_views.import_report, name="import"),
    ]
    return [path("webinars/", include((urls, "webinars"), namespace="webinars"))]


@hooks.register("register_admin_menu_item")
def register_webinars_menu_item():
    return WebinarsMenuItem(
        _("Webinar participants"), reverse("webinars:index"), icon_name="group", order=460
    )


@hooks.register("register_page_header_buttons")
def participants_button(page, user, view_name=None, **kwargs):
    event = page.specific_deferred
    if not (isinstance(event, EventPage) and event.registration_enabled):
        return
    if admin_views.can_view_participants(user, page):
        yield Button(
            _("Participants"),
            reverse("webinars:detail", args=[page.pk]),
            icon_name="group",
            priority=60,
        )
