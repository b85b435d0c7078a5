"""Start-up checks for production: refuse to run in a way that silently weakens the
portal, with a message that says what to set."""

from django.core.exceptions import ImproperlyConfigured

# Caches that every worker and app server share. The contact-form, API and
# password-reset limits count in the default cache: in a per-process cache each
# gunicorn worker would keep its own count, and the limits would multiply.
SHARED_CACHE_BACKENDS = {
    "django.core.cache.backends.redis.RedisCache",
    "django.core.cache.backends.db.DatabaseCache",
    "django.core.cache.backends.memcached.PyMemcacheCache",
    "django.core.cache.backends.memcached.PyLibMCCache",
    "django_redis.cache.RedisCache",
}


def require_shared_cache(caches):
    backend = caches.get("default", {}).get("BACKEND", "")
    if backend not in SHARED_CACHE_BACKENDS:
        raise ImproperlyConfigured(
            f"The default cache ({backend or 'none'}) is not shared between processes, so the "
            "contact-form, API and password-reset limits would be counted per worker. Set "
            "REDIS_URL, or on a single machine without Redis set DATABASE_CACHE=on and run "
            "`manage.py createcachetable`."
        )


def require_collected_static():
    """With a manifest storage (WhiteNoise's in production), every {% static %} looks
    the file up in staticfiles.json; before `collectstatic` has run, each page was a
    500. The app server refuses to start instead, and says what to run. bin/start
    runs collectstatic before gunicorn."""
    from django.contrib.staticfiles.storage import ManifestFilesMixin
    from django.core.files.storage import storages

    storage = storages["staticfiles"]
    if not isinstance(storage, ManifestFilesMixin):
        return
    if not storage.manifest_storage.exists(storage.manifest_name):
        raise ImproperlyConfigured(
            f"Static files have not been collected: {storage.manifest_name} is missing from "
            f"{storage.location}. Run `python manage.py collectstatic --noinput` (bin/start "
            "does it) before starting the app server."
        )
