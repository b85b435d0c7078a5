"""The portal's roles, built in code and never by hand.

Per country: "<Country> editors" (add and edit, no publishing) and "<Country>
moderators" (also publish), with page permissions on that country's section in
every locale tree and a collection of their own for images and documents, plus a
"Country review (<Country>)" workflow on every one of the country's sections.
Per language: "Translators (<lang>)", who may edit translations in that locale's
tree and nothing else (see governance.permissions). Code never reads these names:
it asks for permissions, so an administrator may rename any group. "Regional editors" work everywhere;
"Experts" have no admin access at all.

Everything is idempotent: rerun after adding a country or a locale and it covers it."""

from django.conf import settings
from django.contrib.auth.models import Group, Permission
from django.db import transaction
from django.utils import translation
from wagtail.models import (
    Collection,
    GroupApprovalTask,
    GroupCollectionPermission,
    GroupPagePermission,
    Page,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)

from home.models import CountryPage, HomePage
from portal.languages import COUNTRIES

REGIONAL_EDITORS = "Regional editors"
EXPERTS = "Experts"
TRANSLATOR_PREFIX = "Translators ("

EDITOR_PAGE_PERMISSIONS = ["add_page", "change_page", "view_page"]
MODERATOR_PAGE_PERMISSIONS = [*EDITOR_PAGE_PERMISSIONS, "publish_page", "lock_page", "unlock_page"]
REGIONAL_PAGE_PERMISSIONS = [*MODERATOR_PAGE_PERMISSIONS, "bulk_delete_page"]
TRANSLATOR_PAGE_PERMISSIONS = ["change_page", "view_page"]
COLLECTION_PERMISSIONS = [
    ("wagtailimages", "add_image"),
    ("wagtailimages", "change_image"),
    ("wagtailimages", "choose_image"),
    ("wagtaildocs", "add_document"),
    ("wagtaildocs", "change_document"),
    ("wagtaildocs", "choose_document"),
]


def english_name(country):
    with translation.override("en"):
        return str(country.name)


def editors_group_name(country):
    return f"{english_name(country)} editors"


def moderators_group_name(country):
    return f"{english_name(country)} moderators"


def translators_group_name(language_code):
    return f"{TRANSLATOR_PREFIX}{language_code})"


def workflow_name(country):
    return f"Country review ({english_name(country)})"


def _permission(app_label, codename):
    return Permission.objects.get(content_type__app_label=app_label, codename=codename)


def _grant_pages(group, page, codenames):
    for codename in codenames:
        GroupPagePermission.objects.get_or_create(
            group=group, page=page, permission=_permission("wagtailcore", codename)
        )


def _grant_collection(group, collection):
    for app_label, codename in COLLECTION_PERMISSIONS:
        GroupCollectionPermission.objects.get_or_create(
            group=group, collection=collection, permission=_permission(app_label, codename)
        )


def _group(name, *admin_permissions):
    group, _created = Group.objects.get_or_create(name=name)
    for app_label, codename in admin_permissions:
        group.permissions.add(_permission(app_label, codename))
    return group


def _collection(name):
    root = Collection.get_first_root_node()
    existing = root.get_children().filter(name=name).first()
    return existing or root.add_child(name=name)


ADMIN_ACCESS = ("wagtailadmin", "access_admin")
# The translation status report across every country (governance.models.PortalRule).
VIEW_ALL_COUNTRIES = ("governance", "view_all_countries")
SUBMIT_TRANSLATION = ("wagtail_localize", "submit_translation")
# Inviting experts: the invitation views also check that the inviter can edit the
# linked profile page, so these stay within the inviter's own country.
INVITE_EXPERTS = [
    ("accounts", "view_expertinvitation"),
    ("accounts", "add_expertinvitation"),
    ("accounts", "change_expertinvitation"),
]


# The library: regional editors import publications in bulk and look after the
# shared list of organisations (publishers); country teams choose from it and add
# to it, but never change an entry another country may be using.
IMPORT_PUBLICATIONS = ("library", "import_publications")
ORGANISATIONS_CHOOSE_ADD = [("library", "view_organisation"), ("library", "add_organisation")]
ORGANISATIONS_ALL = [
    *ORGANISATIONS_CHOOSE_ADD,
    ("library", "change_organisation"),
    ("library", "delete_organisation"),
]


@transaction.atomic
def setup_roles():
    """Create or complete every group, collection and workflow. Returns the groups by name."""
    groups = {}
    regional = _group(
        REGIONAL_EDITORS,
        ADMIN_ACCESS,
        SUBMIT_TRANSLATION,
        VIEW_ALL_COUNTRIES,
        *INVITE_EXPERTS,
        IMPORT_PUBLICATIONS,
        *ORGANISATIONS_ALL,
    )
    groups[regional.name] = regional
    for home in HomePage.objects.all():
        _grant_pages(regional, home, REGIONAL_PAGE_PERMISSIONS)
    _grant_collection(regional, Collection.get_first_root_node())

    for code, _name in settings.LANGUAGES:
        translators = _group(translators_group_name(code), ADMIN_ACCESS, VIEW_ALL_COUNTRIES)
        groups[translators.name] = translators
        for home in HomePage.objects.filter(locale__language_code=code):
            _grant_pages(translators, home, TRANSLATOR_PAGE_PERMISSIONS)

    for country in COUNTRIES:
        editors = _group(
            editors_group_name(country),
            ADMIN_ACCESS,
            SUBMIT_TRANSLATION,
            *INVITE_EXPERTS,
            *ORGANISATIONS_CHOOSE_ADD,
        )
        moderators = _group(
            moderators_group_name(country),
            ADMIN_ACCESS,
            SUBMIT_TRANSLATION,
            *INVITE_EXPERTS,
            *ORGANISATIONS_CHOOSE_ADD,
        )
        groups[editors.name] = editors
        groups[moderators.name] = moderators
        collection = _collection(english_name(country))
        _grant_collection(editors, collection)
        _grant_collection(moderators, collection)
        sections = CountryPage.objects.filter(country=country.slug)
        for section in sections:
            _grant_pages(editors, section, EDITOR_PAGE_PERMISSIONS)
            _grant_pages(moderators, section, MODERATOR_PAGE_PERMISSIONS)
        _ensure_workflow(
            workflow_name(country),
            f"{english_name(country)} moderators review",
            moderators,
            sections,
        )

    groups[EXPERTS] = _group(EXPERTS)

    # Region-wide content (under the home pages, outside every country section) is
    # reviewed by the regional team.
    _ensure_workflow(REGIONAL_REVIEW, "Regional editors review", regional, HomePage.objects.all())
    _retire_wagtail_defaults()
    return groups


REGIONAL_REVIEW = "Regional review"
WAGTAIL_DEFAULT_GROUPS = ["Editors", "Moderators"]


def _retire_wagtail_defaults():
    """Wagtail's first migrations create "Editors" and "Moderators" groups with rights
    on the whole tree, and a "Moderators approval" workflow on the root. Nobody in
    this portal manages them, and anyone put in them would bypass the country
    model, so they go (the groups only while they have no members)."""
    Group.objects.filter(name__in=WAGTAIL_DEFAULT_GROUPS, user__isnull=True).delete()
    WorkflowPage.objects.filter(page__depth=1).delete()


def _ensure_workflow(name, task_name, approvers, pages):
    workflow, _created = Workflow.objects.get_or_create(name=name)
    task = GroupApprovalTask.objects.filter(name=task_name).first()
    if task is None:
        task = GroupApprovalTask.objects.create(name=task_name)
    task.groups.add(approvers)
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})
    for page in pages:
        WorkflowPage.objects.update_or_create(
            page=Page.objects.get(pk=page.pk), defaults={"workflow": workflow}
        )
    return workflow
