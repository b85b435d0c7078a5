"""gzip for answers that hold no secret.

BREACH recovers a secret from a compressed HTTPS answer that also reflects what an
attacker put in the URL, by watching its length. Django's GZipMiddleware pads the
gzip header with 0 to 99 random bytes ("Heal the BREACH"), which slows the attack
but does not stop it: averaging enough requests removes the noise. So answers that
carry a CSRF token, set a cookie, are private, or are made for a signed-in visitor
(a session cookie) are sent uncompressed, and only public answers, the ones the page
cache may keep, are compressed. Those are what nearly every visitor downloads.
Static files are compressed ahead of time by WhiteNoise."""

from django.middleware.gzip import GZipMiddleware

from portal.page_cache import carries_secret, is_personal_request

COMPRESSIBLE_TYPES = (
    "text/",
    "application/json",
    "application/xml",
    "application/rss+xml",
    "application/atom+xml",
    "image/svg+xml",
)


class PublicGZipMiddleware(GZipMiddleware):
    def process_response(self, request, response):
        if not self.is_safe_to_compress(request, response):
            return response
        return super().process_response(request, response)

    @staticmethod
    def is_safe_to_compress(request, response):
        if response.streaming:  # documents and media: mostly compressed already
            return False
        if not response.get("Content-Type", "").startswith(COMPRESSIBLE_TYPES):
            return False
        return not (is_personal_request(request) or carries_secret(request, response))
