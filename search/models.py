from django.contrib.postgres.search import SearchVectorField
from django.db import models


class SearchEntry(models.Model):
    """The stored search vector of one live section item, built in its language's
    text search configuration (search.text_search) and kept up to date by the
    search.tasks.update_search_entry task on publish, unpublish and move. Deleting
    the page deletes its entry. Used on PostgreSQL only; the GIN index on ``vector``
    is created by the migration there."""

    page = models.OneToOneField(
        "wagtailcore.Page", primary_key=True, on_delete=models.CASCADE, related_name="+"
    )
    locale = models.ForeignKey("wagtailcore.Locale", on_delete=models.CASCADE, related_name="+")
    # The section registry key (home.sections): the type filter of search.
    section = models.CharField(max_length=40)
    country = models.CharField(max_length=40, blank=True)
    # A vacancy's deadline: past it, the item leaves search as it leaves listings.
    expires_at = models.DateTimeField(null=True, blank=True)
    # The configuration the vector was built with, so that a language whose
    # configuration changes can be found and rebuilt.
    config = models.CharField(max_length=63)
    vector = SearchVectorField()

    class Meta:
        # The newest entries of one language first: how a common word's newest
        # matches are found without reading every match (search.backends).
        indexes = [models.Index(fields=["locale", "page"], name="search_entry_locale_page")]
        verbose_name = "search entry"
        verbose_name_plural = "search entries"

    def __str__(self):
        return f"{self.section} {self.page_id} ({self.config})"
