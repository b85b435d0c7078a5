import sys

from django.conf import settings
from django.db import DatabaseError, InterfaceError, OperationalError, connection
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache

UNAVAILABLE_MESSAGE = gettext_lazy(
    "The portal cannot reach its database for a moment. Please try again in a minute."
)


@never_cache
def healthz(request):
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        response = JsonResponse({"status": "unavailable"}, status=503)
        response["Retry-After"] = str(OUTAGE_RETRY_AFTER_SECONDS)
        return response
    return JsonResponse({"status": "ok"})


def bad_request(request, message, status=400):
    """A refused request, explained in the visitor's language: JSON for the API,
    a short page (rendered without the database) for everything else."""
    if request.path_info.startswith("/api/"):
        return JsonResponse({"message": str(message)}, status=status)
    return render(request, "400.html", {"message": message}, status=status)


def no_such_page(request, *args, **kwargs):
    raise Http404


def page_not_found(request, exception=None):
    return render(request, "404.html", status=404)


# How long a client should wait before retrying while the database is unreachable.
OUTAGE_RETRY_AFTER_SECONDS = 30


def database_is_down(exception):
    """A lost or refused database connection, as opposed to a bug in a query."""
    return isinstance(exception, OperationalError | InterfaceError)


def server_error(request):
    """handler500, which Django calls for any exception that escapes a view or a
    middleware. While the database is down (PostgreSQL restarting, a failover),
    that is not a 500: the answer is a short 503 with Retry-After in the visitor's
    language. No context processor runs: both pages render without the database."""
    from django.template import loader

    exception = sys.exc_info()[1]
    if database_is_down(exception):
        if request.path_info.startswith("/api/"):
            response = JsonResponse({"message": str(UNAVAILABLE_MESSAGE)}, status=503)
        else:
            template = loader.get_template("503.html")
            response = HttpResponse(template.render({"request": request}), status=503)
        response["Retry-After"] = str(OUTAGE_RETRY_AFTER_SECONDS)
        return response
    template = loader.get_template("500.html")
    return HttpResponse(template.render({"request": request}), status=500)


def robots_txt(request):
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /api/",
        # Search results are endless and say nothing the listings do not.
        *[f"Disallow: /{code}/search/" for code, _name in settings.LANGUAGES],
        "",
        f"Sitemap: {request.build_absolute_uri('/sitemap.xml')}",
        "",
    ]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")
