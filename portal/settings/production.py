import os

from django.core.exceptions import ImproperlyConfigured

from portal.deployment import require_shared_cache

from .base import *  # noqa: F403
from .base import env_bool, env_list, s3_media_storage

DEBUG = False

SECRET_KEY = os.environ.get("SECRET_KEY", "")
# As Django's own deployment check (security.W009) asks.
if len(SECRET_KEY) < 50 or len(set(SECRET_KEY)) < 5 or SECRET_KEY.startswith("django-insecure-"):
    raise ImproperlyConfigured(
        "Set SECRET_KEY to a random string of at least 50 characters, for example the output "
        "of: python -c 'import secrets; print(secrets.token_urlsafe(50))'"
    )

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS")
if not ALLOWED_HOSTS:
    raise ImproperlyConfigured("Set ALLOWED_HOSTS, for example ALLOWED_HOSTS=childhub.example.org")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "31536000"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

# WhiteNoise serves the hashed, compressed static files straight from gunicorn,
# with far-future cache headers a CDN can keep.
MIDDLEWARE.insert(1, "whitenoise.middleware.WhiteNoiseMiddleware")  # noqa: F405
STORAGES["staticfiles"] = {  # noqa: F405
    "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
}

# Public pages from the shared cache, purged on publish (portal/page_cache.py).
PAGE_CACHE_SECONDS = int(os.environ.get("PAGE_CACHE_SECONDS", "300"))

# Persistent database connections, checked before each request (development uses 0).
DATABASES["default"]["CONN_MAX_AGE"] = int(os.environ.get("DB_CONN_MAX_AGE", "60"))  # noqa: F405

# S3-compatible media storage so that app servers stay stateless.
if os.environ.get("AWS_STORAGE_BUCKET_NAME"):
    STORAGES["default"] = s3_media_storage(os.environ)  # noqa: F405

# Image files and renditions from the app server unless media is on S3 (portal/media.py).
PORTAL_SERVE_MEDIA = env_bool("PORTAL_SERVE_MEDIA", not os.environ.get("AWS_STORAGE_BUCKET_NAME"))

# CDN purge on publish (Wagtail front-end cache invalidation).
if os.environ.get("FRONTEND_CACHE_CLOUDFLARE_TOKEN"):
    INSTALLED_APPS += ["wagtail.contrib.frontend_cache"]  # noqa: F405
    WAGTAILFRONTENDCACHE = {
        "cloudflare": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.CloudflareBackend",
            "BEARER_TOKEN": os.environ["FRONTEND_CACHE_CLOUDFLARE_TOKEN"],
            "ZONEID": os.environ.get("FRONTEND_CACHE_CLOUDFLARE_ZONEID", ""),
        }
    }
    # portal.page_cache sends the exact URLs (each translation's own), so Wagtail need
    # not repeat every URL under all ten language prefixes.
    WAGTAILFRONTENDCACHE_LANGUAGES = []

# Throttles must hold across workers. Sign-in lockouts are counted in the database
# (django-axes); the other limits in the default cache, which must be shared: Redis
# (REDIS_URL), or, on one machine without Redis, the database (DATABASE_CACHE=on,
# after `manage.py createcachetable`). A per-process cache refuses to start.
if not os.environ.get("REDIS_URL") and env_bool("DATABASE_CACHE"):
    database_cache = {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "portal_cache",
    }
    CACHES = {"default": database_cache, "renditions": database_cache}
require_shared_cache(CACHES)  # noqa: F405
