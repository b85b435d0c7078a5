import factory
import wagtail_factories
from anyascii import anyascii
from django.utils.text import slugify
from wagtail.rich_text import RichText

from home.models import CountryPage, HomePage


def ascii_slug(text):
    """Transliterated slug, as the admin makes them with WAGTAIL_ALLOW_UNICODE_SLUGS off."""
    return slugify(anyascii(text))[:200] or "item"


def paragraphs(*texts):
    """A StreamField value of plain paragraphs."""
    return [("paragraph", RichText(f"<p>{text}</p>")) for text in texts]


def publish(page, user=None, publisher=None):
    """Publish through a revision, as the admin does, so history and workflows see
    it. `user` wrote the revision; `publisher` (default: the same) published it."""
    page.save_revision(user=user).publish(user=publisher or user)
    return page


class ItemPageFactory(wagtail_factories.PageFactory):
    """Base for pages whose slug follows a possibly non-Latin title."""

    slug = factory.LazyAttribute(lambda obj: ascii_slug(obj.title))

    class Meta:
        abstract = True


class HomePageFactory(ItemPageFactory):
    title = "Child Protection Hub"
    slug = "home"

    class Meta:
        model = HomePage
        skip_postgeneration_save = True


class CountryPageFactory(ItemPageFactory):
    title = factory.LazyAttribute(lambda obj: obj.country.replace("-", " ").title())
    country = "ukraine"
    slug = factory.LazyAttribute(lambda obj: obj.country)

    class Meta:
        model = CountryPage
        skip_postgeneration_save = True


class ImageFactory(wagtail_factories.ImageFactory):
    title = factory.Sequence(lambda n: f"Image {n}")
    file = factory.django.ImageField(width=640, height=360, color="steelblue")
