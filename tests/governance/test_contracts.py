"""Contract tests: each place where governance relies on a Wagtail or wagtail-localize
internal. When an upgrade changes one of them, these fail loudly, and the comment in
the code they name says what to look at."""

from pathlib import Path

import pytest
import wagtail_localize
from django.contrib.auth.models import Group
from django.urls import resolve, reverse
from wagtail.models import Page

from governance import views
from governance.permissions import intercept_translation_publish
from governance.translation_status import visible_countries
from news.factories import NewsPageFactory
from news.models import NewsIndexPage


def test_scoped_views_shadow_wagtail_localizes_submit_and_update_paths():
    """governance.wagtail_hooks registers the scoped views at wagtail-localize's own
    paths, ahead of its patterns. If wagtail-localize moves a path, its globally
    permissioned view would become reachable again."""
    submit = reverse("wagtail_localize:submit_page_translation", args=[7])
    update = reverse("wagtail_localize:update_translations", args=[7])
    assert submit == reverse("portal_submit_page_translation", args=[7])
    assert update == reverse("portal_update_translations", args=[7])
    assert resolve(submit).func.view_class is views.ScopedSubmitPageTranslationView
    assert resolve(update).func.view_class is views.ScopedUpdateTranslationsView


def test_scoped_views_still_subclass_the_stock_views():
    from wagtail_localize.views.submit_translations import SubmitPageTranslationView
    from wagtail_localize.views.update_translations import UpdateTranslationsView

    assert issubclass(views.ScopedSubmitPageTranslationView, SubmitPageTranslationView)
    assert issubclass(views.ScopedUpdateTranslationsView, UpdateTranslationsView)
    # form_valid receives the chosen locales under this name.
    from wagtail_localize.views.submit_translations import SubmitTranslationForm

    assert "locales" in SubmitTranslationForm.base_fields


def test_translation_editor_publishes_with_action_publish():
    """governance.permissions.intercept_translation_publish turns a POST with
    action=publish on the page edit URL into a review. Both halves of wagtail-localize
    must still speak that way: its editor's button and its server-side check."""
    package = Path(wagtail_localize.__file__).parent
    bundle = (package / "static/wagtail_localize/js/wagtail-localize.js").read_text()
    assert 'name:"action",value:"publish"' in bundle
    view = (package / "views/edit_translation.py").read_text()
    assert 'request.POST.get("action") == "publish"' in view


def test_the_guard_hooks_run_before_wagtail_localizes_own_edit_hook():
    from wagtail import hooks

    before_edit = hooks.get_hooks("before_edit_page")
    names = [f"{fn.__module__}.{fn.__name__}" for fn in before_edit]
    ours = names.index("governance.wagtail_hooks.translators_edit_only_translations")
    theirs = names.index("wagtail_localize.wagtail_hooks.before_edit_page")
    assert ours < theirs
    assert intercept_translation_publish is not None


@pytest.mark.django_db
def test_revision_content_is_a_dict_of_field_values(home, index_of):
    """expert_profiles.selfservice.set_administrative_fields writes field values into
    a pending revision's `content` and relies on `as_object()` reading them back."""
    page = NewsPageFactory(parent=index_of(home, NewsIndexPage), title="Before")
    revision = page.save_revision()
    assert isinstance(revision.content, dict)
    assert revision.content["title"] == "Before"
    revision.content["title"] = "After"
    revision.save(update_fields=["content"])
    revision.refresh_from_db()
    assert revision.as_object().title == "After"


@pytest.mark.django_db
def test_dashboard_scope_follows_permissions_after_every_group_is_renamed(make_user):
    editor = make_user("rs.editor", "Serbia editors")
    translator = make_user("tr.ru", "Translators (ru)")
    regional = make_user("regional", "Regional editors")
    for group in Group.objects.all():
        group.name = f"Team {group.pk}"
        group.save()
    assert visible_countries(editor) == {"serbia"}
    assert visible_countries(translator) is None
    assert visible_countries(regional) is None
    assert Page.objects.exists()


def test_translation_creator_recurses_into_related_objects_without_them():
    """governance.translation.ScopedTranslationCreator relies on wagtail-localize's
    TranslationCreator calling create_translations(related, include_related_objects=False)
    for each related object, and keeping target_locales, seen_objects and mappings."""
    import inspect

    from wagtail_localize.operations import TranslationCreator

    source = inspect.getsource(TranslationCreator.create_translations)
    assert "self.create_translations(" in source
    assert "include_related_objects=False" in source
    creator = TranslationCreator(None, [])
    assert {"target_locales", "seen_objects", "mappings"} <= set(vars(creator))


def test_workflow_action_path_is_routed_to_the_confirming_view():
    """portal/urls.py routes Wagtail's workflow action path ahead of its admin URLs."""
    url = reverse("wagtailadmin_pages:workflow_action", args=[3, "approve", 4])
    assert url == reverse("portal_workflow_action", args=[3, "approve", 4])
    assert resolve(url).url_name == "portal_workflow_action"
    assert resolve(url).func is views.workflow_action
    from wagtail.admin.views.pages.workflow import WorkflowActionView

    assert issubclass(views.ConfirmingWorkflowActionView, WorkflowActionView)


def test_translation_editor_template_and_bundle_keep_what_the_override_needs():
    """governance/templates/wagtail_localize/admin/edit_translation.html extends the
    stock template's extra_js block; governance/js/translation-editor.js relabels
    "Publish in " through the global gettext and rewrites the editor's props before
    the editor reads them on DOMContentLoaded."""
    package = Path(wagtail_localize.__file__).parent
    template = (package / "templates/wagtail_localize/admin/edit_translation.html").read_text()
    assert 'data-props="{{ props }}"' in template
    assert "{% block extra_js %}" in template
    assert template.index("javascript_catalog") < template.index("wagtail-localize.js")
    bundle = (package / "static/wagtail_localize/js/wagtail-localize.js").read_text()
    assert '("Publish in ")' in bundle
    assert "=gettext;" in bundle
    assert 'document.addEventListener("DOMContentLoaded"' in bundle
    assert "dataset.props" in bundle
