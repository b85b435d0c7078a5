from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView
from wagtail.admin.auth import require_admin_access
from wagtail.admin.views.generic import WagtailAdminTemplateMixin
from wagtail.admin.views.pages.workflow import WorkflowActionView
from wagtail.models import Page
from wagtail_localize.views.submit_translations import (
    SubmitPageTranslationView,
    SubmitSnippetTranslationView,
)
from wagtail_localize.views.update_translations import UpdateTranslationsView

from governance import permissions
from governance.notifications import notify_translators
from governance.translation import (
    may_create_snippet_translation,
    page_translation_ids,
    translate_object,
    translate_pages,
)
from governance.translation_status import translation_status_report
from portal.tasks import enqueue_on_commit


def submitted(view, locales):
    """The end of wagtail-localize's SubmitTranslationView.form_valid: its message and
    redirect (to the translation when there is one language)."""
    # The translation when there is one language and it exists already (the worker
    # creates page translations after the request).
    single = view.object.get_translation_or_none(locales[0]) if len(locales) == 1 else None
    label = (
        locales[0].get_display_name() if len(locales) == 1 else _("{} locales").format(len(locales))
    )
    messages.success(view.request, view.get_success_message(label))
    return redirect(view.get_success_url() or view.get_default_success_url(single))


class ScopedSubmitPageTranslationView(SubmitPageTranslationView):
    """wagtail-localize's "Translate this page", limited to pages and target
    sections the user may edit."""

    def dispatch(self, request, *args, **kwargs):
        page = get_object_or_404(Page, id=kwargs["page_id"])
        if not page.permissions_for_user(request.user).can_edit():
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    @transaction.atomic
    def form_valid(self, form):
        # Stock form_valid, with wagtail-localize's translate_object replaced by the
        # scoped one (governance.translation) and every page checked first.
        user, locales = self.request.user, list(form.cleaned_data["locales"])
        pages = [self.object]
        if form.cleaned_data["include_subtree"]:
            pages += list(self.object.get_descendants().specific())
        for page in pages:
            permissions.check_may_translate(user, page, locales)
        if list(self.components):
            # Extra translation components (none are configured here) hold form data
            # that cannot wait for the worker: translate in the request.
            translation_ids = []
            for page in pages:
                components = self.components if page is self.object else None
                creator = translate_object(page, locales, components, user)
                translation_ids += page_translation_ids(creator)
            enqueue_on_commit(notify_translators, translation_ids)
            return submitted(self, locales)
        # The fan-out into every language leaves the request: the editor gets an
        # answer in a fixed number of queries, and the drafts appear once the worker
        # has run (governance.translation.translate_pages).
        enqueue_on_commit(
            translate_pages,
            [page.pk for page in pages],
            [locale.pk for locale in locales],
            user.pk,
        )
        return submitted(self, locales)
        return submitted(self, locales)


class ScopedSubmitSnippetTranslationView(SubmitSnippetTranslationView):
    """wagtail-localize's "Translate" for a snippet (a topic, an area of expertise),
    for users who could add that snippet in the snippet editor, and only into the
    languages that lack it."""

    def get_object(self):
        instance = super().get_object()
        if not may_create_snippet_translation(self.request.user, instance):
            raise PermissionDenied
        return instance

    @transaction.atomic
    def form_valid(self, form):
        locales = list(form.cleaned_data["locales"])
        translate_object(self.object, locales, self.components, self.request.user)
        return submitted(self, locales)


class ScopedUpdateTranslationsView(UpdateTranslationsView):
    """wagtail-localize's "Sync translated pages", limited to users who may edit the
    source and every translation, and never publishing past the workflow."""

    def get_object(self):
        source = super().get_object()
        instance = source.get_source_instance()
        if isinstance(instance, Page):
            locales = [t.target_locale for t in source.translations.filter(enabled=True)]
            permissions.check_may_translate(self.request.user, instance, locales)
        elif not self.request.user.is_superuser and not self.request.user.has_perm(
            f"{instance._meta.app_label}.change_{instance._meta.model_name}"
        ):
            raise PermissionDenied
        return source

    def form_valid(self, form):
        publish = form.cleaned_data.get("publish_translations")
        form.cleaned_data["publish_translations"] = False
        response = super().form_valid(form)
        if publish and isinstance(self.object.get_source_instance(), Page):
            for translation in self.object.translations.filter(enabled=True):
                target = translation.get_target_instance()
                permissions.submit_translation_for_review(self.request, target, translation)
        return response


def submit_translation_for_review_view(request, page_id):
    """For translators, who have no "Publish": the translation editor's current
    strings become a draft that goes to the country review."""
    page = get_object_or_404(Page, id=page_id).specific
    translation = permissions.translation_for(page)
    if translation is None or not page.permissions_for_user(request.user).can_edit():
        raise PermissionDenied
    permissions.check_translator_may_touch(request.user, page)
    if request.method != "POST":
        return TemplateResponse(
            request, "governance/admin/confirm_submit_translation.html", {"page": page}
        )
    messages.success(request, permissions.submit_translation_for_review(request, page, translation))
    return redirect("wagtailadmin_pages:edit", page.pk)


class TranslationStatusView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "governance/admin/translation_status.html"
    page_title = gettext_lazy("Translation status")
    header_icon = "globe"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(translation_status_report(self.request.user, self.request.GET))
        return context


class ConfirmingWorkflowActionView(WorkflowActionView):
    """Wagtail's workflow action (Approve, Request changes) on a page, plus a message
    that tells the moderator what happened."""

    def post(self, request, *args, **kwargs):
        response = super().post(request, *args, **kwargs)
        title = self.object.get_admin_display_title()
        if self.action_name == "approve":
            if self.object.specific_class.objects.filter(pk=self.object.pk, live=True).exists():
                message = _("Approved and published: “%(title)s”.")
            else:
                message = _("Approved: “%(title)s” moves to the next review step.")
            messages.success(request, message % {"title": title})
        elif self.action_name == "reject":
            messages.success(
                request,
                _("Changes requested: “%(title)s” went back to its editor.") % {"title": title},
            )
        return response


# INTERNAL (Wagtail): the path of wagtailadmin_pages:workflow_action. portal/urls.py
# routes it here, ahead of Wagtail's admin URLs (hook URLs come after Wagtail's own).
# Contract: tests/governance/test_contracts.py.
workflow_action = require_admin_access(ConfirmingWorkflowActionView.as_view())
