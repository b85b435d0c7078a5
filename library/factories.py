import factory
import wagtail_factories
from django.core.files.base import ContentFile

from home.factories import ItemPageFactory
from library.models import LibraryIndexPage, Organisation, PublicationFile, PublicationPage
from library.samples import simple_pdf


class OrganisationFactory(factory.django.DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Organisation {n}")
    city = "Kyiv"

    class Meta:
        model = Organisation


class LibraryIndexPageFactory(ItemPageFactory):
    title = "Library"
    slug = "library"

    class Meta:
        model = LibraryIndexPage
        skip_postgeneration_save = True


class DocumentFactory(wagtail_factories.DocumentFactory):
    """A real (small) PDF by default; pass `file__data` or `file` for others."""

    title = factory.Sequence(lambda n: f"Document {n}")
    file = factory.LazyAttribute(
        lambda obj: ContentFile(simple_pdf([f"Sample document {obj.title}."]), name="sample.pdf")
    )

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        # As the admin's upload form does: size and hash are stored with the document.
        document = model_class(*args, **kwargs)
        document._set_document_file_metadata()
        document.save()
        return document


class PublicationPageFactory(ItemPageFactory):
    title = factory.Sequence(lambda n: f"Publication {n}")
    summary = "What the publication is about, in one sentence."
    year = 2024
    publication_type = "report"

    class Meta:
        model = PublicationPage
        skip_postgeneration_save = True

    @factory.post_generation
    def extras(obj, create, extracted, **kwargs):
        """PublicationPageFactory(..., extras={"topics": [...], "audiences": [...],
        "countries": [...], "languages": [...], "authors": [("person", "Koval, Olena")],
        "files": [(document, "uk")]}): set through the cluster, as an admin save does."""
        if not create or not extracted:
            return
        from library.models import PublicationTopic

        if "topics" in extracted:
            obj.topic_links = [PublicationTopic(topic=topic) for topic in extracted["topics"]]
        if "audiences" in extracted:
            obj.set_audiences(extracted["audiences"])
        if "countries" in extracted:
            obj.set_countries_covered(extracted["countries"])
        if "languages" in extracted:
            obj.set_document_languages(extracted["languages"])
        if "authors" in extracted:
            obj.set_authors(extracted["authors"])
        if "files" in extracted:
            obj.files = [
                PublicationFile(document=document, language=language)
                for document, language in extracted["files"]
            ]
        obj.save()
