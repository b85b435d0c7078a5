"""Serving uploaded files from the app server when they are not on S3.

Documents go through Wagtail's serve view (privacy checks, download counts);
image files and renditions through serve_media, when PORTAL_SERVE_MEDIA is on (the
default in production without AWS_STORAGE_BUCKET_NAME). Nothing else under
MEDIA_ROOT is reachable: /media/documents/ would bypass the documents' privacy."""

from django.conf import settings
from django.core.exceptions import SuspiciousFileOperation
from django.http import Http404
from django.utils.cache import patch_cache_control
from django.views import static
from wagtail.documents.views.serve import serve as wagtail_serve_document

SERVED_MEDIA_FOLDERS = ("images/", "original_images/")


def serve_document(request, document_id, document_filename):
    """Wagtail's document view, with the headers corrected. Its sendfile helper
    (wagtail.utils.sendfile.sendfile) sets ``Content-Encoding`` to the encoding that
    mimetypes guesses from the name, and to the literal string "None" when there is
    none. A stored file is sent exactly as stored, so no Content-Encoding is true."""
    response = wagtail_serve_document(request, document_id, document_filename)
    if response.has_header("Content-Encoding"):
        del response["Content-Encoding"]
    response["X-Content-Type-Options"] = "nosniff"
    return response


def serve_media(request, path):
    if not settings.PORTAL_SERVE_MEDIA or not path.startswith(SERVED_MEDIA_FOLDERS):
        raise Http404
    try:
        response = static.serve(request, path, document_root=settings.MEDIA_ROOT)
    except SuspiciousFileOperation as error:
        raise Http404 from error
    response["X-Content-Type-Options"] = "nosniff"
    patch_cache_control(response, public=True, max_age=86400)
    return response
