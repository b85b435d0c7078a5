"""Django's Redis cache, configured by the same cache_settings() as production (REDIS_URL),
against the Redis server on 127.0.0.1:6379, under a key prefix of this run's own."""

import io

import pytest
import redis
from django.core.cache import caches
from django.core.files.images import ImageFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from PIL import Image as PILImage
from wagtail.images import get_image_model

from news.factories import NewsPageFactory
from news.models import NewsIndexPage
from portal.settings.base import cache_settings
from tests.expert_profiles.conftest import (  # noqa: F401 - shared fixtures
    expert_a,
    ukraine_directory,
)
from tests.services.conftest import REDIS_URL

pytestmark = pytest.mark.django_db


@pytest.fixture
def redis_caches(settings, redis_prefix, request):
    """The production cache settings on the machine's Redis, with a prefix of this
    test's own."""
    prefix = f"{redis_prefix}-{request.node.name[:40]}"
    settings.CACHES = cache_settings(REDIS_URL, key_prefix=prefix)
    return prefix


def redis_keys(prefix):
    client = redis.Redis.from_url(REDIS_URL)
    try:
        return [key.decode() for key in client.scan_iter(f"{prefix}:*")]
    finally:
        client.close()


def test_the_caches_are_on_redis(redis_caches):
    caches["default"].set("greeting", "Добрий день")
    caches["renditions"].set("greeting", "Mirëdita")
    assert redis_keys(redis_caches) == [f"{redis_caches}:1:greeting"]
    assert redis_keys(f"{redis_caches}-renditions") == [f"{redis_caches}-renditions:1:greeting"]
    assert caches["default"].get("greeting") == "Добрий день"


def test_a_sign_in_lockout_lives_in_redis(client, expert_a, redis_caches):  # noqa: F811
    for _ in range(5):
        client.post("/uk/accounts/login/", {"username": "expert.a", "password": "wrong"})
    assert redis_keys(redis_caches), "the failure counter is not in Redis"
    response = client.post("/uk/accounts/login/", {"username": "expert.a", "password": "wrong"})
    assert response.status_code in {403, 429}
    # Every app server's cache reads the same lock: a fresh connection refuses too.
    caches["default"].close()
    response = client.post("/uk/accounts/login/", {"username": "expert.a", "password": "wrong"})
    assert response.status_code in {403, 429}


def test_renditions_are_found_in_redis_without_a_query(redis_caches, home, index_of, client):
    buffer = io.BytesIO()
    PILImage.new("RGB", (800, 600), (20, 90, 160)).save(buffer, "PNG")
    image = get_image_model().objects.create(
        title="Consultation", file=ImageFile(buffer, name="consultation.png")
    )
    page = NewsPageFactory(
        parent=index_of(home, NewsIndexPage), lead_image=image, lead_image_alt="A consultation"
    )
    client.get(page.url)  # makes the renditions and caches them
    assert redis_keys(f"{redis_caches}-renditions")

    with CaptureQueriesContext(connection) as queries:
        again = client.get(page.url)
    assert again.status_code == 200
    assert not [query for query in queries if "wagtailimages_rendition" in query["sql"]]
