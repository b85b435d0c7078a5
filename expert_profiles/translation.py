"""Where a published change to an expert profile meets wagtail-localize. The
editorial-workflow work may replace this with the site-wide sync; callers only rely
on the name and on translations being reported outdated afterwards."""

from wagtail_localize.models import TranslationSource


def mark_translations_outdated(page):
    """Refresh the page's TranslationSource from its live content. Its translations'
    last sync is then older than the source, which is how wagtail-localize reports
    them as outdated. Returns the refreshed sources (none when the page was never
    submitted for translation)."""
    sources = list(
        TranslationSource.objects.filter(object_id=page.translation_key, locale_id=page.locale_id)
    )
    for source in sources:
        source.update_from_db()
    return sources
