"""The read-only Wagtail API v2: pages, images and documents. Anonymous, so it is
throttled per client address, and cacheable by a CDN for a minute."""

from django.conf import settings
from django.utils.cache import patch_cache_control
from rest_framework.filters import BaseFilterBackend
from rest_framework.throttling import SimpleRateThrottle
from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.views import PagesAPIViewSet
from wagtail.documents.api.v2.views import DocumentsAPIViewSet
from wagtail.images.api.v2.views import ImagesAPIViewSet


class ApiRateThrottle(SimpleRateThrottle):
    """Every client, signed in or not, by address; the rate comes from settings so
    that operators (and tests) can change it without code."""

    scope = "api"

    def get_rate(self):
        return settings.PORTAL_API_RATE

    def get_cache_key(self, request, view):
        return self.cache_format % {"scope": self.scope, "ident": self.get_ident(request)}


class ReadOnlyApiMixin:
    throttle_classes = [ApiRateThrottle]

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        if response.status_code == 200:
            patch_cache_control(response, public=True, max_age=settings.PORTAL_API_CACHE_SECONDS)
        return response


def section_api_filters(model):
    """{query parameter: callable(queryset, value)} that a section declares for its
    item type (Section.extra["api_filters"], home.sections), e.g. the library's
    ?topic= and ?audience=; used when ?type= names that type."""
    from home.sections import section_for_model

    section = section_for_model(model)
    if section is None or section.item_model is not model:
        return {}
    return section.extra.get("api_filters", {})


class SectionFilter(BaseFilterBackend):
    def filter_queryset(self, request, queryset, view):
        for name, apply in section_api_filters(queryset.model).items():
            if name in request.GET:
                queryset = apply(queryset, request.GET[name])
        return queryset


class PortalPagesAPIViewSet(ReadOnlyApiMixin, PagesAPIViewSet):
    # Wagtail's SearchFilter has to stay last.
    filter_backends = [
        *PagesAPIViewSet.filter_backends[:-1],
        SectionFilter,
        PagesAPIViewSet.filter_backends[-1],
    ]

    def check_query_parameters(self, queryset):
        # INTERNAL (Wagtail API v2): BaseAPIViewSet.check_query_parameters refuses any
        # parameter outside `known_query_parameters` and the model's fields. A view
        # instance serves one request, so the section's own filters are added here.
        # Contract: tests/library/test_publication.py (the API test accepts ?audience=
        # for publications and still refuses it for news).
        self.known_query_parameters = type(self).known_query_parameters.union(
            section_api_filters(queryset.model)
        )
        return super().check_query_parameters(queryset)


class PortalImagesAPIViewSet(ReadOnlyApiMixin, ImagesAPIViewSet):
    pass


class PortalDocumentsAPIViewSet(ReadOnlyApiMixin, DocumentsAPIViewSet):
    pass


api_router = WagtailAPIRouter("wagtailapi")
api_router.register_endpoint("pages", PortalPagesAPIViewSet)
api_router.register_endpoint("images", PortalImagesAPIViewSet)
api_router.register_endpoint("documents", PortalDocumentsAPIViewSet)
