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
        # An API 404 is an answer for a program, not a page to look for under a
        # language prefix: Django would redirect it to /en/api/….
        if request.path_info.startswith("/api/"):
            return response
        return super().process_response(request, response)
