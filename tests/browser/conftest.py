"""A real Chromium (Debian's /usr/bin/chromium, driven by Playwright) against a live
server. The content is built once per module inside a transaction that is rolled
back at the end, and the server thread shares the test's database connection, so
it sees that content on SQLite in memory and on PostgreSQL alike."""

import os
import shutil
from pathlib import Path

import pytest
from django.contrib.staticfiles.handlers import StaticFilesHandler
from django.core import signals
from django.core.servers.basehttp import ThreadedWSGIServer
from django.db import close_old_connections, connections, transaction
from django.test.testcases import LiveServerThread

from portal.languages import LANGUAGE_CODES

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
AXE_JS = Path(__file__).parent / "vendor" / "axe-core-4.14.1" / "axe.min.js"

requires_chromium = pytest.mark.skipif(
    not CHROMIUM.exists() and not shutil.which("chromium"),
    reason="Chromium is not installed at /usr/bin/chromium (.ci/run installs it with apt)",
)


EXPERT_USERNAME = "browser.expert"
EXPERT_PASSWORD = "Browser-expert-2026!"  # noqa: S105 - a throwaway test account


def build_browser_content():
    import datetime

    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group
    from django.utils import timezone

    from events.factories import EventPageFactory
    from events.models import EventIndexPage
    from expert_profiles.factories import ExpertiseAreaFactory, ExpertProfilePageFactory
    from expert_profiles.models import ExpertDirectoryPage
    from home.factories import ImageFactory
    from home.models import CountryPage
    from library.factories import DocumentFactory, PublicationPageFactory
    from library.models import LibraryIndexPage
    from news.factories import NewsPageFactory, TopicFactory
    from news.models import NewsIndexPage
    from vacancies.factories import VacancyPageFactory
    from vacancies.models import VacancyIndexPage

    expert = get_user_model().objects.create_user(
        username=EXPERT_USERNAME, password=EXPERT_PASSWORD, email="browser.expert@example.org"
    )
    expert.groups.add(Group.objects.get(name="Experts"))
    details = {}
    # Long unbroken words, a long venue and a long link: what pushed a Ukrainian event
    # page to 495 px on a 360 px phone.
    long_word = "Міжвідомчаспівпрацявзахистіправдитини"
    long_url = "https://meet.example.org/childhub/" + "webinar-registration-" * 4
    for code in LANGUAGE_CODES:
        section = CountryPage.objects.get(country="ukraine", locale__language_code=code)

        def index(model, section=section):
            return model.objects.child_of(section).get()

        topic = TopicFactory(locale=section.locale, name=f"Topic {code}", slug=f"topic-{code}")
        area = ExpertiseAreaFactory(locale=section.locale)
        details[code] = {
            "news": NewsPageFactory(
                parent=index(NewsIndexPage),
                title=f"Shelter report {code}",
                topics=[topic],
                lead_image=ImageFactory(),
                lead_image_alt="Children in a playground",
            ).url,
            "event": EventPageFactory(
                parent=index(EventIndexPage),
                title=f"Training {code} {long_word}",
                venue=f"{long_word}, {long_url}",
                organiser=f"{long_word} {long_word}",
                registration_url=long_url,
                registration_deadline=timezone.now() + datetime.timedelta(days=3),
            ).url,
            "webinar": EventPageFactory(
                parent=index(EventIndexPage), title=f"Webinar {code}", webinar=True
            ).url,
            "vacancy": VacancyPageFactory(
                parent=index(VacancyIndexPage), title=f"Case manager {code}"
            ).url,
            "expert": ExpertProfilePageFactory(
                parent=index(ExpertDirectoryPage),
                title=f"Olena Expert {code}",
                user=expert,
                areas=[area],
                languages=["uk", "en"],
            ).url,
            "publication": PublicationPageFactory(
                parent=index(LibraryIndexPage),
                title=f"Shelter standards {code}",
                extras={
                    "topics": [topic],
                    "audiences": ["trainers"],
                    "authors": [("person", "Koval, Olena")],
                    "files": [(DocumentFactory(), code)],
                },
            ).url,
        }
    # Made by factories, not published: index them as after a bulk import.
    from search.indexing import rebuild

    rebuild()
    return details


class SharedConnectionServer(ThreadedWSGIServer):
    def _close_connections(self):
        # The connection belongs to the test, whose transaction is still open.
        pass


class SharedConnectionLiveServerThread(LiveServerThread):
    server_class = SharedConnectionServer


@pytest.fixture(scope="module")
def live_site(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
        connection = connections["default"]
        server = None
        # As Django's test client does: a request must not close the shared connection
        # (it would, being inside a transaction) at its start or end.
        signals.request_started.disconnect(close_old_connections)
        signals.request_finished.disconnect(close_old_connections)
        try:
            details = build_browser_content()
            connection.inc_thread_sharing()
            server = SharedConnectionLiveServerThread(
                "127.0.0.1", StaticFilesHandler, connections_override={"default": connection}
            )
            server.daemon = True
            server.start()
            server.is_ready.wait()
            if server.error:
                raise server.error
            yield {"url": f"http://127.0.0.1:{server.port}", "details": details}
        finally:
            if server is not None:
                server.terminate()
                connection.dec_thread_sharing()
            signals.request_started.connect(close_old_connections)
            signals.request_finished.connect(close_old_connections)
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    # Playwright's sync API keeps an event loop in this thread, which Django reads as
    # an async context; the test code itself is plain synchronous code.
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    with sync_playwright() as playwright:
        executable = str(CHROMIUM) if CHROMIUM.exists() else shutil.which("chromium")
        browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        yield browser
        browser.close()
    if previous is None:
        del os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"]
    else:
        os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture
def page(browser):
    # axe-core is injected as an inline script, which the site's Content-Security-Policy
    # rightly refuses; the auditor bypasses it. test_public_pages_break_no_csp_rule
    # checks the policy in a context that does not.
    context = browser.new_context(locale="en-GB", bypass_csp=True)
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture(autouse=True)
def _rollback_without_constraint_check(db):
    """Each test's transaction is rolled back without Django's deferred-constraint
    check, which SQLite cannot run on the search index's FTS table while the live
    server thread shares the connection. Nothing is kept, so nothing is lost."""
    yield
    transaction.set_rollback(True)
