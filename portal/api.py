"""The read-only Wagtail API v2: pages, images and documents. Anonymous, so it is
throttled per client address, and cacheable by a CDN for a minute."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import DataError, connection, models
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext
from rest_framework.filters import BaseFilterBackend
from rest_framework.throttling import SimpleRateThrottle
from taggit.managers import TaggableManager
from wagtail.api.v2.filters import FieldsFilter, SearchFilter
from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.utils import BadRequestError
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


def invalid_filter(name, value):
    return BadRequestError(
        gettext("“%(value)s” is not a valid value for the “%(name)s” filter.")
        % {"value": value[:100], "name": name}
    )


def check_filter_value(field, name, value):
    """Convert `value` the way the database will, so that a value it cannot take
    is a 400 here instead of a ValidationError or a DataError in the query."""
    if isinstance(field, TaggableManager | models.BooleanField) or field is None:
        return
    target = field.target_field if isinstance(field, models.ForeignKey) else field
    try:
        converted = target.get_prep_value(target.to_python(value))
    except (ValidationError, ValueError, TypeError, OverflowError) as error:
        raise invalid_filter(name, value) from error
    if isinstance(converted, int) and not isinstance(converted, bool):
        low, high = connection.ops.integer_field_range(target.get_internal_type())
        if (low is not None and converted < low) or (high is not None and converted > high):
            raise invalid_filter(name, value)


class PortalFieldsFilter(FieldsFilter):
    """Wagtail's field filters (``?first_published_at=``, ``?id=``…) pass a typed value
    straight to the query, so ``?first_published_at=x`` raised a ValidationError (500).
    Each value is checked against its field first; the filtering stays Wagtail's."""

    def filter_queryset(self, request, queryset, view):
        fields = set(view.get_available_fields(queryset.model, db_fields_only=True))
        fields.discard("locale")
        for name, value in request.GET.items():
            if name in fields:
                try:
                    field = queryset.model._meta.get_field(name)
                except LookupError:
                    field = None
                check_filter_value(field, name, value)
        return super().filter_queryset(request, queryset, view)


class PortalSearchFilter(SearchFilter):
    """Wagtail's search filter hands ``?search_operator=`` to the search backend,
    which raised a ValueError (500) for anything but "and" and "or"."""

    OPERATORS = ("and", "or")

    def filter_queryset(self, request, queryset, view):
        operator = request.GET.get("search_operator")
        if operator is not None and operator not in self.OPERATORS:
            raise invalid_filter("search_operator", operator)
        return super().filter_queryset(request, queryset, view)


SAFE_BACKENDS = {FieldsFilter: PortalFieldsFilter, SearchFilter: PortalSearchFilter}


def with_safe_field_filter(backends):
    """The viewset's filter backends with Wagtail's field and search filters replaced
    by ours; the order, which matters to Wagtail, is kept."""
    return [SAFE_BACKENDS.get(backend, backend) for backend in backends]


class ReadOnlyApiMixin:
    throttle_classes = [ApiRateThrottle]

    def handle_exception(self, exc):
        # A value the database cannot compare (an integer out of range for a child_of,
        # a malformed date) is the client's mistake, never a 500.
        if isinstance(exc, ValidationError | DataError | OverflowError):
            exc = BadRequestError(gettext("A filter has a value that cannot be used."))
        return super().handle_exception(exc)

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
    filter_backends = with_safe_field_filter(
        [*PagesAPIViewSet.filter_backends[:-1], SectionFilter, PagesAPIViewSet.filter_backends[-1]]
    )

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
    filter_backends = with_safe_field_filter(ImagesAPIViewSet.filter_backends)


class PortalDocumentsAPIViewSet(ReadOnlyApiMixin, DocumentsAPIViewSet):
    filter_backends = with_safe_field_filter(DocumentsAPIViewSet.filter_backends)


api_router = WagtailAPIRouter("wagtailapi")
api_router.register_endpoint("pages", PortalPagesAPIViewSet)
api_router.register_endpoint("images", PortalImagesAPIViewSet)
api_router.register_endpoint("documents", PortalDocumentsAPIViewSet)
