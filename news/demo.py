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

    def scale_item(self, scale, locale, country, number):
        """A news item for the scale data (home.scale): a topic or two, an image on most."""
        place = scale.country(country)
        topics = scale.some(scale.terms(Topic, locale))
        topic = topics[0].name if topics else "News"
        name = scale.country_name(locale, place)
        page = NewsPage(
            title=f"{topic} — {name} ({number})",
            slug=scale.slug(f"{topic} {name}"),
            locale=locale,
            summary=f"{topic}, {name}: child protection news item {number}.",
            body=paragraphs(f"{topic}. {name}.", "Child protection and family support."),
            date=(scale.now - datetime.timedelta(days=scale.rng.randint(0, 1000))).date(),
            lead_image=scale.image(),
        )
        page.topic_links = [NewsPageTopic(topic=term, locale=locale) for term in topics]
        return page
