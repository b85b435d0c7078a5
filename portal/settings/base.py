"""Settings shared by every environment. Anything that differs between machines
comes from the environment, with a safe development default."""

import os
from pathlib import Path

import dj_database_url
from csp.constants import NONCE, NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from PIL import Image as PILImage

from portal.i18n import register_sh_locale
from portal.languages import LANGUAGES as PORTAL_LANGUAGES
from portal.machine_translation import machine_translator_from_env

PROJECT_DIR = Path(__file__).resolve().parent.parent
BASE_DIR = PROJECT_DIR.parent


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


INSTALLED_APPS = [
    "home",
    "governance",
    "news",
    "events",
    "vacancies",
    "expert_profiles",
    "library",
    "accounts",
    "search",
    "wagtail_localize",
    "wagtail_localize.locales",
    "wagtail.contrib.redirects",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.sitemaps",
    "wagtail.api.v2",
    "rest_framework",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "django_tasks",
    "django_tasks_db",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "axes",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # gzip outside the page cache: a stored page is compressed (with fresh random
    # padding) for each visitor who accepts it. Only answers without secrets.
    "portal.compression.PublicGZipMiddleware",
    # Before the session, the locale and the redirects: a hit needs no database.
    "portal.page_cache.PageCacheMiddleware",
    "portal.middleware.ContentSecurityPolicyMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "portal.middleware.LocaleMiddleware",
    "portal.middleware.RejectNulBytesMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Last, as django-axes requires: turns a lockout into the sign-in page with a 429.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "portal.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PROJECT_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

WSGI_APPLICATION = "portal.wsgi.application"

# SQLite is the embedded default so that `make run` works on a bare machine;
# production and CI set DATABASE_URL to PostgreSQL.
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        # 0 in development: runserver opens a thread per request, and persistent
        # connections piled up until PostgreSQL refused new ones. Production sets 60.
        conn_max_age=int(os.environ.get("DB_CONN_MAX_AGE", "0")),
        conn_health_checks=True,
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Internationalisation ---------------------------------------------------------
# "sh" is a language of its own for Django and for Python's gettext (see portal/i18n.py).
register_sh_locale()

LANGUAGE_CODE = "en"
LANGUAGES = PORTAL_LANGUAGES
WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = PORTAL_LANGUAGES
LOCALE_PATHS = [
    BASE_DIR / "locale",
    # Django's own strings (month names, form errors) for "sh", taken from its
    # Serbian Latin catalogue because Django has no "sh" locale.
    PROJECT_DIR / "locale_fallbacks",
]
FORMAT_MODULE_PATH = ["portal.formats"]
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

# wagtail-localize: a new translation starts as a draft and goes through review.
WAGTAILLOCALIZE_SYNC_LIVE_STATUS_ON_TRANSLATE = False
WAGTAILLOCALIZE_MACHINE_TRANSLATOR = machine_translator_from_env(os.environ)

# Static and media ---------------------------------------------------------------
STATICFILES_FINDERS = [
    # Django's finders that answer 404 instead of raising for "../" (portal/staticfiles.py).
    "portal.staticfiles.FileSystemFinder",
    "portal.staticfiles.AppDirectoriesFinder",
]
STATICFILES_DIRS = [PROJECT_DIR / "static"]
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "static"))
STATIC_URL = "/static/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
MEDIA_URL = os.environ.get("MEDIA_URL", "/media/")
# The app server serves image files and renditions from MEDIA_ROOT (portal/media.py);
# production turns this off by default when media is on S3.
PORTAL_SERVE_MEDIA = env_bool("PORTAL_SERVE_MEDIA", True)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}


def s3_media_storage(environ):
    """Media (images, renditions, documents) on S3-compatible object storage through
    django-storages; production.py switches it on with AWS_STORAGE_BUCKET_NAME.
    Credentials come from boto3's usual sources (AWS_ACCESS_KEY_ID and
    AWS_SECRET_ACCESS_KEY, or the machine's role). Media URLs are plain public URLs
    that a CDN can cache, so the bucket (or AWS_S3_CUSTOM_DOMAIN) serves them publicly."""
    return {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": environ["AWS_STORAGE_BUCKET_NAME"],
            "endpoint_url": environ.get("AWS_S3_ENDPOINT_URL") or None,
            "region_name": environ.get("AWS_S3_REGION_NAME") or None,
            "custom_domain": environ.get("AWS_S3_CUSTOM_DOMAIN") or None,
            "querystring_auth": False,
            "default_acl": None,
            # Two uploads of "report.pdf" keep two files.
            "file_overwrite": False,
        },
    }


DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000


# Caches -------------------------------------------------------------------------
def cache_settings(redis_url, key_prefix="portal"):
    """Redis when a URL is given: one cache shared by every app server (sessions stay in
    the database; rate limits, sign-in lockouts, Wagtail's renditions and redirect
    imports live here). Per-process memory otherwise, which is right for one process only.
    "renditions" is Wagtail's rendition cache: a page with images finds its resized
    copies without a query."""
    if redis_url:
        redis = "django.core.cache.backends.redis.RedisCache"
        return {
            "default": {"BACKEND": redis, "LOCATION": redis_url, "KEY_PREFIX": key_prefix},
            "renditions": {
                "BACKEND": redis,
                "LOCATION": redis_url,
                "KEY_PREFIX": f"{key_prefix}-renditions",
                "TIMEOUT": 7 * 24 * 3600,
            },
        }
    locmem = "django.core.cache.backends.locmem.LocMemCache"
    return {
        "default": {"BACKEND": locmem},
        "renditions": {"BACKEND": locmem, "LOCATION": "renditions", "TIMEOUT": 3600},
    }


CACHES = cache_settings(os.environ.get("REDIS_URL"), os.environ.get("CACHE_KEY_PREFIX", "portal"))
# Anonymous page cache (portal/page_cache.py): seconds a public answer is kept in the
# default cache and by a CDN (s-maxage); 0 turns it off. Production: 300.
PAGE_CACHE_SECONDS = int(os.environ.get("PAGE_CACHE_SECONDS", "0"))
# The uploaded file of a redirect import waits in the cache between its two steps,
# which may reach different app servers.
WAGTAIL_REDIRECTS_FILE_STORAGE = "cache"

# Background tasks -----------------------------------------------------------------
TASK_BACKENDS = {
    # Jobs are rows in the app's database, written in the transaction of the request
    # that enqueues them; `manage.py db_worker` runs them.
    "database": "django_tasks_db.DatabaseBackend",
    # Each job runs inside the request (or command) that enqueues it; no worker.
    "immediate": "django_tasks.backends.immediate.ImmediateBackend",
}


def tasks_settings(name):
    if name not in TASK_BACKENDS:
        raise ImproperlyConfigured(
            f"TASKS_BACKEND must be one of {', '.join(TASK_BACKENDS)}, not {name!r}."
        )
    return {"default": {"BACKEND": TASK_BACKENDS[name]}}


TASKS = tasks_settings(os.environ.get("TASKS_BACKEND", "database"))
# A job that raises is tried again after 1, 2, 4… times this many seconds, up to
# PORTAL_TASK_MAX_ATTEMPTS attempts in all, then recorded as failed (portal.tasks).
PORTAL_TASK_MAX_ATTEMPTS = int(os.environ.get("PORTAL_TASK_MAX_ATTEMPTS", "5"))
PORTAL_TASK_RETRY_BACKOFF_SECONDS = float(os.environ.get("PORTAL_TASK_RETRY_BACKOFF_SECONDS", "60"))

# Wagtail ------------------------------------------------------------------------
WAGTAIL_SITE_NAME = "Child Protection Hub"
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "pdf", "pptx", "rtf", "txt", "xlsx", "zip"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 20 * 1024 * 1024
# ASCII slugs: a Cyrillic title gives a transliterated slug, so URLs survive being
# pasted into messengers and e-mails on any phone.
WAGTAIL_ALLOW_UNICODE_SLUGS = False
WAGTAILIMAGES_FORMAT_CONVERSIONS = {"bmp": "jpeg", "webp": "webp"}
# Every image upload form (admin single, multiple and chooser uploads) checks the
# file with portal.images.SafeImageField; the expert's form uses the same field.
WAGTAILIMAGES_IMAGE_FORM_BASE = "portal.images.PortalImageForm"
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
# Pixel bombs: uploads above 40 megapixels are refused by Wagtail, and Pillow itself
# refuses to decode anything past twice that, renditions included.
WAGTAILIMAGES_MAX_IMAGE_PIXELS = 40_000_000
PILImage.MAX_IMAGE_PIXELS = WAGTAILIMAGES_MAX_IMAGE_PIXELS
WAGTAILADMIN_PERMITTED_LANGUAGES = [(code, name) for code, name in PORTAL_LANGUAGES if code != "sh"]

# The public host name and port of the default Wagtail site, used for canonical,
# hreflang and feed URLs. Set when the site is first built.
PORTAL_SITE_HOSTNAME = os.environ.get("PORTAL_SITE_HOSTNAME", "localhost")
PORTAL_SITE_PORT = int(os.environ.get("PORTAL_SITE_PORT", "80"))

# Read-only API: requests per client address, and how long a CDN may keep an answer.
PORTAL_API_RATE = os.environ.get("PORTAL_API_RATE", "120/minute")
PORTAL_API_CACHE_SECONDS = int(os.environ.get("PORTAL_API_CACHE_SECONDS", "60"))

# Listings ------------------------------------------------------------------------
PORTAL_PAGE_SIZE = int(os.environ.get("PORTAL_PAGE_SIZE", "12"))
# Above this many pages, /sitemap.xml is an index of per-language sitemaps.
PORTAL_SITEMAP_SPLIT_AT = int(os.environ.get("PORTAL_SITEMAP_SPLIT_AT", "5000"))
# A vacancy counts as "closing soon" this many days before its deadline.
PORTAL_CLOSING_SOON_DAYS = int(os.environ.get("PORTAL_CLOSING_SOON_DAYS", "7"))

# Mail is queued (portal.mail) and delivered by the worker through the transport that
# the EMAIL_BACKEND variable names.
EMAIL_BACKEND = "portal.mail.QueuedEmailBackend"
PORTAL_EMAIL_TRANSPORT = os.environ.get(
    "EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend"
)
# The SMTP transport's server (Django's names); EMAIL_FILE_PATH for the file transport.
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS")
EMAIL_TIMEOUT = int(os.environ.get("EMAIL_TIMEOUT", "30"))
EMAIL_FILE_PATH = os.environ.get("EMAIL_FILE_PATH")
DEFAULT_FROM_EMAIL = os.environ.get(
    "DEFAULT_FROM_EMAIL", "ChildHub <no-reply@childhub.example.org>"
)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    # Wagtail logs every page action and task at INFO; keep the console for what matters.
    "loggers": {
        "wagtail": {"level": "WARNING"},
        "django_tasks": {"level": "WARNING"},
        "django_tasks_db": {"level": "WARNING"},
        "modelsearch": {"level": "WARNING"},
        # django-axes logs every sign-in at INFO.
        "axes": {"level": "WARNING"},
    },
}

# Experts: invitations, sign-in, freshness and the contact form ------------------
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "expert_profiles:me"
# An invitation link works once, for this many days.
PORTAL_INVITATION_DAYS = int(os.environ.get("PORTAL_INVITATION_DAYS", "7"))
# A profile not confirmed for this many days is stale; its expert is reminded once per period.
PORTAL_EXPERT_STALE_DAYS = int(os.environ.get("PORTAL_EXPERT_STALE_DAYS", "365"))
# Sign-in: this many failures for one username from one address lock it for LOCKOUT seconds.
PORTAL_LOGIN_MAX_FAILURES = int(os.environ.get("PORTAL_LOGIN_MAX_FAILURES", "5"))
PORTAL_LOGIN_LOCKOUT_SECONDS = int(os.environ.get("PORTAL_LOGIN_LOCKOUT_SECONDS", "900"))
# Password-reset requests per hour: per visitor address, per typed e-mail address,
# and e-mails per account (the last one silently, so accounts cannot be discovered).
PORTAL_PASSWORD_RESET_PER_IP_PER_HOUR = int(
    os.environ.get("PORTAL_PASSWORD_RESET_PER_IP_PER_HOUR", "10")
)
PORTAL_PASSWORD_RESET_PER_ADDRESS_PER_HOUR = int(
    os.environ.get("PORTAL_PASSWORD_RESET_PER_ADDRESS_PER_HOUR", "3")
)
PORTAL_PASSWORD_RESET_PER_ACCOUNT_PER_HOUR = int(
    os.environ.get("PORTAL_PASSWORD_RESET_PER_ACCOUNT_PER_HOUR", "3")
)
# Contact form limits: messages per visitor address per hour, per expert per day.
PORTAL_CONTACT_PER_IP_PER_HOUR = int(os.environ.get("PORTAL_CONTACT_PER_IP_PER_HOUR", "5"))
PORTAL_CONTACT_PER_EXPERT_PER_DAY = int(os.environ.get("PORTAL_CONTACT_PER_EXPERT_PER_DAY", "20"))
PORTAL_CONTACT_MAX_LENGTH = int(os.environ.get("PORTAL_CONTACT_MAX_LENGTH", "3000"))
# 0: contact messages are e-mailed and never stored. Above 0: kept this many days.
PORTAL_CONTACT_RETENTION_DAYS = int(os.environ.get("PORTAL_CONTACT_RETENTION_DAYS", "0"))
# Sign-in lockouts by django-axes, counted in the database so that they hold across
# workers and app servers (accounts/backends.py).
AUTHENTICATION_BACKENDS = [
    "accounts.backends.LockoutBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_HANDLER = "axes.handlers.database.AxesDatabaseHandler"
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_FAILURE_LIMIT = "accounts.backends.failure_limit"
AXES_COOLOFF_TIME = "accounts.backends.cool_off"
AXES_USERNAME_CALLABLE = "accounts.backends.username_of"
AXES_CLIENT_IP_CALLABLE = "portal.ratelimit.client_ip"
AXES_LOCKOUT_CALLABLE = "accounts.views.locked_out"
AXES_RESET_ON_SUCCESS = True
# Attempts are kept only while they count: no log of every sign-in in the database.
AXES_DISABLE_ACCESS_LOG = True
AXES_ENABLE_ADMIN = False
AXES_VERBOSE = False

# Content Security Policy (django-csp) ------------------------------------------------
# Public pages: no inline script or style at all; the only inline script is the
# JSON-LD block, which carries the request's nonce. Media on another host (S3, a CDN)
# is added through CSP_EXTRA_IMG_SRC.
CSP_EXTRA_IMG_SRC = env_list("CSP_EXTRA_IMG_SRC")
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF],
        "img-src": [SELF, "data:", *CSP_EXTRA_IMG_SRC],
        "font-src": [SELF],
        "connect-src": [SELF],
        "frame-src": [NONE],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [SELF],
    }
}
# The Wagtail admin (portal.middleware.ContentSecurityPolicyMiddleware): the same,
# except that Wagtail's admin templates need inline scripts and styles.
PORTAL_ADMIN_CSP_DIRECTIVES = {
    **CONTENT_SECURITY_POLICY["DIRECTIVES"],
    "script-src": [SELF, "'unsafe-inline'"],
    "style-src": [SELF, "'unsafe-inline'"],
    "img-src": [SELF, "data:", "blob:", *CSP_EXTRA_IMG_SRC],
}
# No calls from editors' browsers to outside hosts: no Gravatar, no update check.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAIL_ENABLE_UPDATE_CHECK = False

# Webinars: registration on the portal, reminders, certificates (events app) -------
# Registrations per visitor address per hour, and e-mails to one address per event per hour.
PORTAL_REGISTRATION_PER_IP_PER_HOUR = int(
    os.environ.get("PORTAL_REGISTRATION_PER_IP_PER_HOUR", "10")
)
PORTAL_REGISTRATION_PER_ADDRESS_PER_HOUR = int(
    os.environ.get("PORTAL_REGISTRATION_PER_ADDRESS_PER_HOUR", "3")
)
# Participants' data is deleted this many days after their event ends (certificates stay).
PORTAL_WEBINAR_RETENTION_DAYS = int(os.environ.get("PORTAL_WEBINAR_RETENTION_DAYS", "30"))
# A participant's personal joining link opens this many minutes before the start.
PORTAL_WEBINAR_JOIN_EARLY_MINUTES = int(os.environ.get("PORTAL_WEBINAR_JOIN_EARLY_MINUTES", "30"))
# TrueType fonts with Cyrillic and Greek for the certificate PDF (Debian: fonts-dejavu-core).
PORTAL_CERTIFICATE_FONT_DIR = os.environ.get(
    "PORTAL_CERTIFICATE_FONT_DIR", "/usr/share/fonts/truetype/dejavu"
)
