"""Demo news for load_demo_data (home.demo.builder drives it through the registry)."""

import datetime

from django.utils import timezone

from home.demo.builder import SectionDemo
from home.demo.content import TOPICS
from home.factories import paragraphs
from news.factories import NewsPageFactory
from news.models import NewsPage, NewsPageTopic, Topic


class NewsDemo(SectionDemo):
    translated_fields = ("title", "summary", "body")

    def build_taxonomies(self, builder):
        builder.build_terms(Topic, TOPICS)

    def build_item(self, builder, index, item, position, country, editor):
        existing = NewsPage.objects.child_of(index).filter(slug=item["slug"]).first()
        if existing:
            return existing
        # No lead images: a card without an image reads better than a fake one.
        page = NewsPageFactory(
            parent=index,
            title=item["title"],
            slug=item["slug"],
            summary=item["summary"],
            body=paragraphs(*item["body"]),
            date=timezone.localdate() - datetime.timedelta(days=item["days_ago"]),
            owner=editor,
        )
        topics = Topic.objects.filter(locale=index.locale, slug__in=item["topics"])
        page.topic_links = [NewsPageTopic(topic=topic) for topic in topics]
        page.save()
        return builder.publish_backdated(page, editor, item["days_ago"])
