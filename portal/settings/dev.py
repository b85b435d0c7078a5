import os

from .base import *  # noqa: F403
from .base import env_list

DEBUG = True
# Development only: production.py refuses to start without a real SECRET_KEY.
SECRET_KEY = os.environ.get("SECRET_KEY", "dev-only-insecure-key-do-not-use-in-production")  # noqa: S105
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost,[::1]")

PORTAL_SITE_HOSTNAME = os.environ.get("PORTAL_SITE_HOSTNAME", "127.0.0.1")
PORTAL_SITE_PORT = int(os.environ.get("PORTAL_SITE_PORT", "8000"))
