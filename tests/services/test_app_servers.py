"""Two gunicorn app servers with the production settings, sharing PostgreSQL and Redis,
behave as one site: what is published through one is served by the other, and a
sign-in lockout started on one holds on the other."""

import pytest

from tests.services.conftest import PASSWORD, Visitor

# The servers use a committed copy of the test database (live_database), which needs
# the test database set up.
pytestmark = pytest.mark.django_db


def sign_in(visitor, server, username, password, path="/en/accounts/login/"):
    return visitor.submit(server + path, {"username": username, "password": password})


def signed_in(response):
    return response.status_code == 302 and "sessionid" in response.cookies


def test_both_servers_report_every_service(app_servers):
    for server in app_servers:
        response = Visitor().get(server + "/healthz")
        assert response.status_code == 200
        assert response.json() == {
            "status": "ok",
            "database": "ok",
            "cache": "ok",
            "storage": "ok",
        }


def public_get(server, url):
    """A visitor's GET as a load balancer passes it on: the same Host header whichever
    server answers (the page cache keys on the host, which here would differ by port)."""
    return Visitor().request("GET", server + url, headers={"Host": "localhost"})


def test_a_page_published_through_one_server_is_served_by_the_other(app_servers, live_site):
    """The page cache is on (the production default) and shared through Redis: a copy
    stored by one server is a hit on the other, and a publish on one purges both."""
    server_a, server_b = app_servers
    page_url = live_site["news_url"]
    showing = [page_url, "/en/news/", "/en/", "/en/news/feed/"]
    for url in showing:
        before = public_get(server_b, url)
        assert before.status_code == 200, url
        assert before.headers["X-Cache"] == "miss", url
        assert "Training dates before the change" in before.text, url
        # Stored by B, served by A from the shared cache, compressed (no secret in it).
        again = public_get(server_a, url)
        assert again.headers["X-Cache"] == "hit", url
        assert again.headers["Content-Encoding"] == "gzip", url
        assert "s-maxage=300" in again.headers["Cache-Control"], url
        assert "Set-Cookie" not in again.headers, url

    editor = Visitor()
    assert signed_in(sign_in(editor, server_a, "live.admin", PASSWORD, path="/admin/login/"))
    bulk_publish = f"{server_a}/admin/bulk/wagtailcore/page/publish/?id={live_site['news']}"
    response = editor.submit(bulk_publish, {})
    assert response.status_code == 302, response.text[:500]

    for server in [server_b, server_a]:
        for url in showing:
            after = public_get(server, url)
            assert after.status_code == 200, url
            assert "Training dates after the change" in after.text, url
            assert "Training dates before the change" not in after.text, url


def test_a_sign_in_lockout_started_on_one_server_holds_on_the_other(app_servers):
    server_a, server_b = app_servers
    guesser = Visitor()
    # Five wrong passwords, spread over both servers.
    for attempt in range(5):
        server = app_servers[attempt % 2]
        assert not signed_in(sign_in(guesser, server, "locked.expert", "wrong-guess"))

    # The sixth is refused on either server, and so is the right password after it.
    for server in [server_a, server_b]:
        refused = sign_in(guesser, server, "locked.expert", "another-guess")
        assert refused.status_code in {403, 429}, refused.status_code
    for server in [server_b, server_a]:
        refused = sign_in(Visitor(), server, "locked.expert", PASSWORD)
        assert not signed_in(refused)
        assert refused.status_code in {403, 429}, refused.status_code

    # The refusal is the lockout, not a broken sign-in: another account signs in.
    for server in [server_a, server_b]:
        assert signed_in(sign_in(Visitor(), server, "control.expert", PASSWORD))
