"""When to extract a document's text: on upload or replacement of the file, and
when a publication is published with a file whose text is missing or indexed in
another language than the file's."""

from django.db.models.signals import post_save
from django.dispatch import receiver
from wagtail.documents import get_document_model
from wagtail.signals import page_published

from library.tasks import file_key, schedule_extraction


@receiver(post_save, sender=get_document_model())
def document_saved(sender, instance, **kwargs):
    from library.models import DocumentText

    record = DocumentText.objects.filter(document_id=instance.pk).only("file_key").first()
    if record is None or record.file_key != file_key(instance):
        schedule_extraction(instance.pk)


@receiver(page_published)
def publication_published(sender, instance, **kwargs):
    from library.models import DocumentText, PublicationPage

    if not isinstance(instance, PublicationPage):
        return
    wanted = {f.document_id: f.language for f in instance.files.all()}
    known = dict(
        DocumentText.objects.filter(document_id__in=wanted).values_list("document_id", "language")
    )
    for document_id, language in wanted.items():
        if document_id not in known:
            schedule_extraction(document_id)
        elif known[document_id] != language:
            schedule_extraction(document_id, pending=False)
