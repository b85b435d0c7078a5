"""Images reach readers as WebP, with a JPEG fallback for browsers without it: every
public image is a <picture> whose <source> offers WebP renditions and whose <img>
keeps the JPEG srcset, the sizes, the alt text and lazy loading where there was one."""

import re

import pytest

from home.factories import ImageFactory
from news.factories import NewsPageFactory
from news.models import NewsIndexPage

pytestmark = pytest.mark.django_db

WEBP_MAGIC = (b"RIFF", b"WEBP")
JPEG_MAGIC = b"\xff\xd8\xff"


def pictures(html):
    return re.findall(r"<picture>(.*?)</picture>", html, re.S)


def srcset_urls(srcset):
    return [entry.strip().split(" ")[0] for entry in srcset.split(",")]


def rendition_bytes(image, url):
    rendition = next(r for r in image.renditions.all() if r.url == url)
    with rendition.file.open("rb") as handle:
        return handle.read()


@pytest.fixture
def news_with_image(home, index_of):
    image = ImageFactory()
    page = NewsPageFactory(
        parent=index_of(home, NewsIndexPage),
        title="Workshop in Skopje",
        lead_image=image,
        lead_image_alt="Social workers around a table",
    )
    return page, image


def test_the_news_page_offers_webp_with_a_jpeg_fallback(client, news_with_image):
    page, image = news_with_image
    html = client.get(page.url).content.decode()

    [picture] = pictures(html)
    source = re.search(r'<source sizes="([^"]+)" srcset="([^"]+)" type="image/webp">', picture)
    assert source, picture
    img = re.search(r"<img [^>]+>", picture).group(0)
    assert 'alt="Social workers around a table"' in img
    assert 'sizes="(max-width: 48rem) 100vw, 48rem"' in img
    assert source.group(1) == "(max-width: 48rem) 100vw, 48rem"

    webp_urls = srcset_urls(source.group(2))
    jpeg_urls = srcset_urls(re.search(r'srcset="([^"]+)"', img).group(1))
    assert len(webp_urls) == len(jpeg_urls) == 3  # 360, 720 and 1080 wide
    assert all(url.endswith(".webp") for url in webp_urls)
    assert all(url.endswith(".jpg") for url in jpeg_urls)
    # The files really are what they say: WebP and JPEG, not renamed copies.
    for url in webp_urls:
        data = rendition_bytes(image, url)
        assert (data[:4], data[8:12]) == WEBP_MAGIC
    for url in jpeg_urls:
        assert rendition_bytes(image, url).startswith(JPEG_MAGIC)
    # The fallback src is the smallest JPEG.
    assert re.search(r'src="([^"]+)"', img).group(1) == jpeg_urls[0]
    # The social preview stays a JPEG: crawlers do not all read WebP.
    og = re.search(r'<meta property="og:image" content="([^"]+)"', html).group(1)
    assert og.endswith(".jpg")


def test_listing_cards_keep_lazy_loading_and_alt_text(client, news_with_image, home):
    page, _image = news_with_image
    html = client.get(page.get_parent().url).content.decode()

    [picture] = pictures(html)
    assert 'type="image/webp"' in picture
    img = re.search(r"<img [^>]+>", picture).group(0)
    assert 'loading="lazy"' in img
    assert 'class="card-image"' in img
    assert 'alt="Social workers around a table"' in img
    assert ".jpg" in img and ".webp" not in img
