import datetime

from django.utils import timezone

from home.feeds import IndexFeed


class NewsFeed(IndexFeed):
    def item_pubdate(self, item):
        # The news date is what editors set; an item imported or back-dated keeps it.
        return timezone.make_aware(datetime.datetime.combine(item.date, datetime.time(12)))

    def item_categories(self, item):
        return [topic.name for topic in item.topics]
