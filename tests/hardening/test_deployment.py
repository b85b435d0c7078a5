"""Finding 6: a clean deployment. check --deploy, throttles that cannot be
per-process, CSP without 'unsafe-inline', honest document and media headers, static
files that fail clearly, plain-text fields, and a rate-limited password reset."""

import json
import os
import re
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.core import mail
from django.core.exceptions import ImproperlyConfigured
from django.core.files.base import ContentFile
from django.core.files.storage import storages
from wagtail.documents import get_document_model

from events.factories import EventPageFactory
from events.models import EventIndexPage
from expert_profiles.models import ExpertProfilePage
from home.factories import ImageFactory, publish
from portal.deployment import require_collected_static, require_shared_cache
from tests.expert_profiles.conftest import profile_post_data

ROOT = Path(__file__).resolve().parents[2]


def production_env(**extra):
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"REDIS_URL", "DATABASE_CACHE", "DJANGO_SETTINGS_MODULE"}
    }
    env.update(
        DJANGO_SETTINGS_MODULE="portal.settings.production",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="childhub.example.org",
        DATABASE_URL="sqlite:////tmp/portal-deploy-check.sqlite3",
        DATABASE_CACHE="on",
    )
    env.update(extra)
    return {key: value for key, value in env.items() if value is not None}


def manage(*args, **env):
    return subprocess.run(  # noqa: S603 - our own manage.py
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=production_env(**env),
        capture_output=True,
        text=True,
        timeout=120,
    )


# --- Settings ------------------------------------------------------------------------


def test_check_deploy_passes_with_the_production_settings():
    result = manage("check", "--deploy", "--fail-level", "WARNING")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def test_production_refuses_a_per_process_cache():
    result = manage("check", DATABASE_CACHE=None, REDIS_URL=None)
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert "is not shared between processes" in result.stderr
    assert "DATABASE_CACHE=on" in result.stderr


def test_production_refuses_a_short_secret_key():
    result = manage("check", SECRET_KEY="x" * 40)
    assert result.returncode != 0
    assert "at least 50 characters" in result.stderr


@pytest.mark.parametrize(
    "backend",
    [
        "django.core.cache.backends.locmem.LocMemCache",
        "django.core.cache.backends.dummy.DummyCache",
        "django.core.cache.backends.filebased.FileBasedCache",
    ],
)
def test_a_per_process_cache_is_refused(backend):
    with pytest.raises(ImproperlyConfigured, match="not shared between processes"):
        require_shared_cache({"default": {"BACKEND": backend}})


@pytest.mark.parametrize(
    "backend",
    ["django.core.cache.backends.redis.RedisCache", "django.core.cache.backends.db.DatabaseCache"],
)
def test_a_shared_cache_is_accepted(backend):
    require_shared_cache({"default": {"BACKEND": backend}})


def test_static_files_not_collected_fail_clearly_at_start(settings, tmp_path):
    settings.STATIC_ROOT = tmp_path
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
    }
    with pytest.raises(ImproperlyConfigured, match="collectstatic"):
        require_collected_static()
    (tmp_path / "staticfiles.json").write_text(json.dumps({"paths": {}, "version": "1.1"}))
    storages._storages.pop("staticfiles", None)
    require_collected_static()


def test_the_wsgi_application_refuses_to_start_before_collectstatic(tmp_path):
    code = "import portal.wsgi"
    result = subprocess.run(  # noqa: S603
        [sys.executable, "-c", code],
        cwd=ROOT,
        env=production_env(STATIC_ROOT=str(tmp_path)),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode != 0
    assert "Static files have not been collected" in result.stderr


# --- Content Security Policy -------------------------------------------------------------


def csp_of(response):
    return dict(
        (part.split(" ", 1) + [""])[:2]
        for part in (p.strip() for p in response["Content-Security-Policy"].split(";"))
        if part
    )


@pytest.mark.django_db
def test_public_pages_have_a_strict_csp_and_the_json_ld_carries_its_nonce(client, home, index_of):
    event = EventPageFactory(parent=index_of(home, EventIndexPage), title="Webinar")
    publish(event)
    for url in ["/en/", event.url, "/en/accounts/login/", "/en/no-such-page/", "/en/?x=%00"]:
        response = client.get(url)
        policy = csp_of(response)
        assert "unsafe-inline" not in response["Content-Security-Policy"], url
        assert policy["default-src"] == "'self'"
        assert policy["object-src"] == "'none'"
        assert policy["frame-ancestors"] == "'self'"
        html = response.content.decode()
        assert "<style" not in html and " style=" not in html, url
        nonce = re.search(r"'nonce-([^']+)'", policy.get("script-src", ""))
        for script in re.findall(r"<script[^>]*>", html):
            # Every inline script is the JSON-LD block, with this response's nonce.
            assert "src=" not in script
            assert nonce and f'nonce="{nonce.group(1)}"' in script, url
    assert re.search(r'<script type="application/ld\+json" nonce=', client.get(event.url).text)


@pytest.mark.django_db
def test_the_admin_has_its_own_csp(admin_client):
    response = admin_client.get("/admin/")
    policy = csp_of(response)
    assert policy["object-src"] == "'none'"
    assert policy["frame-ancestors"] == "'self'"
    assert "nonce-" not in response["Content-Security-Policy"]


# --- Documents and media ------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize(
    "filename, content_type",
    [("report.pdf", "application/pdf"), ("notes.txt", "text/plain"), ("data.csv", "text/csv")],
)
def test_documents_are_served_with_honest_headers(client, filename, content_type):
    document = get_document_model()(title="Report")
    document.file.save(filename, ContentFile(b"%PDF-1.4 content"), save=False)
    document.save()
    assert document.filename.endswith(filename[-4:])

    response = client.get(document.url)

    assert response.status_code == 200
    assert response["Content-Type"].startswith(content_type)
    # PDFs open in the browser (Wagtail's WAGTAILDOCS_INLINE_CONTENT_TYPES), the rest download.
    disposition = "inline" if filename.endswith(".pdf") else "attachment"
    assert response["Content-Disposition"] == f'{disposition}; filename="{document.filename}"'
    # Wagtail's own sandbox for a document opened in the browser.
    assert response["Content-Security-Policy"] == "default-src 'none'"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "Content-Encoding" not in response
    assert b"".join(response.streaming_content) == b"%PDF-1.4 content"


@pytest.mark.django_db
def test_image_files_are_served_in_production_and_nothing_else_is(client, settings):
    settings.PORTAL_SERVE_MEDIA = True
    image = ImageFactory()
    response = client.get(image.file.url)
    assert response.status_code == 200
    assert response["Content-Type"] == "image/jpeg" or response["Content-Type"] == "image/png"
    assert response["X-Content-Type-Options"] == "nosniff"
    rendition = image.get_rendition("fill-20x20")
    assert client.get(rendition.url).status_code == 200
    for path in [
        "/media/documents/anything.pdf",
        "/media/../portal/settings/base.py",
        "/media/images/../../portal/settings/base.py",
        "/media/original_images/missing.png",
    ]:
        assert client.get(path).status_code == 404, path
    settings.PORTAL_SERVE_MEDIA = False
    assert client.get(image.file.url).status_code == 404


# --- Plain-text fields --------------------------------------------------------------------


@pytest.mark.django_db
def test_markup_typed_into_plain_text_fields_is_stripped(client, expert_a):
    user, profile = expert_a
    client.force_login(user)
    response = client.post(
        "/uk/experts/me/",
        profile_post_data(
            profile,
            job_title="<b>Director</b>",
            organisation='<a href="https://evil.example">Fund</a> &amp; Co',
            summary="<img src=x onerror=alert(1)>Helps <i>families</i>.",
        ),
    )
    assert response.status_code == 302
    draft = ExpertProfilePage.objects.get(pk=profile.pk).get_latest_revision_as_object()
    assert (draft.job_title, draft.organisation, draft.summary) == (
        "Director",
        "Fund & Co",
        "Helps families.",
    )


# --- Password reset -------------------------------------------------------------------------


@pytest.mark.django_db
def test_password_reset_is_limited_and_answers_alike_for_known_and_unknown(client, expert_a):
    def attempts(address, n, ip):
        answers = []
        for _ in range(n):
            response = client.post(
                "/uk/accounts/password-reset/", {"email": address}, REMOTE_ADDR=ip
            )
            answers.append((response.status_code, response.get("Location")))
        return answers

    known = attempts("expert.a@example.org", 5, "192.0.2.1")
    unknown = attempts("nobody@example.org", 5, "192.0.2.2")

    redirect = (302, "/uk/accounts/password-reset/sent/")
    assert known == unknown == [redirect] * 3 + [(429, None)] * 2
    assert len(mail.outbox) == 3
    limited = client.post(
        "/uk/accounts/password-reset/", {"email": "nobody@example.org"}, REMOTE_ADDR="192.0.2.2"
    )
    assert "Забагато запитів на скидання пароля" in limited.content.decode()


@pytest.mark.django_db
def test_password_reset_is_limited_per_visitor_address(client, expert_a, settings):
    settings.PORTAL_PASSWORD_RESET_PER_IP_PER_HOUR = 4
    statuses = [
        client.post(
            "/uk/accounts/password-reset/", {"email": f"someone{i}@example.org"}
        ).status_code
        for i in range(6)
    ]
    assert statuses == [302] * 4 + [429] * 2


@pytest.mark.django_db
def test_password_reset_mails_an_account_at_most_the_limit(client, expert_a, settings):
    # Different spellings of the address, from different visitors, reach one account.
    settings.PORTAL_PASSWORD_RESET_PER_ACCOUNT_PER_HOUR = 2
    for i, address in enumerate(
        ["expert.a@example.org", "EXPERT.A@example.org", " Expert.A@Example.org"]
    ):
        response = client.post(
            "/uk/accounts/password-reset/", {"email": address}, REMOTE_ADDR=f"192.0.2.{10 + i}"
        )
        assert response.status_code == 302
    assert len(mail.outbox) == 2
