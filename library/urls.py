"""Included by portal/urls.py inside i18n_patterns, before Wagtail's page URLs."""

from django.urls import re_path

from library import views

urlpatterns = [
    re_path(
        r"^(?P<path>(?:[\w\-]+/)*)cite\.(?P<file_format>ris|bib)$",
        views.cite,
        name="library_cite",
    ),
    re_path(r"^(?P<path>(?:[\w\-]+/)*)export\.ris$", views.export_ris, name="library_export_ris"),
]
