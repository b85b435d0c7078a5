from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NewsConfig(AppConfig):
    name = "news"
    verbose_name = _("News")

    def ready(self):
        from home.sections import Section, register
        from news.demo import NewsDemo
        from news.feeds import NewsFeed
        from news.models import NewsIndexPage, NewsPage

        register(
            Section(
                key="news",
                item_model=NewsPage,
                index_model=NewsIndexPage,
                menu_label=_("News"),
                card_template="news/includes/news_item.html",
                home_heading=_("Latest news"),
                home_empty=_("No news yet."),
                home_queryset="latest",
                home_limit=4,
                feed=NewsFeed,
                search_fields=("body",),
                demo=NewsDemo(),
                order=10,
            )
        )
