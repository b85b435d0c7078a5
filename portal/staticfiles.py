"""Static file finders that answer "not found" for a path leaving their folders.

Django's finders raise SuspiciousFileOperation for ``../`` (django.contrib.staticfiles
.finders: FileSystemFinder.find_location and AppDirectoriesFinder.find_in_app, through
safe_join). Under runserver, the StaticFilesHandler lets that exception through, so
``/static/../portal/settings/base.py`` was a 500 with a traceback. No source file
was served, but the answer must be a plain 404."""

from django.contrib.staticfiles import finders
from django.core.exceptions import SuspiciousFileOperation


class _NotFoundOutsideRoot:
    def find(self, path, find_all=False, **kwargs):
        try:
            return super().find(path, find_all=find_all, **kwargs)
        except SuspiciousFileOperation:
            # What the finders return when nothing matches.
            return []


class FileSystemFinder(_NotFoundOutsideRoot, finders.FileSystemFinder):
    pass


class AppDirectoriesFinder(_NotFoundOutsideRoot, finders.AppDirectoriesFinder):
    pass
