from django.core.exceptions import PermissionDenied
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component
from wagtail.admin.widgets import ListingButton

from governance import notifications, permissions, views


@hooks.register("register_admin_urls", order=-100)
def register_scoped_localize_urls():
    # INTERNAL (wagtail-localize): its URL paths "localize/submit/page/<id>/",
    # "localize/submit/snippet/<app>/<model>/<pk>/" and "localize/update/<id>/". Registered ahead of its own patterns, at the same paths,
    # so its globally-permissioned views are only reachable through these scoped ones.
    # Contract: tests/governance/test_contracts.py (shadow test).
    return [
        path(
            "localize/submit/page/<int:page_id>/",
            views.ScopedSubmitPageTranslationView.as_view(),
            name="portal_submit_page_translation",
        ),
        path(
            "localize/submit/snippet/<slug:app_label>/<slug:model_name>/<str:pk>/",
            views.ScopedSubmitSnippetTranslationView.as_view(),
            name="portal_submit_snippet_translation",
        ),
        path(
            "localize/update/<int:translation_source_id>/",
            views.ScopedUpdateTranslationsView.as_view(),
            name="portal_update_translations",
        ),
        path(
            "translation-status/",
            views.TranslationStatusView.as_view(),
            name="portal_translation_status",
        ),
        path(
            "translations/<int:page_id>/submit-for-review/",
            views.submit_translation_for_review_view,
            name="portal_submit_translation_for_review",
        ),
    ]


@hooks.register("before_edit_page", order=-100)
def translators_edit_only_translations(request, page):
    permissions.check_translator_may_touch(request.user, page)
    return permissions.intercept_translation_publish(request, page)


@hooks.register("before_delete_page", order=-100)
@hooks.register("before_move_page", order=-100)
def translators_never_delete_or_move(request, page, *args):
    if not permissions.has_editorial_rights(request.user, page):
        raise PermissionDenied


@hooks.register("register_page_header_buttons")
def submit_translation_button(page, user, view_name=None, next_url=None):
    if permissions.translation_for(page) is not None and page.permissions_for_user(user).can_edit():
        yield ListingButton(
            _("Submit translation for review"),
            reverse("portal_submit_translation_for_review", args=[page.pk]),
            priority=5,
            icon_name="tick",
        )


@hooks.register("register_reports_menu_item")
def translation_status_menu_item():
    return MenuItem(
        _("Translation status"),
        reverse("portal_translation_status"),
        icon_name="globe",
        order=100,
    )


class TranslationsWaitingPanel(Component):
    """The translations waiting for a translator, on their admin dashboard."""

    name = "translations_waiting"
    template_name = "governance/admin/translations_waiting_panel.html"
    order = 90
    shown = 10

    def __init__(self, locale_ids):
        self.locale_ids = locale_ids

    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        waiting = notifications.waiting_translations(self.locale_ids)
        context.update(waiting=list(waiting[: self.shown]), waiting_count=waiting.count())
        return context


@hooks.register("construct_homepage_panels")
def add_translations_waiting_panel(request, panels):
    locale_ids = notifications.translator_locale_ids(request.user)
    if locale_ids:
        panels.append(TranslationsWaitingPanel(locale_ids))
