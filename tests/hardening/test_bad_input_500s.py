"""Finding 4: inputs that used to give a 500 now give a clear answer."""

import pytest
from django.contrib.staticfiles.handlers import StaticFilesHandler
from django.core.handlers.wsgi import WSGIHandler
from django.test import RequestFactory
from wagtail.images import get_image_model

from expert_profiles.models import ExpertProfilePage
from home.factories import publish
from news.factories import NewsPageFactory
from news.models import NewsIndexPage
from tests.expert_profiles.conftest import profile_post_data, snapshot
from tests.hardening.uploads import FAKE_PNG, real_png, upload
from tests.utils import superuser

pytestmark = pytest.mark.django_db

INVALID_IMAGE = "Upload a valid image."


def image_rows():
    return sorted(get_image_model().objects.values_list("pk", "file"))


# --- Fake PNG (PNG signature + HTML) -------------------------------------------


def test_a_fake_png_in_the_experts_form_is_a_form_error(client, expert_a):
    user, profile = expert_a
    client.force_login(user)
    before, images = snapshot(profile), image_rows()

    response = client.post(
        "/uk/experts/me/",
        profile_post_data(
            profile, photo=upload("portrait.png", FAKE_PNG, "image/png"), photo_alt="Портрет"
        ),
    )

    assert response.status_code == 400
    assert response.context["form"].errors["photo"][0].startswith("Завантажте коректне зображення")
    assert snapshot(profile) == before
    assert image_rows() == images


def test_a_fake_png_in_the_admin_multiple_upload_is_refused(client):
    client.force_login(superuser())
    images = image_rows()

    response = client.post(
        "/admin/images/multiple/add/", {"files[]": upload("photo.png", FAKE_PNG, "image/png")}
    )

    assert response.status_code == 200
    data = response.json()
    assert data["success"] is False
    assert INVALID_IMAGE in data["error_message"]
    assert image_rows() == images


def test_a_fake_png_in_the_admin_chooser_upload_is_refused(client):
    client.force_login(superuser())
    images = image_rows()

    response = client.post(
        "/admin/images/chooser/create/",
        {
            "image-chooser-upload-title": "Photo",
            "image-chooser-upload-file": upload("photo.png", FAKE_PNG, "image/png"),
        },
    )

    assert response.status_code == 200
    assert INVALID_IMAGE in response.content.decode()
    assert image_rows() == images


def test_a_fake_png_in_the_admin_single_upload_is_refused(client):
    client.force_login(superuser())
    images = image_rows()

    response = client.post(
        "/admin/images/add/", {"title": "Photo", "file": upload("photo.png", FAKE_PNG, "image/png")}
    )

    assert response.status_code == 200
    assert INVALID_IMAGE in response.content.decode()
    assert image_rows() == images


def test_a_real_png_still_uploads_everywhere(client, expert_a):
    client.force_login(superuser())
    response = client.post(
        "/admin/images/multiple/add/", {"files[]": upload("ok.png", real_png(), "image/png")}
    )
    assert response.json()["success"] is True
    user, profile = expert_a
    client.force_login(user)
    response = client.post(
        "/uk/experts/me/",
        profile_post_data(
            profile, photo=upload("me.png", real_png(), "image/png"), photo_alt="Портрет"
        ),
    )
    assert response.status_code == 302
    draft = ExpertProfilePage.objects.get(pk=profile.pk).get_latest_revision_as_object()
    assert draft.photo is not None


# --- API field filters ----------------------------------------------------------


@pytest.mark.parametrize("value", ["x", "-1", "*", "owner", "2026-13-45", "99999999999999999999"])
def test_a_bad_date_filter_is_a_400_with_a_message(client, value):
    response = client.get("/api/v2/pages/", {"first_published_at": value})
    assert response.status_code == 400
    assert response.json()["message"] == (
        f"“{value}” is not a valid value for the “first_published_at” filter."
    )


def test_an_integer_filter_out_of_range_is_a_400(client):
    response = client.get("/api/v2/pages/", {"id": "9" * 30})
    assert response.status_code == 400
    assert "is not a valid value" in response.json()["message"]


def test_the_filter_message_follows_the_visitors_language(client):
    response = client.get("/api/v2/pages/", {"first_published_at": "x"}, HTTP_ACCEPT_LANGUAGE="uk")
    assert response.status_code == 400
    assert "first_published_at" in response.json()["message"]
    assert "недійсне" in response.json()["message"]


def test_a_valid_date_filter_still_filters(client, home, index_of):
    news = NewsPageFactory(parent=index_of(home, NewsIndexPage), title="Dated")
    publish(news)
    news.refresh_from_db()
    value = news.first_published_at.isoformat()
    response = client.get("/api/v2/pages/", {"first_published_at": value})
    assert response.status_code == 200
    assert [item["id"] for item in response.json()["items"]] == [news.pk]


# --- NUL bytes ------------------------------------------------------------------

NUL_MESSAGE = "contains a character that cannot be used (a NUL byte)"


@pytest.mark.parametrize(
    "url",
    [
        "/api/v2/pages/?locale=1%00",
        "/api/v2/pages/find/?html_path=%00",
        "/api/v2/images/?search=en%00",
        "/api/v2/documents/?title=%00",
    ],
)
def test_a_nul_byte_in_an_api_filter_is_a_400(client, url):
    response = client.get(url)
    assert response.status_code == 400
    assert NUL_MESSAGE in response.json()["message"]


def test_a_nul_byte_on_a_page_is_a_400_in_the_visitors_language(client):
    response = client.get("/uk/news/?topic=%00")
    assert response.status_code == 400
    html = response.content.decode()
    assert '<html lang="uk">' in html
    assert "NUL" in html and "символ" in html


def test_a_nul_byte_in_a_form_field_is_a_400_and_nothing_changes(client, expert_a):
    user, profile = expert_a
    client.force_login(user)
    before = snapshot(profile)
    response = client.post("/uk/experts/me/", profile_post_data(profile, summary="Hi\x00there"))
    assert response.status_code == 400
    assert snapshot(profile) == before


# --- Admin revision 0 -------------------------------------------------------------


@pytest.mark.parametrize("revision", ["0", "00"])
def test_reverting_to_revision_zero_is_a_404(client, home, revision):
    client.force_login(superuser())
    response = client.get(f"/admin/pages/{home.pk}/revisions/{revision}/revert/")
    assert response.status_code == 404


# --- Static files under runserver ---------------------------------------------------


@pytest.mark.parametrize(
    "path",
    [
        "/static/../portal/settings/base.py",
        "/static/../../etc/passwd",
        "/static/css/../../settings/base.py",
        "/static/..%2fportal%2fsettings%2fbase.py",
    ],
)
def test_runserver_static_handler_never_serves_source(settings, path):
    settings.DEBUG = True
    environ = RequestFactory()._base_environ(PATH_INFO=path, REQUEST_METHOD="GET")
    statuses = []
    body = b"".join(
        StaticFilesHandler(WSGIHandler())(environ, lambda status, headers: statuses.append(status))
    )
    assert statuses[0].startswith("404")
    assert b"SECRET_KEY" not in body


@pytest.mark.parametrize(
    "url", ["/en/search/?q=shel%00ter", "/en/news/?topic=%00", "/en/experts/?q=%00%00"]
)
def test_a_nul_byte_in_a_listing_or_search_is_a_400_with_a_message(client, url):
    # These gave a normal page before the site-wide guard; now they are refused the
    # same way everywhere.
    response = client.get(url)
    assert response.status_code == 400
    assert NUL_MESSAGE in response.content.decode()
