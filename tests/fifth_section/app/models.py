from django.db import models
from wagtail.models import Page
from wagtail.search import index

from home.forms import ListingFilterForm
from home.models import IndexPage, SectionItemPage


class ResourceIndexPage(IndexPage):
    subpage_types = ["fifth_section.ResourcePage"]
    filter_form_class = ListingFilterForm


class ResourcePage(SectionItemPage):
    publisher = models.CharField(max_length=200, blank=True)

    parent_page_types = ["fifth_section.ResourceIndexPage"]
    subpage_types = []
    translatable_fields = SectionItemPage.shared_translatable_fields
    search_fields = [
        *Page.search_fields,
        index.SearchField("summary"),
        index.SearchField("publisher"),
        index.FilterField("country"),
    ]

    @staticmethod
    def optimise_for_listing(queryset):
        return queryset.select_related("locale")

    @classmethod
    def latest(cls, queryset):
        return queryset.order_by("-first_published_at")
