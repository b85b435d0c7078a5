"""Citations of one publication (cite.ris, cite.bib) and of a filtered listing
(export.ris). Routed in library/urls.py, as Wagtail's page URLs end in "/"."""

from django.conf import settings
from django.http import Http404, HttpResponse
from django.utils.translation import get_language

from library.citations import BIBTEX_CONTENT_TYPE, RIS_CONTENT_TYPE, to_bibtex, to_ris
from library.models import LibraryIndexPage, PublicationPage
from portal.views import live_public_page

# A listing export is bounded: a reference manager import, not a data dump.
EXPORT_DEFAULT_MAX = 500


def _download(content, content_type, filename):
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def cite(request, path, file_format):
    page = live_public_page(request, path)
    if not isinstance(page, PublicationPage):
        raise Http404
    page = PublicationPage.optimise_for_listing(PublicationPage.objects.filter(pk=page.pk)).get()
    if file_format == "bib":
        return _download(to_bibtex([page], request), BIBTEX_CONTENT_TYPE, f"{page.slug}.bib")
    return _download(to_ris([page], request), RIS_CONTENT_TYPE, f"{page.slug}.ris")


def export_ris(request, path):
    index = live_public_page(request, path)
    if not isinstance(index, LibraryIndexPage):
        raise Http404
    form = index.get_filter_form(request)
    queryset = form.filter_queryset(index.get_unfiltered_queryset(form))
    queryset = index.optimise_queryset(index.order_queryset(queryset, form.active_filters()))
    limit = getattr(settings, "LIBRARY_EXPORT_MAX", EXPORT_DEFAULT_MAX)
    name = "library" if index.is_region_wide else f"library-{index.section_country}"
    return _download(
        to_ris(queryset[:limit], request), RIS_CONTENT_TYPE, f"{name}-{get_language()}.ris"
    )
