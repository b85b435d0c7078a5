from django.conf import settings

# The checks need the fifth section installed: they run in their own pytest process
# with tests.fifth_section.settings (see test_fifth_section.py), not in the main suite.
collect_ignore = [] if "tests.fifth_section.app" in settings.INSTALLED_APPS else ["checks"]
