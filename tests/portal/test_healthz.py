"""/healthz names the database, the cache and the storage, answers 503 when any one of
them fails, and stays cheap."""

import socket

import pytest
from django.db import DatabaseError, connection

pytestmark = pytest.mark.django_db

ALL_OK = {"status": "ok", "database": "ok", "cache": "ok", "storage": "ok"}


def closed_port():
    """A port on 127.0.0.1 where nothing listens (bound, then released)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_all_parts_answer(client, django_assert_num_queries):
    with django_assert_num_queries(1):
        response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == ALL_OK
    assert "no-cache" in response["Cache-Control"]


def test_the_database_down_is_named(client, monkeypatch):
    def refused(*args, **kwargs):
        raise DatabaseError("connection refused")

    monkeypatch.setattr(connection, "cursor", refused)
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json() == {**ALL_OK, "status": "unavailable", "database": "unavailable"}


def test_a_cache_server_that_does_not_answer_is_named(client, settings):
    settings.CACHES = {
        **settings.CACHES,
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": f"redis://127.0.0.1:{closed_port()}/0",
        },
    }
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json() == {**ALL_OK, "status": "unavailable", "cache": "unavailable"}


def test_a_cache_that_keeps_nothing_is_named(client, settings):
    settings.CACHES = {
        **settings.CACHES,
        "default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"},
    }
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["cache"] == "unavailable"


def test_a_storage_that_cannot_be_read_is_named(client, settings, tmp_path):
    not_a_folder = tmp_path / "media"
    not_a_folder.write_text("a file where the media folder should be")
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(not_a_folder)},
        },
    }
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json() == {**ALL_OK, "status": "unavailable", "storage": "unavailable"}


def test_a_media_folder_not_created_yet_is_healthy(client, settings, tmp_path):
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(tmp_path / "not-yet")},
        },
    }
    assert client.get("/healthz").json() == ALL_OK
