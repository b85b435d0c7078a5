"""Expert A cannot read or change expert B's profile or draft, whatever they tamper
with; experts never reach the admin. Every test checks the database stayed as it was."""

import pytest

from expert_profiles.models import ExpertProfilePage
from tests.expert_profiles.conftest import profile_post_data, snapshot

pytestmark = pytest.mark.django_db

ME = "/uk/experts/me/"


@pytest.fixture
def b_has_a_secret_draft(client, expert_b):
    user_b, page_b = expert_b
    client.force_login(user_b)
    client.post(ME, profile_post_data(page_b, organisation="ТАЄМНА ЧЕРНЕТКА Б"))
    client.logout()
    page_b = ExpertProfilePage.objects.get(pk=page_b.pk)
    assert page_b.has_unpublished_changes
    return page_b


def test_a_cannot_read_bs_draft_through_tampered_urls(client, expert_a, b_has_a_secret_draft):
    user_a, page_a = expert_a
    page_b = b_has_a_secret_draft
    before = snapshot(page_b)
    client.force_login(user_a)
    for url in [
        f"{ME}?page={page_b.pk}",
        f"{ME}?id={page_b.pk}",
        f"{ME}?user={page_b.user_id}",
        f"/uk/experts/me/{page_b.pk}/",
        f"{page_b.url}?preview=1",
        f"/admin/pages/{page_b.pk}/view_draft/",
        f"/admin/pages/{page_b.pk}/edit/",
        f"/admin/pages/{page_b.pk}/revisions/{page_b.latest_revision_id}/view/",
    ]:
        response = client.get(url, follow=True)
        assert "ТАЄМНА ЧЕРНЕТКА Б" not in response.content.decode(), url
        assert "bohdan.private" not in response.content.decode(), url
    assert snapshot(page_b) == before
    # What /experts/me/ shows is A's own profile.
    assert client.get(f"{ME}?page={page_b.pk}").context["profile"].pk == page_a.pk


@pytest.mark.parametrize(
    "forged",
    [
        {"page": "B"},
        {"id": "B"},
        {"page_id": "B"},
        {"user": "B_USER"},
        {"owner": "B_USER"},
        {"slug": "hijacked"},
        {"country": "serbia"},
        {"verified": "on"},
        {"featured": "on"},
        {"email": "attacker@example.org"},
        {"path": "0001"},
        {"title": "Someone else"},
    ],
)
def test_forged_fields_are_rejected_and_change_nothing(client, expert_a, expert_b, forged):
    user_a, page_a = expert_a
    user_b, page_b = expert_b
    values = {
        key: str(page_b.pk) if value == "B" else str(user_b.pk) if value == "B_USER" else value
        for key, value in forged.items()
    }
    before_a, before_b = snapshot(page_a), snapshot(page_b)
    client.force_login(user_a)
    response = client.post(ME, profile_post_data(page_a, organisation="Changed", **values))
    assert response.status_code == 400
    message = " ".join(str(e) for e in response.context["form"].non_field_errors())
    assert list(values)[0] in message
    assert snapshot(page_a) == before_a
    assert snapshot(page_b) == before_b


def test_unknown_extra_fields_are_ignored(client, expert_a, expert_b):
    user_a, page_a = expert_a
    before_b = snapshot(page_b := expert_b[1])
    client.force_login(user_a)
    response = client.post(
        ME,
        profile_post_data(
            page_a, organisation="Нова назва", seo_title="SEO hijack", show_in_menus="on"
        ),
    )
    assert response.status_code == 302
    draft = ExpertProfilePage.objects.get(pk=page_a.pk).get_latest_revision_as_object()
    assert draft.organisation == "Нова назва"
    assert draft.seo_title == ""
    assert not draft.show_in_menus
    # Nothing the expert does not own moved in the draft either.
    for name in ["slug", "country", "verified", "featured", "user_id", "owner_id", "email"]:
        assert getattr(draft, name) == getattr(page_a, name), name
    assert snapshot(page_b) == before_b


def test_a_can_only_ever_save_their_own_profile(client, expert_a, expert_b):
    user_a, page_a = expert_a
    user_b, page_b = expert_b
    before_b = snapshot(page_b)
    client.force_login(user_a)
    # B's profile id in the query string does not redirect the save.
    client.post(f"{ME}?page={page_b.pk}", profile_post_data(page_a, organisation="A saved"))
    client.post(f"/uk/experts/me/confirm/?page={page_b.pk}")
    assert snapshot(page_b) == before_b
    assert (
        ExpertProfilePage.objects.get(pk=page_a.pk).get_latest_revision_as_object().organisation
        == "A saved"
    )


def test_anonymous_and_other_users_cannot_reach_someone_elses_profile(
    client, django_user_model, expert_a
):
    page_a = expert_a[1]
    before = snapshot(page_a)
    assert client.post("/uk/experts/me/confirm/").status_code == 302
    outsider = django_user_model.objects.create_user("outsider", "o@example.org", "pw")
    client.force_login(outsider)
    assert client.get(f"{ME}?page={page_a.pk}").status_code == 404
    response = client.post(ME, profile_post_data(page_a, organisation="Outsider"))
    assert response.status_code == 404
    assert client.post("/uk/experts/me/confirm/").status_code == 404
    assert snapshot(page_a) == before


def test_an_expert_cannot_reach_the_admin(client, expert_a):
    user, page = expert_a
    before = snapshot(page)
    client.force_login(user)
    response = client.get("/admin/")
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")
    response = client.get(f"/admin/pages/{page.pk}/edit/")
    assert response.status_code in (302, 403)
    response = client.post(
        f"/admin/pages/{page.pk}/edit/", {"title": "Admin hijack", "slug": "admin-hijack"}
    )
    assert response.status_code in (302, 403)
    response = client.get("/admin/expert-invitations/")
    assert response.status_code in (302, 403)
    assert snapshot(page) == before
