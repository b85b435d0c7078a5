import contextlib
import logging
import sys
import uuid

from django.conf import settings
from django.core.cache import cache
from django.core.files.storage import default_storage
from django.db import InterfaceError, OperationalError, connection
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache

UNAVAILABLE_MESSAGE = gettext_lazy(
    "The portal cannot reach its database for a moment. Please try again in a minute."
)
# How long a client should wait before retrying while the database is unreachable.
OUTAGE_RETRY_AFTER_SECONDS = 30

logger = logging.getLogger("portal.healthz")


def _database():
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()


def _cache():
    # A round trip through the shared cache: a Redis that is down raises, and one that
    # drops writes (out of memory, read-only replica) answers with the wrong value. The
    # key is this request's own, so that app servers checking at once do not collide.
    probe = uuid.uuid4().hex
    cache.set(f"healthz:{probe}", probe, timeout=5)
    if cache.get(f"healthz:{probe}") != probe:
        raise RuntimeError("the cache did not keep a value")


def _storage():
    # One listing of the top level of the media storage (a LIST request on S3): it fails
    # when the bucket is missing or the credentials are refused, where a HEAD on a
    # missing object would not tell. A local media folder not created yet is empty.
    with contextlib.suppress(FileNotFoundError):
        default_storage.listdir("")


HEALTH_CHECKS = {"database": _database, "cache": _cache, "storage": _storage}


@never_cache
def healthz(request):
    """Whether each service the app needs answers: 200 when all do, 503 otherwise, with
    each part named. Cheap enough for a load balancer to call every few seconds: one
    query, one cache round trip and one storage listing. No error details leave the
    server; they go to the log."""
    parts = {}
    for name, check in HEALTH_CHECKS.items():
        try:
            check()
        except Exception:
            logger.exception("Health check failed: %s", name)
            parts[name] = "unavailable"
        else:
            parts[name] = "ok"
    healthy = all(state == "ok" for state in parts.values())
    response = JsonResponse(
        {"status": "ok" if healthy else "unavailable", **parts}, status=200 if healthy else 503
    )
    if not healthy:
        response["Retry-After"] = str(OUTAGE_RETRY_AFTER_SECONDS)
    return response


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
