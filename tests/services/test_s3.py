"""Media and documents on S3-compatible storage (django-storages, configured by the
same s3_media_storage() that production.py uses), against a real S3-protocol server:
moto in server mode on 127.0.0.1."""

import io
import json
import uuid

import pytest
import requests
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image as PILImage
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection

from news.factories import NewsPageFactory
from news.models import NewsIndexPage
from portal.settings.base import s3_media_storage
from tests.services.conftest import s3_client

pytestmark = pytest.mark.django_db


@pytest.fixture
def bucket(settings, s3_endpoint, s3_credentials):
    """A bucket of the test's own as the media storage, readable by anyone as the
    README asks of the production bucket (media URLs are plain, cacheable URLs)."""
    name = f"media-{uuid.uuid4().hex[:12]}"
    s3 = s3_client(s3_endpoint)
    s3.create_bucket(Bucket=name)
    s3.put_bucket_policy(Bucket=name, Policy=json.dumps(public_read_policy(name)))
    settings.STORAGES = {
        **settings.STORAGES,
        "default": s3_media_storage(
            {
                "AWS_STORAGE_BUCKET_NAME": name,
                "AWS_S3_ENDPOINT_URL": s3_endpoint,
                "AWS_S3_REGION_NAME": "us-east-1",
            }
        ),
    }
    return name


@pytest.fixture
def admin_client(client):
    user = get_user_model().objects.create_superuser("s3.admin", "s3.admin@example.org", "pw")
    client.force_login(user)
    return client


def public_read_policy(bucket):
    return {
        "Version": "2012-10-17",
        "Statement": [
            {
                "Effect": "Allow",
                "Principal": "*",
                "Action": "s3:GetObject",
                "Resource": f"arn:aws:s3:::{bucket}/*",
            }
        ],
    }


def png(width, height):
    buffer = io.BytesIO()
    PILImage.new("RGB", (width, height), (200, 120, 40)).save(buffer, "PNG")
    return buffer.getvalue()


def keys(endpoint, bucket, prefix=""):
    listing = s3_client(endpoint).list_objects_v2(Bucket=bucket, Prefix=prefix)
    return [item["Key"] for item in listing.get("Contents", [])]


def test_an_image_uploaded_in_the_admin_is_stored_and_rendered_from_s3(
    admin_client, bucket, s3_endpoint, home, index_of
):
    response = admin_client.post(
        "/admin/images/add/",
        {
            "title": "Workshop in Lviv",
            "file": SimpleUploadedFile("workshop.png", png(1200, 800), "image/png"),
            "collection": Collection.get_first_root_node().pk,
        },
    )
    assert response.status_code == 302, response.content[:500]
    image = get_image_model().objects.get(title="Workshop in Lviv")
    assert keys(s3_endpoint, bucket, "original_images/") == [image.file.name]

    page = NewsPageFactory(
        parent=index_of(home, NewsIndexPage),
        lead_image=image,
        lead_image_alt="Social workers at a workshop",
    )
    html = admin_client.get(page.url).content.decode()

    # The page's renditions were made from the original in the bucket, written back to
    # it, and the page links to them there.
    rendition = image.renditions.get(filter_spec="format-jpeg|width-360")
    assert rendition.file.name in keys(s3_endpoint, bucket, "images/")
    url = rendition.url
    assert url.startswith(f"{s3_endpoint}/{bucket}/images/")
    assert url in html
    served = requests.get(url, timeout=10)
    assert served.status_code == 200
    assert PILImage.open(io.BytesIO(served.content)).size == (360, 240)


def test_a_document_uploaded_in_the_admin_is_downloaded_from_s3(admin_client, bucket, s3_endpoint):
    content = b"Case management guidelines, 2026 edition.\n"
    response = admin_client.post(
        "/admin/documents/add/",
        {
            "title": "Case management guidelines",
            "file": SimpleUploadedFile("guidelines.txt", content, "text/plain"),
            "collection": Collection.get_first_root_node().pk,
        },
    )
    assert response.status_code == 302, response.content[:500]
    document = get_document_model().objects.get(title="Case management guidelines")
    assert keys(s3_endpoint, bucket, "documents/") == [document.file.name]

    # The public download link sends the visitor to the file in the bucket.
    response = admin_client.get(document.url)
    assert response.status_code == 302
    assert response["Location"] == f"{s3_endpoint}/{bucket}/{document.file.name}"
    downloaded = requests.get(response["Location"], timeout=10)
    assert downloaded.status_code == 200
    assert downloaded.content == content


def test_healthz_checks_the_bucket(client, bucket, settings, s3_endpoint):
    assert client.get("/healthz").json()["storage"] == "ok"
    settings.STORAGES = {
        **settings.STORAGES,
        "default": s3_media_storage(
            {"AWS_STORAGE_BUCKET_NAME": "no-such-bucket", "AWS_S3_ENDPOINT_URL": s3_endpoint}
        ),
    }
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["storage"] == "unavailable"
