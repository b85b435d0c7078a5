"""Background work of the library: extracting a document's text for search.

Enqueued after commit when a document is uploaded or its file replaced, and when a
publication is published with a file whose text is missing or indexed in another
language (library.signals). Django's task framework (django-tasks) runs it: the
immediate backend in development and tests, a worker with a persistent backend in
production."""

import logging

from django.db import transaction
from django.utils import timezone
from django_tasks import task
from wagtail.documents import get_document_model

from library.extraction import Limits, detect_format, extract_safely
from search.text_search import text_search_config

logger = logging.getLogger(__name__)

# Wagtail's stored metadata is used to pick a file to read; the bytes decide.
EXTRACTABLE_EXTENSIONS = {"pdf", "docx", "odt"}


def file_key(document):
    """What identifies the uploaded file: a replacement is stored under a new name."""
    return document.file.name or ""


def document_language(document_id):
    """The language a document's text is indexed in: that of the latest file row
    that uses it (a file is one language edition)."""
    from library.models import PublicationFile

    return (
        PublicationFile.objects.filter(document_id=document_id)
        .order_by("-page_id")
        .values_list("language", flat=True)
        .first()
        or ""
    )


def index_text(record, language):
    """Store the file's search vector in its language's configuration (PostgreSQL)."""
    from django.db import connection

    from library.models import DocumentText

    record.language = language
    record.search_config = text_search_config(language)
    DocumentText.objects.filter(pk=record.pk).update(
        language=record.language, search_config=record.search_config
    )
    if connection.vendor == "postgresql":
        from django.contrib.postgres.search import SearchVector

        DocumentText.objects.filter(pk=record.pk).update(
            search_vector=SearchVector("text", config=record.search_config)
        )


@task()
def extract_document_text(document_id):
    from library.models import DocumentText

    document = get_document_model().objects.filter(pk=document_id).first()
    if document is None:
        return "gone"
    record, _created = DocumentText.objects.get_or_create(document=document)
    key = file_key(document)
    language = document_language(document_id)
    if record.file_key == key and record.status != DocumentText.PENDING:
        if record.language != language:
            index_text(record, language)
        return record.status
    record.file_key = key
    record.text, record.reason, record.detail, record.page_count = "", "", "", None
    limits = Limits.from_settings()
    if document.file_extension.lower() not in EXTRACTABLE_EXTENSIONS:
        record.status, record.reason = DocumentText.NOT_APPLICABLE, "unsupported"
    else:
        try:
            with document.open_file() as handle:
                data = handle.read(limits.max_bytes + 1)
        except OSError as error:
            data, record.status, record.reason = None, DocumentText.FAILED, "broken"
            record.detail = str(error)
        if data is not None and document.file_size is None:
            # Listings show the size without touching storage: store it once.
            type(document).objects.filter(pk=document.pk).update(file_size=len(data))
        if data is not None:
            file_format = detect_format(data, document.file.name)
            if file_format is None:
                record.status, record.reason = DocumentText.FAILED, "broken"
                record.detail = "not a PDF, DOCX or ODT file"
            else:
                outcome = extract_safely(data, file_format, limits)
                record.status = {
                    "extracted": DocumentText.EXTRACTED,
                    "no_text": DocumentText.NO_TEXT,
                    "refused": DocumentText.REFUSED,
                    "failed": DocumentText.FAILED,
                }[outcome.status]
                record.text = outcome.text
                record.page_count = outcome.page_count
                record.reason, record.detail = outcome.reason, outcome.detail
    record.extracted_at = timezone.now()
    record.search_vector = None
    record.save()
    index_text(record, language)
    if record.is_problem:
        logger.warning(
            "Document %s: %s (%s) %s", document_id, record.status, record.reason, record.detail
        )
    return record.status


def schedule_extraction(document_id, pending=True):
    """Extract the document's text after the commit; `pending` marks the text as
    out of date (a new file), otherwise only its language is checked."""
    from library.models import DocumentText

    if pending:
        DocumentText.objects.update_or_create(
            document_id=document_id, defaults={"status": DocumentText.PENDING}
        )
    transaction.on_commit(lambda: extract_document_text.enqueue(document_id))
