import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.utils import timezone

from events.models import EventPage
from expert_profiles.models import ExpertProfilePage
from home.demo.builder import DemoBuilder
from news.models import NewsPage
from portal.languages import COUNTRIES
from vacancies.models import VacancyPage

WATCHED_APPS = {
    "wagtailcore",
    "home",
    "news",
    "events",
    "vacancies",
    "expert_profiles",
    "library",
    "wagtaildocs",
    "wagtail_localize",
    "wagtailimages",
    "auth",
}


def row_counts():
    return {
        model._meta.label: model.objects.count()
        for model in apps.get_models()
        if model._meta.app_label in WATCHED_APPS
    }


def test_demo_data(client, db, django_capture_on_commit_callbacks):
    """One build (it takes a while), then every property the portal promises of it."""
    with django_capture_on_commit_callbacks(execute=True):
        DemoBuilder().run()
    check_every_country_in_its_language()
    check_demo_accounts()
    check_pages_render_in_their_language(client)
    check_terms_keep_their_own_names()
    check_webinars(client)
    check_library(client)

    # Idempotent: a second run changes no row counts.
    before = row_counts()
    with django_capture_on_commit_callbacks(execute=True):
        DemoBuilder().run()
    assert row_counts() == before


def check_every_country_in_its_language():
    now = timezone.now()
    for country in COUNTRIES:
        own = {"country": country.slug, "locale__language_code": country.language}
        assert NewsPage.objects.live().filter(**own).count() >= 3, country.slug
        assert EventPage.objects.live().filter(**own).count() >= 2, country.slug
        assert VacancyPage.objects.live().filter(**own, closes_at__lte=now).count() == 1, (
            country.slug
        )
        assert VacancyPage.objects.live().filter(**own, closes_at__gt=now).exists(), country.slug
        assert ExpertProfilePage.objects.live().filter(**own).count() >= 2, country.slug
        english = (
            NewsPage.objects.live().filter(country=country.slug, locale__language_code="en").count()
        )
        assert 0 < english < NewsPage.objects.filter(**own).count(), country.slug
    assert EventPage.objects.filter(event_format="online", title__icontains="eb").exists()


def check_terms_keep_their_own_names():
    """Translating a page into English once rewrote the English topics it carried
    with their Ukrainian names: every term keeps the name the content gives it."""
    from expert_profiles.models import ExpertiseArea
    from home.demo.content import EXPERTISE_AREAS, TOPICS
    from news.models import Topic

    for model, terms in ((Topic, TOPICS), (ExpertiseArea, EXPERTISE_AREAS)):
        for term in terms:
            for code, name in term["names"].items():
                stored = model.objects.get(slug=term["slug"], locale__language_code=code)
                assert stored.name == name, (term["slug"], code)


def check_demo_accounts():
    usernames = set(get_user_model().objects.values_list("username", flat=True))
    assert {"admin", "regional.editor", "ukraine.editor", "serbia.editor", "expert"} <= usernames
    expert = get_user_model().objects.get(username="expert")
    assert expert.expert_profiles.exists()
    assert not expert.has_perm("wagtailadmin.access_admin")
    assert (
        get_user_model().objects.get(username="serbia.editor").has_perm("wagtailadmin.access_admin")
    )


def check_pages_render_in_their_language(client):
    page = NewsPage.objects.live().filter(locale__language_code="uk").first()
    html = client.get(page.url).content.decode()
    assert '<html lang="uk">' in html
    assert page.title in html
    english = page.get_translation_or_none(page.locale.__class__.objects.get(language_code="en"))
    if english is not None:
        assert 'hreflang="en"' in html


def test_command_refuses_production_and_skips_a_full_database(db, settings):
    settings.DEBUG = False
    with pytest.raises(CommandError):
        call_command("load_demo_data")
    settings.DEBUG = True
    before = row_counts()
    call_command("load_demo_data", "--only-if-empty")
    assert row_counts() == before


def check_webinars(client):
    """An upcoming webinar with registrations in uk and another language, and a past
    one with a recording, slides and certificates."""
    from events.models import Certificate, Registration

    now = timezone.now()
    upcoming = EventPage.objects.live().filter(
        registration_enabled=True, start__gt=now, registrations__isnull=False
    )
    languages = set(
        Registration.objects.filter(event_key__in=upcoming.values("translation_key")).values_list(
            "language", flat=True
        )
    )
    assert {"uk", "en"} <= languages
    past = EventPage.objects.live().filter(end__lt=now).exclude(recording_url="")
    past = [page for page in past if page.slides and page.transcript_id]
    assert past
    assert Certificate.objects.filter(event_key=past[0].translation_key).exists()
    html = client.get(past[0].url).content.decode()
    assert past[0].recording_url in html
    assert "meet.example.org" not in html


def check_library(client):
    from library.models import DocumentText, PublicationPage

    # A few publications in Ukrainian, BHS and Romanian, some translated into English.
    assert PublicationPage.objects.live().filter(locale__language_code="uk").count() >= 3
    assert PublicationPage.objects.live().filter(locale__language_code="sh").exists()
    english = PublicationPage.objects.live().filter(locale__language_code="en")
    assert english.count() >= 2
    # Their real files were read: the English library finds one by a word inside a PDF.
    assert DocumentText.objects.filter(status=DocumentText.EXTRACTED).count() >= 5
    response = client.get("/en/library/?q=kontrolne")
    assert "Handbook for teachers" in response.content.decode()
    assert client.get("/uk/library/trainers/").status_code == 200
    # A training material links to the past webinar it belongs to, where its language has one.
    linked = PublicationPage.objects.live().filter(webinar__isnull=False)
    assert linked.exists()
    for publication in linked:
        assert publication.publication_type == "training"
        assert publication.related_webinar.has_materials
    html = client.get(linked[0].url).content.decode()
    assert f'href="{linked[0].related_webinar.url}"' in html
