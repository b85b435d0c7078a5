from csp.middleware import CSPMiddleware
from django.conf import settings
from django.middleware.locale import LocaleMiddleware as DjangoLocaleMiddleware

from portal.languages import LANGUAGE_ALIASES


def normalise_accept_language(header):
    """Map the codes browsers send for Bosnian, Croatian, Serbian and Montenegrin
    (hr, hr-HR, sr-Latn-RS, bs, ...) to the hub's shared "sh", and the common
    mistake "ua" to "uk", so a reader in Zagreb is not sent to English."""
    items = []
    for item in header.split(","):
        tag, _sep, params = item.strip().partition(";")
        primary = tag.strip().lower().split("-")[0]
        alias = LANGUAGE_ALIASES.get(primary)
        items.append(f"{alias};{params}" if alias and params else alias or item.strip())
    return ",".join(items)


class LocaleMiddleware(DjangoLocaleMiddleware):
    def process_request(self, request):
        header = request.META.get("HTTP_ACCEPT_LANGUAGE")
        if header:
            request.META["HTTP_ACCEPT_LANGUAGE"] = normalise_accept_language(header)
        return super().process_request(request)

    def process_response(self, request, response):
        # An API or admin 404 is not a page to look for under a language prefix:
        # Django would redirect it to /en/api/… or /en/admin/….
        if request.path_info.startswith(("/api/", "/admin/")):
            return response
        return super().process_response(request, response)


NUL = "\x00"


def _has_nul(querydict):
    return any(
        NUL in key or any(NUL in value for value in values) for key, values in querydict.lists()
    )


class RejectNulBytesMiddleware:
    """A NUL byte in the path, the query string or a form field is refused here, once
    for the whole site: PostgreSQL cannot store or compare such a string, and no
    person types one. The answer is a 400 in the visitor's language (JSON under
    /api/), instead of a database error deep inside a view or an API filter."""

    FORM_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if self.is_tainted(request):
            from django.utils.translation import gettext

            from portal.views import bad_request

            return bad_request(
                request,
                gettext(
                    "The address or the form contains a character that cannot be used (a NUL "
                    "byte). Remove it and try again."
                ),
            )
        return self.get_response(request)

    def is_tainted(self, request):
        if NUL in request.path_info or _has_nul(request.GET):
            return True
        if request.method == "POST" and request.content_type in self.FORM_TYPES:
            return _has_nul(request.POST)
        return False


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """django-csp, with the public site's strict policy everywhere except the Wagtail
    admin, which gets PORTAL_ADMIN_CSP_DIRECTIVES: Wagtail's own admin templates still
    carry inline scripts (inline panels, date pickers), so it cannot run without
    'unsafe-inline'. Extends CSPMiddleware.get_policy_parts, the documented hook."""

    ADMIN_PREFIX = "/admin/"

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only=report_only)
        if (
            not report_only
            and parts.config is None
            and request.path_info.startswith(self.ADMIN_PREFIX)
        ):
            parts.config = settings.PORTAL_ADMIN_CSP_DIRECTIVES
        return parts
