"""Two experts with their own profiles in the Ukrainian tree, for the self-service,
contact and security tests."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.cache import cache

from expert_profiles.factories import ExpertiseAreaFactory, ExpertProfilePageFactory
from expert_profiles.models import ExpertDirectoryPage, ExpertProfilePage
from home.factories import publish

EXPERT_PASSWORD = "a-long-test-password-1"  # noqa: S105


@pytest.fixture(autouse=True)
def _empty_cache():
    # Rate limits and login failures live in the cache; each test starts clean.
    cache.clear()
    yield
    cache.clear()


def make_expert(username, directory, **profile_fields):
    user = get_user_model().objects.create_user(
        username, f"{username}@example.org", EXPERT_PASSWORD
    )
    user.groups.add(Group.objects.get_or_create(name="Experts")[0])
    profile = ExpertProfilePageFactory(parent=directory, user=user, **profile_fields)
    publish(profile)
    return user, ExpertProfilePage.objects.get(pk=profile.pk)


@pytest.fixture
def ukraine_directory(country_section, index_of):
    return index_of(country_section("ukraine", "uk"), ExpertDirectoryPage)


@pytest.fixture
def area(ukraine_directory):
    return ExpertiseAreaFactory(locale=ukraine_directory.locale, name="Травма", slug="trauma-z")


@pytest.fixture
def expert_a(ukraine_directory):
    return make_expert(
        "expert.a",
        ukraine_directory,
        title="Олена Авраменко",
        organisation="Харківський центр",
        email="olena.private@example.org",
    )


@pytest.fixture
def expert_b(ukraine_directory):
    return make_expert(
        "expert.b",
        ukraine_directory,
        title="Богдан Бойко",
        organisation="Київська служба",
        email="bohdan.private@example.org",
    )


def snapshot(page):
    """Everything about a profile that a forged request might try to change."""
    page = ExpertProfilePage.objects.get(pk=page.pk)
    latest = page.latest_revision
    return {
        "row": {
            name: getattr(page, name)
            for name in [
                "title",
                "slug",
                "country",
                "organisation",
                "job_title",
                "summary",
                "biography",
                "verified",
                "featured",
                "user_id",
                "owner_id",
                "email",
                "path",
                "live",
                "last_confirmed",
                "has_unpublished_changes",
                "locale_id",
            ]
        },
        "revisions": page.revisions.count(),
        "latest_revision_content": latest.content if latest else None,
    }


def profile_post_data(page, /, **overrides):
    """A valid POST of the self-service form for `page`, as the browser sends it."""
    links = [
        {"title": b.value["title"], "url": b.value["url"]}
        for b in page.publications
        if b.block_type == "link"
    ]
    data = {
        "job_title": page.job_title,
        "organisation": page.organisation,
        "summary": page.summary,
        "biography": "Twenty years with children and families.",
        "photo_alt": page.photo_alt,
        "areas": [link.area_id for link in page.expertise_links.all()],
        "languages": [link.language for link in page.language_links.all()],
        "accepts_contact": "on" if page.accepts_contact else "",
        "links-TOTAL_FORMS": str(len(links) + 1),
        "links-INITIAL_FORMS": str(len(links)),
        "links-MIN_NUM_FORMS": "0",
        "links-MAX_NUM_FORMS": "20",
    }
    for i, link in enumerate(links):
        data[f"links-{i}-title"] = link["title"]
        data[f"links-{i}-url"] = link["url"]
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}
