import os
from pathlib import Path

from .base import *  # noqa: F403
from .base import cache_settings, tasks_settings

DEBUG = False
SECRET_KEY = "test-only-key"  # noqa: S105
ALLOWED_HOSTS = ["*"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# Mail still goes through the queue (tests/conftest.py keeps Django's test runner from
# replacing EMAIL_BACKEND); jobs run inline, and the transport is the test outbox.
PORTAL_EMAIL_TRANSPORT = "django.core.mail.backends.locmem.EmailBackend"
TASKS = tasks_settings("immediate")
CACHES = cache_settings(None)
# Off by default: query-count tests render a page once to warm renditions and then
# count the second rendering, which a page cache would answer with no query at all.
# The `page_cache` fixture (tests/conftest.py) turns it on; the app-server tests run
# the production default.
PAGE_CACHE_SECONDS = 0
MEDIA_ROOT = Path(os.environ.get("TEST_MEDIA_ROOT", "/tmp/portal-test-media"))  # noqa: S108
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WAGTAILADMIN_BASE_URL = "http://testserver"
WAGTAILLOCALIZE_MACHINE_TRANSLATOR = {
    "CLASS": "wagtail_localize.machine_translators.dummy.DummyTranslator",
}
