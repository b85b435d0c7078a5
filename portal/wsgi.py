import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.production")

application = get_wsgi_application()

# Refuse to serve before `collectstatic` instead of answering 500 on every page.
from portal.deployment import require_collected_static  # noqa: E402

require_collected_static()
