from django.conf import settings
from django.core.paginator import Paginator
from django.shortcuts import render
from django.utils.translation import get_language
from wagtail.models import Locale

from search.backends import COUNT_LIMIT, load_pages, search
from search.forms import SearchForm


def search_view(request):
    form = SearchForm(request.GET or None)
    query = ""
    filters = {}
    if form.is_bound:
        form.is_valid()
        # Each field that validated is used; one that did not is reported and dropped.
        query = form.cleaned_data.get("q", "")
        filters = {
            "types": [form.cleaned_data["type"]] if form.cleaned_data.get("type") else None,
            "country": form.cleaned_data.get("country", ""),
        }
    hits = []
    if query:
        locale = Locale.objects.get(language_code=get_language())
        hits = search(query, locale, **filters)
    paginator = Paginator(hits, settings.PORTAL_PAGE_SIZE)
    # get_page turns a non-numeric page into 1 and an out-of-range one into the last.
    page_obj = paginator.get_page(request.GET.get("page"))
    context = {
        "search_form": form,
        "query": query,
        "query_error": form.errors.get("q"),
        "rejected_filters": form.rejected_fields() if form.is_bound else [],
        "results": load_pages(page_obj.object_list),
        "page_obj": page_obj,
        "result_count": min(paginator.count, COUNT_LIMIT),
        # Counting stops at COUNT_LIMIT (search.backends): "more than 1,000 results".
        "result_count_capped": paginator.count > COUNT_LIMIT,
    }
    response = render(request, "search/search.html", context)
    # Results change with every publication and say nothing that a listing does
    # not; keep them out of search engines' indexes.
    response["X-Robots-Tag"] = "noindex"
    return response
