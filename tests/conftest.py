"""Shared fixtures: the whole ten-locale page tree is built once per test session
(as `build_site_tree` builds it), and each test runs in a rolled-back transaction."""

import pytest
from django.utils import translation
from wagtail.models import Locale

from governance.roles import setup_roles
from home.models import CountryPage, HomePage
from home.site_tree import build_page_tree


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker, request):
    from tests.services.conftest import copy_test_database

    with django_db_blocker.unblock():
        build_page_tree()
        setup_roles()
        # For the tests that run app servers and workers in other processes.
        copy_test_database(request)


@pytest.fixture(scope="session", autouse=True)
def _mail_through_the_queue(django_test_environment):
    """Django's test set-up swaps EMAIL_BACKEND for its outbox. Put the queue back in
    front of it: mail goes through the deliver_email task (run inline by the immediate
    backend) and reaches the outbox as the transport (PORTAL_EMAIL_TRANSPORT)."""
    from django.conf import settings

    settings.EMAIL_BACKEND = "portal.mail.QueuedEmailBackend"


@pytest.fixture(autouse=True)
def _english_by_default(settings):
    settings.LANGUAGE_CODE = "en"
    # A language activated by an earlier test (a request's middleware, a command run
    # in a language) must not leak into the next one.
    translation.activate("en")
    yield
    translation.deactivate()


@pytest.fixture(autouse=True)
def _no_cached_pages_from_earlier_tests():
    """Whatever an earlier test left in the page cache is dropped (a new generation),
    so no test is answered with another test's content."""
    from portal.page_cache import bump_generation

    bump_generation()


@pytest.fixture
def page_cache(settings):
    """The anonymous page cache switched on, as in production (portal/page_cache.py)."""
    settings.PAGE_CACHE_SECONDS = 300
    return settings


@pytest.fixture
def locales(db):
    return {locale.language_code: locale for locale in Locale.objects.all()}


@pytest.fixture
def home(locales):
    return HomePage.objects.get(locale=locales["en"])


@pytest.fixture
def home_for(locales):
    def get(code):
        return HomePage.objects.get(locale=locales[code])

    return get


@pytest.fixture
def country_section(locales):
    """country_section("ukraine", "uk") -> that CountryPage."""

    def get(country, code="en"):
        return CountryPage.objects.get(country=country, locale=locales[code])

    return get


@pytest.fixture
def index_of():
    """index_of(parent, NewsIndexPage) -> the parent's index of that type."""

    def get(parent, model):
        return model.objects.child_of(parent).get()

    return get


@pytest.fixture
def make_user(db):
    """make_user("serbia.editor", "Serbia editors") -> a user in those groups."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group

    def make(username, *groups, **extra):
        user = get_user_model().objects.create_user(username=username, password="pw", **extra)
        for name in groups:
            user.groups.add(Group.objects.get(name=name))
        return user

    return make
