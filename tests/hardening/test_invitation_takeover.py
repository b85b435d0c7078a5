"""Finding 2: an expert invitation must never take over an account that has any
rights. As serbia.editor, inviting ukraine.moderator@example.org to a Serbian
profile used to replace the moderator's password, add them to Experts and make
them the profile's owner. Every refusal asserts that no row changed."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.core import mail
from wagtail.models import GroupPagePermission

from accounts.eligibility import EXPERTS_GROUP
from accounts.models import ExpertInvitation
from expert_profiles.factories import ExpertProfilePageFactory
from expert_profiles.models import ExpertDirectoryPage, ExpertProfilePage
from tests.utils import translate

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "Belgrade-autumn-2026"  # noqa: S105


@pytest.fixture
def serbian_profile(country_section, index_of):
    directory = index_of(country_section("serbia", "sh"), ExpertDirectoryPage)
    profile = ExpertProfilePageFactory(parent=directory, title="Jelena Jovanović")
    translate(profile, "en")
    return profile


def _with_group(name):
    def make(user):
        user.groups.add(Group.objects.get(name=name))

    return make


def _with_empty_group(user):
    user.groups.add(Group.objects.create(name="Newsletter readers"))


def _with_admin_access(user):
    user.user_permissions.add(
        Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
    )


def _expert_group_with_page_rights(user):
    experts = Group.objects.get_or_create(name=EXPERTS_GROUP)[0]
    user.groups.add(experts)
    GroupPagePermission.objects.create(
        group=experts,
        page=ExpertDirectoryPage.objects.first(),
        permission=Permission.objects.get(
            content_type__app_label="wagtailcore", codename="change_page"
        ),
    )


PRIVILEGED = {
    "country-moderator": _with_group("Ukraine moderators"),
    "country-editor": _with_group("Ukraine editors"),
    "translator": _with_group("Translators (uk)"),
    "regional-editor": _with_group("Regional editors"),
    "expert-and-editor": lambda user: (
        _with_group(EXPERTS_GROUP)(user),
        _with_group("Ukraine editors")(user),
    ),
    "group-without-rights": _with_empty_group,
    "admin-access-permission": _with_admin_access,
    "experts-group-granted-page-rights": _expert_group_with_page_rights,
    "staff-flag": lambda user: None,
    "superuser": lambda user: None,
}


@pytest.fixture(params=sorted(PRIVILEGED))
def privileged_account(request, db):
    kind = request.param
    user = get_user_model().objects.create_user(
        "ukraine.moderator",
        "ukraine.moderator@example.org",
        "moderator-password",
        is_staff=kind == "staff-flag",
        is_superuser=kind == "superuser",
    )
    PRIVILEGED[kind](user)
    return get_user_model().objects.get(pk=user.pk)


def account_snapshot(user):
    user = get_user_model().objects.get(pk=user.pk)
    return {
        "password": user.password,
        "is_active": user.is_active,
        "is_staff": user.is_staff,
        "is_superuser": user.is_superuser,
        "last_login": user.last_login,
        "groups": sorted(user.groups.values_list("name", flat=True)),
        "permissions": sorted(user.user_permissions.values_list("codename", flat=True)),
    }


def profiles_snapshot(profile):
    return sorted(
        ExpertProfilePage.objects.filter(translation_key=profile.translation_key).values_list(
            "pk", "user_id", "live", "has_unpublished_changes"
        )
    )


def test_an_editor_cannot_invite_an_address_with_rights(
    client, make_user, serbian_profile, privileged_account
):
    client.force_login(make_user("serbia.editor", "Serbia editors"))
    before = (account_snapshot(privileged_account), profiles_snapshot(serbian_profile))

    response = client.post(
        "/admin/expert-invitations/new/",
        {"email": "Ukraine.Moderator@example.org", "profile": serbian_profile.pk, "language": "sh"},
    )

    assert response.status_code == 200
    assert response.context["form"].errors["email"] == [
        "This address belongs to an account with editorial or administrative rights. An "
        "invitation cannot be used for it: invite the expert at another address, or ask an "
        "administrator for help."
    ]
    assert ExpertInvitation.objects.count() == 0
    assert mail.outbox == []
    assert (account_snapshot(privileged_account), profiles_snapshot(serbian_profile)) == before


def test_an_existing_invitation_cannot_take_over_an_account_given_rights_later(
    client, serbian_profile, privileged_account
):
    # The invitation was sent while the address had no account, or before it gained
    # rights; the link must still refuse, in the invitation's language.
    invitation = ExpertInvitation(
        email="ukraine.moderator@example.org", profile=serbian_profile, language="sh"
    )
    raw_token = invitation.new_token()
    invitation.save()
    link = f"/sh/accounts/invitation/{raw_token}/"
    before = (account_snapshot(privileged_account), profiles_snapshot(serbian_profile))

    shown = client.get(link)
    posted = client.post(link, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})

    for response in (shown, posted):
        assert response.status_code == 409
        html = response.content.decode()
        assert '<html lang="sh">' in html
        assert "Ova adresa pripada nalogu" in html
    assert "_auth_user_id" not in client.session
    assert (account_snapshot(privileged_account), profiles_snapshot(serbian_profile)) == before
    invitation.refresh_from_db()
    assert invitation.used_at is None


def test_rights_given_between_showing_and_submitting_the_form_are_caught(client, serbian_profile):
    user = get_user_model().objects.create_user("future.editor", "future@example.org", "old-pw")
    invitation = ExpertInvitation(
        email="future@example.org", profile=serbian_profile, language="en"
    )
    raw_token = invitation.new_token()
    invitation.save()
    link = f"/en/accounts/invitation/{raw_token}/"
    assert client.get(link).status_code == 200
    user.groups.add(Group.objects.get(name="Serbia editors"))
    before = (account_snapshot(user), profiles_snapshot(serbian_profile))

    response = client.post(link, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})

    assert response.status_code == 409
    assert (account_snapshot(user), profiles_snapshot(serbian_profile)) == before


def test_an_account_that_is_only_an_experts_can_be_invited_to_another_profile(
    client, make_user, serbian_profile
):
    expert = get_user_model().objects.create_user("only.expert", "only.expert@example.org", "pw")
    expert.groups.add(Group.objects.get_or_create(name=EXPERTS_GROUP)[0])
    client.force_login(make_user("serbia.editor", "Serbia editors"))
    response = client.post(
        "/admin/expert-invitations/new/",
        {"email": "only.expert@example.org", "profile": serbian_profile.pk, "language": "en"},
    )
    assert response.status_code == 302
    client.logout()
    link = re.search(r"/en/accounts/invitation/[^\s/]+/", mail.outbox[-1].body).group(0)
    response = client.post(link, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})
    assert response.status_code == 302
    expert.refresh_from_db()
    assert expert.check_password(NEW_PASSWORD)
    assert list(expert.groups.values_list("name", flat=True)) == [EXPERTS_GROUP]
    assert {row[1] for row in profiles_snapshot(serbian_profile)} == {expert.pk}
