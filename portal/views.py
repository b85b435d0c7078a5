import contextlib
import logging
import uuid

from django.conf import settings
from django.core.cache import cache
from django.core.files.storage import default_storage
from django.db import connection
from django.http import HttpResponse, JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache

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
    return JsonResponse(
        {"status": "ok" if healthy else "unavailable", **parts}, status=200 if healthy else 503
    )


def page_not_found(request, exception=None):
    return render(request, "404.html", status=404)


def server_error(request):
    # No context processors that touch the database: this page must render when it is down.
    from django.template import loader

    template = loader.get_template("500.html")
    from django.http import HttpResponseServerError

    return HttpResponseServerError(template.render({"request": request}))


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
