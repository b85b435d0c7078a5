from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView
from wagtail.admin.views.generic import WagtailAdminTemplateMixin
from wagtail.models import Page
from wagtail_localize.views.submit_translations import SubmitPageTranslationView
from wagtail_localize.views.update_translations import UpdateTranslationsView

from governance import permissions
from governance.translation_status import translation_status_report


class ScopedSubmitPageTranslationView(SubmitPageTranslationView):
    """wagtail-localize's "Translate this page", limited to pages and target
    sections the user may edit."""

    def dispatch(self, request, *args, **kwargs):
        page = get_object_or_404(Page, id=kwargs["page_id"])
        if not page.permissions_for_user(request.user).can_edit():
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def form_valid(self, form):
        permissions.check_may_translate(
            self.request.user, self.object, form.cleaned_data["locales"]
        )
        return super().form_valid(form)


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
