"""Finding 3: the sign-in lockout holds across processes. The failures are counted
by django-axes in the database, which every gunicorn worker and app server shares;
the per-process memory cache plays no part. (The two-gunicorn test lives with the
deployment harness; this is the same rule, in process.)"""

import pytest
from axes.models import AccessAttempt
from django.core.cache import cache
from django.test import Client

from tests.expert_profiles.conftest import EXPERT_PASSWORD

pytestmark = pytest.mark.django_db

WRONG = {"username": "expert.a", "password": "not-the-password"}
RIGHT = {"username": "expert.a", "password": EXPERT_PASSWORD}


def fresh_client():
    """Another browser from the same address: no shared session or cookie, as a
    request landing on another worker would be."""
    return Client(REMOTE_ADDR="203.0.113.7")


def test_the_sixth_failed_sign_in_and_the_right_password_after_it_are_refused(expert_a):
    user = expert_a[0]
    password_hash = user.password
    statuses = [fresh_client().post("/uk/accounts/login/", WRONG).status_code for _ in range(5)]
    # The fifth failure is the one that locks; it says so at once.
    assert statuses == [200, 200, 200, 200, 429]

    # Nothing of the count lives in the cache: emptying it (as a restart, or another
    # worker's memory, would) changes nothing.
    cache.clear()
    sixth = fresh_client().post("/uk/accounts/login/", WRONG)
    assert sixth.status_code == 429
    html = sixth.content.decode()
    assert '<html lang="uk">' in html
    assert "Забагато невдалих спроб" in html

    right = fresh_client()
    response = right.post("/uk/accounts/login/", RIGHT)
    assert response.status_code == 429
    assert "_auth_user_id" not in right.session
    admin = fresh_client()
    response = admin.post("/admin/login/", RIGHT, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 429
    assert "Too many failed attempts" in response.content.decode()
    assert "_auth_user_id" not in admin.session

    user.refresh_from_db()
    assert (user.password, user.last_login) == (password_hash, None)
    attempt = AccessAttempt.objects.get(username="expert.a", ip_address="203.0.113.7")
    assert attempt.failures_since_start >= 5


def test_the_lock_is_per_username_and_address(expert_a, expert_b):
    for _ in range(5):
        fresh_client().post("/uk/accounts/login/", WRONG)
    # Another address, or another username from the same address, still signs in.
    elsewhere = Client(REMOTE_ADDR="198.51.100.9")
    assert elsewhere.post("/uk/accounts/login/", RIGHT).status_code == 302
    other = fresh_client()
    response = other.post(
        "/uk/accounts/login/", {"username": "expert.b", "password": EXPERT_PASSWORD}
    )
    assert response.status_code == 302


def test_the_lock_ends_after_the_cool_off(expert_a, settings):
    for _ in range(5):
        fresh_client().post("/uk/accounts/login/", WRONG)
    assert fresh_client().post("/uk/accounts/login/", RIGHT).status_code == 429
    # Read at request time: a zero-second cool-off has already ended.
    settings.PORTAL_LOGIN_LOCKOUT_SECONDS = 0
    assert fresh_client().post("/uk/accounts/login/", RIGHT).status_code == 302


def test_a_success_before_the_limit_resets_the_count(expert_a):
    for _ in range(4):
        fresh_client().post("/uk/accounts/login/", WRONG)
    assert fresh_client().post("/uk/accounts/login/", RIGHT).status_code == 302
    for _ in range(4):
        assert fresh_client().post("/uk/accounts/login/", WRONG).status_code == 200
