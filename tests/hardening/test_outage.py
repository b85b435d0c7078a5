"""Finding 5: while the database is down, public pages answer 503 with Retry-After
and a short page in the visitor's language, rendered without the database. The
restart drill (bin/db-outage-drill) does the same against a real PostgreSQL."""

from unittest import mock

import pytest
from django.db import InterfaceError, OperationalError
from django.db.backends.utils import CursorWrapper
from django.test import Client

pytestmark = pytest.mark.django_db


def database_down(error=None):
    """Every query of the request fails as it does while PostgreSQL restarts."""
    error = error or OperationalError("server closed the connection unexpectedly")
    return mock.patch.object(CursorWrapper, "execute", side_effect=error)


@pytest.fixture
def browser():
    # As in production: an exception becomes the handler's answer, not a test error.
    return Client(raise_request_exception=False)


@pytest.mark.parametrize("url", ["/uk/", "/uk/news/", "/uk/search/?q=школа", "/uk/experts/"])
def test_public_pages_answer_503_in_the_visitors_language(browser, home_for, url):
    home_for("uk")
    with database_down():
        response = browser.get(url)
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    html = response.content.decode()
    assert '<html lang="uk">' in html
    assert "Тимчасово недоступно" in html


def test_a_lost_connection_is_also_an_outage(browser, home_for):
    home_for("en")
    with database_down(InterfaceError("connection already closed")):
        response = browser.get("/en/")
    assert response.status_code == 503
    assert "Temporarily unavailable" in response.content.decode()


def test_the_api_answers_503_in_json(browser):
    with database_down():
        response = browser.get("/api/v2/pages/", HTTP_ACCEPT_LANGUAGE="fr")
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert "base de données" in response.json()["message"]


def test_healthz_says_the_database_is_down(browser):
    assert browser.get("/healthz").status_code == 200
    with database_down():
        response = browser.get("/healthz")
    assert response.status_code == 503
    assert response.json() == {"status": "unavailable"}
    assert response["Retry-After"] == "30"


def test_a_bug_is_still_a_500(browser, home_for):
    home_for("en")
    with mock.patch.object(CursorWrapper, "execute", side_effect=ZeroDivisionError):
        response = browser.get("/en/")
    assert response.status_code == 500
    assert "Something went wrong" in response.content.decode()


def test_development_does_not_keep_connections(settings):
    # runserver opens a thread per request; persistent connections piled up past
    # PostgreSQL's limit. Health checks stay on for the production setting.
    from portal.settings import dev

    assert dev.DATABASES["default"]["CONN_MAX_AGE"] == 0
    assert dev.DATABASES["default"]["CONN_HEALTH_CHECKS"] is True
