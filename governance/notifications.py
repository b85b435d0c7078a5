"""Telling translators there is work: an e-mail when pages are submitted for
translation into their language, and a dashboard panel of what waits for them.

A translator of a language is whoever may change pages in that language's tree but
create none there: their groups hold `change_page` on its home page and no
`add_page`. The rule reads permissions, never a group's name."""

from collections import defaultdict

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db.models import Exists, F, OuterRef, Q, Subquery
from django.urls import reverse
from django.utils import translation
from wagtail.models import GroupPagePermission, Page
from wagtail.users.models import UserProfile
from wagtail_localize.models import Translation

from home.models import HOME_DEPTH
from portal.mail import send_templated
from portal.tasks import retrying_task


def _home_permissions():
    return GroupPagePermission.objects.filter(
        page__depth=HOME_DEPTH, permission__content_type__app_label="wagtailcore"
    )


def translator_locale_ids(user):
    """The locales this user translates into."""
    codenames = defaultdict(set)
    for locale_id, codename in (
        _home_permissions()
        .filter(group__user=user)
        .values_list("page__locale_id", "permission__codename")
    ):
        codenames[locale_id].add(codename)
    return [
        lid
        for lid, names in codenames.items()
        if "change_page" in names and "add_page" not in names
    ]


def translators_of(locale_id):
    home_perms = _home_permissions().filter(page__locale_id=locale_id, group__user=OuterRef("pk"))
    return (
        get_user_model()
        .objects.filter(is_active=True)
        .exclude(email="")
        .filter(Exists(home_perms.filter(permission__codename="change_page")))
        .exclude(Exists(home_perms.filter(permission__codename="add_page")))
    )


def with_pages(translations):
    """Annotate each translation with its source page's title and its target page."""
    source = Page.objects.filter(
        translation_key=OuterRef("source__object_id"), locale_id=OuterRef("source__locale_id")
    )
    target = Page.objects.filter(
        translation_key=OuterRef("source__object_id"), locale_id=OuterRef("target_locale_id")
    )
    return translations.annotate(
        source_title=Subquery(source.values("title")[:1]),
        target_id=Subquery(target.values("pk")[:1]),
        target_live=Subquery(target.values("live")[:1]),
        target_published=Subquery(target.values("last_published_at")[:1]),
    ).select_related("source", "source__locale", "target_locale")


def waiting_translations(locale_ids):
    """Enabled translations into these locales whose page is missing, not live, or
    published before its source last changed: newest change first."""
    return (
        with_pages(Translation.objects.filter(enabled=True, target_locale_id__in=locale_ids))
        .filter(
            Q(target_id__isnull=True)
            | Q(target_live=False)
            | Q(target_published__lt=F("source__last_updated_at"))
        )
        .order_by("-source__last_updated_at", "-pk")
    )


def admin_language(user):
    return UserProfile.get_for_user(user).get_preferred_language() or settings.LANGUAGE_CODE


@retrying_task()
def notify_translators(translation_ids):
    """One e-mail per translator, in their admin language, listing the pages just
    submitted into their language."""
    translations = with_pages(Translation.objects.filter(pk__in=translation_ids, enabled=True))
    by_locale = defaultdict(list)
    for record in translations.order_by("pk"):
        by_locale[record.target_locale_id].append(record)
    base = settings.WAGTAILADMIN_BASE_URL.rstrip("/")
    sent = 0
    for locale_id, records in by_locale.items():
        items = [
            {
                "title": record.source_title,
                "url": base + reverse("wagtailadmin_pages:edit", args=[record.target_id])
                if record.target_id
                else "",
            }
            for record in records
        ]
        for user in translators_of(locale_id):
            language = admin_language(user)
            with translation.override(language):
                language_name = records[0].target_locale.get_display_name()
            context = {
                "user": user,
                "items": items,
                "language": language_name,
                "dashboard": base + reverse("wagtailadmin_home"),
            }
            send_templated("governance/email/translation_waiting", context, [user.email], language)
            sent += 1
    return sent
