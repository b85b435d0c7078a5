"""Settings shared by every environment. Anything that differs between machines
comes from the environment, with a safe development default."""

import os
from pathlib import Path

import dj_database_url
from django.conf.locale import LANG_INFO

from portal.languages import LANGUAGES as PORTAL_LANGUAGES
from portal.languages import SH_LANG_INFO
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
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "portal.middleware.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
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
        conn_max_age=int(os.environ.get("DB_CONN_MAX_AGE", "60")),
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
LANG_INFO.setdefault("sh", SH_LANG_INFO)

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
    "django.contrib.staticfiles.finders.FileSystemFinder",
    "django.contrib.staticfiles.finders.AppDirectoriesFinder",
]
STATICFILES_DIRS = [PROJECT_DIR / "static"]
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "static"))
STATIC_URL = "/static/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
MEDIA_URL = os.environ.get("MEDIA_URL", "/media/")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

# Cache: Redis when REDIS_URL is set (shared by every app server), local memory otherwise.
if os.environ.get("REDIS_URL"):
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": os.environ["REDIS_URL"],
            "KEY_PREFIX": "portal",
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

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
# A vacancy counts as "closing soon" this many days before its deadline.
PORTAL_CLOSING_SOON_DAYS = int(os.environ.get("PORTAL_CLOSING_SOON_DAYS", "7"))

EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
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
        "modelsearch": {"level": "WARNING"},
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
# Contact form limits: messages per visitor address per hour, per expert per day.
PORTAL_CONTACT_PER_IP_PER_HOUR = int(os.environ.get("PORTAL_CONTACT_PER_IP_PER_HOUR", "5"))
PORTAL_CONTACT_PER_EXPERT_PER_DAY = int(os.environ.get("PORTAL_CONTACT_PER_EXPERT_PER_DAY", "20"))
PORTAL_CONTACT_MAX_LENGTH = int(os.environ.get("PORTAL_CONTACT_MAX_LENGTH", "3000"))
# 0: contact messages are e-mailed and never stored. Above 0: kept this many days.
PORTAL_CONTACT_RETENTION_DAYS = int(os.environ.get("PORTAL_CONTACT_RETENTION_DAYS", "0"))
# Counts failed sign-ins per username and address and locks them out (accounts.backends).
AUTHENTICATION_BACKENDS = ["accounts.backends.ThrottledModelBackend"]

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
