"""The read-only Wagtail API v2: pages, images and documents. Anonymous, so it is
throttled per client address, and cacheable by a CDN for a minute."""

from django.conf import settings
from django.utils.cache import patch_cache_control
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


class PortalPagesAPIViewSet(ReadOnlyApiMixin, PagesAPIViewSet):
    pass


class PortalImagesAPIViewSet(ReadOnlyApiMixin, ImagesAPIViewSet):
    pass


class PortalDocumentsAPIViewSet(ReadOnlyApiMixin, DocumentsAPIViewSet):
    pass


api_router = WagtailAPIRouter("wagtailapi")
api_router.register_endpoint("pages", PortalPagesAPIViewSet)
api_router.register_endpoint("images", PortalImagesAPIViewSet)
api_router.register_endpoint("documents", PortalDocumentsAPIViewSet)
