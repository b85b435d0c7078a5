"""Invitations from the admin, sign-in with throttling, sign-out and password reset."""

import datetime
import re

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.core import mail
from django.utils import timezone, translation
from django.utils.html import escape
from wagtail.models import GroupPagePermission

from accounts.models import ExpertInvitation, hash_token
from accounts.views import _invitation_problem
from expert_profiles.models import ExpertProfilePage
from home.models import CountryPage
from tests.expert_profiles.conftest import EXPERT_PASSWORD
from tests.utils import translate

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "Kharkiv-spring-2026"  # noqa: S105


def editor_for(country, username):
    """A country editor as the groups command will make one: admin access, page
    permissions on the country's sections, and the invitation permissions."""
    group = Group.objects.create(name=f"{country} editors (test)")
    group.permissions.add(
        Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin"),
        *Permission.objects.filter(
            content_type__app_label="accounts",
            codename__in=[
                "add_expertinvitation",
                "change_expertinvitation",
                "view_expertinvitation",
            ],
        ),
    )
    for section in CountryPage.objects.filter(country=country):
        for codename in ["add_page", "change_page", "view_page"]:
            GroupPagePermission.objects.create(
                group=group,
                page=section,
                permission=Permission.objects.get(
                    content_type__app_label="wagtailcore", codename=codename
                ),
            )
    user = get_user_model().objects.create_user(username, f"{username}@example.org", "pw")
    user.groups.add(group)
    return user


@pytest.fixture
def unowned_profile(ukraine_directory):
    from expert_profiles.factories import ExpertProfilePageFactory

    return ExpertProfilePageFactory(
        parent=ukraine_directory, title="Ірина Іванова", email="iryna.private@example.org"
    )


def invite(client, profile, email="iryna@example.org", language="uk"):
    return client.post(
        "/admin/expert-invitations/new/",
        {"email": email, "profile": profile.pk, "language": language},
    )


def link_from(email_message):
    return re.search(r"https?://[^\s]+/accounts/invitation/[^\s]+/", email_message.body).group(0)


def path_of(url):
    return re.sub(r"^https?://[^/]+", "", url)


def test_a_country_editor_invites_an_expert_in_their_language(client, unowned_profile):
    client.force_login(editor_for("ukraine", "ua.editor"))
    assert client.get("/admin/expert-invitations/").status_code == 200
    response = invite(client, unowned_profile)
    assert response.status_code == 302
    invitation = ExpertInvitation.objects.get()
    assert invitation.profile_id == unowned_profile.pk
    assert invitation.created_by.username == "ua.editor"
    assert len(mail.outbox) == 1
    link = link_from(mail.outbox[0])
    assert "/uk/accounts/invitation/" in link
    raw_token = link.rstrip("/").rsplit("/", 1)[1]
    # Only the hash is stored.
    assert invitation.token_hash == hash_token(raw_token)
    assert raw_token not in invitation.token_hash
    assert not ExpertInvitation.objects.filter(token_hash=raw_token).exists()
    assert invitation.expires_at > timezone.now() + datetime.timedelta(days=6)


def test_an_editor_cannot_invite_for_another_country(client, unowned_profile):
    client.force_login(editor_for("serbia", "rs.editor"))
    response = invite(client, unowned_profile)
    assert response.status_code == 200
    assert "profile" in response.context["form"].errors
    assert ExpertInvitation.objects.count() == 0
    assert mail.outbox == []


def test_an_editor_without_the_permission_cannot_invite(client, unowned_profile):
    editor = editor_for("ukraine", "ua.editor2")
    editor.groups.first().permissions.remove(
        *Permission.objects.filter(content_type__app_label="accounts")
    )
    client.force_login(editor)
    assert client.get("/admin/expert-invitations/").status_code in (302, 403)
    assert invite(client, unowned_profile).status_code in (302, 403)
    assert ExpertInvitation.objects.count() == 0
    assert mail.outbox == []


def test_a_staff_address_cannot_be_invited(client, unowned_profile):
    get_user_model().objects.create_user("boss", "boss@example.org", "pw", is_staff=True)
    client.force_login(editor_for("ukraine", "ua.editor3"))
    response = invite(client, unowned_profile, email="BOSS@example.org")
    assert "email" in response.context["form"].errors
    assert ExpertInvitation.objects.count() == 0


@pytest.fixture
def invitation_link(client, unowned_profile):
    client.force_login(editor_for("ukraine", "ua.editor4"))
    invite(client, unowned_profile)
    client.logout()
    return path_of(link_from(mail.outbox[-1]))


def test_accepting_sets_a_password_links_the_profile_and_lands_on_it(
    client, invitation_link, unowned_profile
):
    english = translate(unowned_profile, "en")
    page = client.get(invitation_link)
    assert page.status_code == 200
    assert "iryna@example.org" in page.content.decode()
    response = client.post(
        invitation_link, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD}
    )
    assert response.status_code == 302
    assert response["Location"] == "/uk/experts/me/"
    user = get_user_model().objects.get(email="iryna@example.org")
    assert user.check_password(NEW_PASSWORD)
    assert user.groups.filter(name="Experts").exists()
    assert not user.is_staff
    for profile in ExpertProfilePage.objects.filter(pk__in=[unowned_profile.pk, english.pk]):
        assert profile.user_id == user.pk
    assert ExpertInvitation.objects.get().used_at is not None
    me = client.get("/uk/experts/me/")
    assert me.status_code == 200
    assert me.context["profile"].pk == unowned_profile.pk


def test_a_weak_or_mismatched_password_is_explained_and_nothing_changes(
    client, invitation_link, unowned_profile
):
    for data in [
        {"new_password1": "123", "new_password2": "123"},
        {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD + "x"},
    ]:
        response = client.post(invitation_link, data)
        assert response.status_code == 200
        assert response.context["form"].errors
    assert not get_user_model().objects.filter(email="iryna@example.org").exists()
    assert ExpertProfilePage.objects.get(pk=unowned_profile.pk).user_id is None
    assert ExpertInvitation.objects.get().used_at is None


def problem_text(invitation, response):
    """The clear message the visitor must see, in the language the page is in."""
    language = response.content.decode().split('<html lang="', 1)[1].split('"', 1)[0]
    with translation.override(language):
        return escape(str(_invitation_problem(invitation)))


def test_a_used_link_fails_clearly_and_changes_nothing(client, invitation_link):
    client.post(invitation_link, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})
    client.logout()
    user = get_user_model().objects.get(email="iryna@example.org")
    used_at = ExpertInvitation.objects.get().used_at
    response = client.post(
        invitation_link, {"new_password1": "Other-pass-2026!", "new_password2": "Other-pass-2026!"}
    )
    assert response.status_code == 410
    assert problem_text(ExpertInvitation.objects.get(), response) in response.content.decode()
    user.refresh_from_db()
    assert user.check_password(NEW_PASSWORD)
    assert ExpertInvitation.objects.get().used_at == used_at
    assert "_auth_user_id" not in client.session


def test_an_expired_link_fails_clearly(client, invitation_link, unowned_profile):
    ExpertInvitation.objects.update(expires_at=timezone.now() - datetime.timedelta(seconds=1))
    response = client.post(
        invitation_link, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD}
    )
    assert response.status_code == 410
    assert problem_text(ExpertInvitation.objects.get(), response) in response.content.decode()
    assert not get_user_model().objects.filter(email="iryna@example.org").exists()
    assert ExpertProfilePage.objects.get(pk=unowned_profile.pk).user_id is None


def test_an_unknown_link_fails_clearly(client, invitation_link):
    response = client.get(invitation_link[:-5] + "xxxx/")
    assert response.status_code == 404
    assert problem_text(None, response) in response.content.decode()


def test_resend_replaces_the_link_and_revoke_stops_it(client, invitation_link, unowned_profile):
    client.force_login(get_user_model().objects.get(username="ua.editor4"))
    invitation = ExpertInvitation.objects.get()
    assert client.post(f"/admin/expert-invitations/{invitation.pk}/resend/").status_code == 302
    assert len(mail.outbox) == 2
    new_link = path_of(link_from(mail.outbox[-1]))
    assert new_link != invitation_link
    client.logout()
    assert client.get(invitation_link).status_code == 404
    assert client.get(new_link).status_code == 200

    client.force_login(get_user_model().objects.get(username="ua.editor4"))
    assert client.post(f"/admin/expert-invitations/{invitation.pk}/revoke/").status_code == 302
    client.logout()
    response = client.post(new_link, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})
    assert response.status_code == 410
    assert (
        problem_text(ExpertInvitation.objects.get(pk=invitation.pk), response)
        in response.content.decode()
    )
    assert ExpertProfilePage.objects.get(pk=unowned_profile.pk).user_id is None


def test_another_countrys_editor_cannot_resend_or_revoke(client, invitation_link):
    invitation = ExpertInvitation.objects.get()
    before = (invitation.token_hash, invitation.revoked_at, invitation.sent_at)
    client.force_login(editor_for("serbia", "rs.editor2"))
    for action in ["resend", "revoke"]:
        response = client.post(f"/admin/expert-invitations/{invitation.pk}/{action}/")
        # A 404 outside the language prefixes is redirected by the LocaleMiddleware.
        assert response.status_code == 404 or response["Location"].startswith("/en/admin/")
    invitation.refresh_from_db()
    assert (invitation.token_hash, invitation.revoked_at, invitation.sent_at) == before
    assert len(mail.outbox) == 1
    assert invitation.email not in client.get("/admin/expert-invitations/").content.decode()


def test_sign_in_and_out(client, expert_a):
    page = client.get("/uk/accounts/login/")
    assert page.status_code == 200
    assert '<html lang="uk">' in page.content.decode()
    response = client.post(
        "/uk/accounts/login/", {"username": "expert.a", "password": EXPERT_PASSWORD}
    )
    assert response.status_code == 302
    assert response["Location"] == "/uk/experts/me/"
    assert client.session["_auth_user_id"] == str(expert_a[0].pk)
    response = client.post("/uk/accounts/logout/")
    assert response.status_code == 302
    assert "_auth_user_id" not in client.session


def test_sign_in_is_throttled_after_repeated_failures(client, expert_a, settings):
    settings.PORTAL_LOGIN_MAX_FAILURES = 5
    user = expert_a[0]
    password_hash = user.password
    for _ in range(4):
        response = client.post("/uk/accounts/login/", {"username": "expert.a", "password": "x"})
        assert response.status_code == 200
    response = client.post("/uk/accounts/login/", {"username": "expert.a", "password": "x"})
    assert response.status_code == 429
    assert response.context["locked_minutes"] == 15
    # Now even the right password is refused, on the public page and in the admin.
    response = client.post(
        "/uk/accounts/login/", {"username": "expert.a", "password": EXPERT_PASSWORD}
    )
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session
    client.post("/admin/login/", {"username": "expert.a", "password": EXPERT_PASSWORD})
    assert "_auth_user_id" not in client.session
    user.refresh_from_db()
    assert user.password == password_hash
    assert user.last_login is None
    # Another username from the same address is not locked.
    other = get_user_model().objects.create_user("other.expert", "x@example.org", EXPERT_PASSWORD)
    response = client.post(
        "/uk/accounts/login/", {"username": "other.expert", "password": EXPERT_PASSWORD}
    )
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(other.pk)


def test_password_reset_by_email(client, expert_a):
    response = client.post("/uk/accounts/password-reset/", {"email": "expert.a@example.org"})
    assert response.status_code == 302
    assert response["Location"] == "/uk/accounts/password-reset/sent/"
    assert len(mail.outbox) == 1
    link = path_of(re.search(r"https?://\S+/password-reset/\S+/\S+/", mail.outbox[0].body).group(0))
    assert link.startswith("/uk/accounts/password-reset/")
    form_page = client.get(link, follow=True)
    assert form_page.context["validlink"]
    response = client.post(
        form_page.redirect_chain[-1][0],
        {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )
    assert response.status_code == 302
    user = expert_a[0]
    user.refresh_from_db()
    assert user.check_password(NEW_PASSWORD)
    # An unknown address says the same and sends nothing.
    response = client.post("/uk/accounts/password-reset/", {"email": "nobody@example.org"})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
