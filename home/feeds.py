"""RSS 2.0 for a listing: the same items, filters and order as the index page shows."""

from django.contrib.syndication.views import Feed
from django.utils.feedgenerator import Rss201rev2Feed
from django.utils.html import strip_tags
from django.utils.translation import gettext as _

# Enough for a feed reader to catch up after a week away; the query count does
# not depend on it.
FEED_MAX_ITEMS = 30


class IndexFeed(Feed):
    feed_type = Rss201rev2Feed

    def __call__(self, request, *args, **kwargs):
        self.request = request
        response = super().__call__(request, *args, **kwargs)
        response["Content-Type"] = "application/rss+xml; charset=utf-8"
        return response

    def get_object(self, request, index_page):
        return index_page

    def title(self, index_page):
        return _("%(title)s · ChildHub") % {"title": index_page.title}

    def link(self, index_page):
        return index_page.get_full_url(self.request)

    def feed_url(self, index_page):
        # The filters are part of the feed's identity: ?country=ukraine is its own feed.
        return self.request.get_full_path()

    def description(self, index_page):
        return strip_tags(index_page.intro).strip() or _(
            "The latest items from the Child Protection Hub."
        )

    def items(self, index_page):
        form = index_page.get_filter_form(self.request)
        queryset = form.filter_queryset(index_page.get_base_queryset())
        queryset = index_page.order_queryset(queryset, form.active_filters())
        return index_page.optimise_queryset(queryset)[:FEED_MAX_ITEMS]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.summary

    def item_link(self, item):
        return item.get_full_url(self.request)

    def item_pubdate(self, item):
        return item.first_published_at

    def item_updateddate(self, item):
        return item.last_published_at


def feed_url(index_page, suffix, request):
    """The URL of an index's feed, keeping the listing's filters but not its page."""
    query = request.GET.copy()
    query.pop("page", None)
    url = f"{index_page.get_url(request)}{suffix}"
    return f"{url}?{query.urlencode()}" if query else url
