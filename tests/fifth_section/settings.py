"""The test settings plus the fifth section app, for tests/fifth_section/checks only."""

from portal.settings.test import *  # noqa: F403
from portal.settings.test import INSTALLED_APPS

INSTALLED_APPS = [*INSTALLED_APPS, "tests.fifth_section.app"]
