import re

from django.middleware.locale import LocaleMiddleware as DjangoLocaleMiddleware

from portal.languages import LANGUAGE_ALIASES

_ALIAS_RE = re.compile(
    r"(?<![\w-])(" + "|".join(sorted(map(re.escape, LANGUAGE_ALIASES), key=len, reverse=True)) + r")(?=[;,\s-]|$)",
    re.IGNORECASE,
)


def normalise_accept_language(header):
    """Map the codes browsers send for Bosnian, Croatian, Serbian and Montenegrin to
    the hub's shared "sh", so a reader in Zagreb is not sent to English."""

    def replace(match):
        return LANGUAGE_ALIASES[match.group(1).lower()]

    # sr-Latn-RS must become sh, not sh-Latn-RS; handle the script subtag first.
    header = re.sub(r"(?i)\bsr-latn\b", "sh", header)
    return _ALIAS_RE.sub(replace, header)


class LocaleMiddleware(DjangoLocaleMiddleware):
    def process_request(self, request):
        header = request.META.get("HTTP_ACCEPT_LANGUAGE")
        if header:
            request.META["HTTP_ACCEPT_LANGUAGE"] = normalise_accept_language(header)
        return super().process_request(request)
