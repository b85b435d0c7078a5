import datetime

import factory
from django.utils import timezone

from home.factories import ItemPageFactory, paragraphs
from news.models import NewsIndexPage, NewsPage, NewsPageTopic, Topic


class TopicFactory(factory.django.DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Topic {n}")
    slug = factory.Sequence(lambda n: f"topic-{n}")

    class Meta:
        model = Topic


class NewsIndexPageFactory(ItemPageFactory):
    title = "News"
    slug = "news"

    class Meta:
        model = NewsIndexPage


class NewsPageFactory(ItemPageFactory):
    title = factory.Sequence(lambda n: f"News item {n}")
    summary = "What happened, in one sentence."
    date = factory.LazyFunction(timezone.localdate)
    body = factory.LazyFunction(lambda: paragraphs("First paragraph.", "Second paragraph."))

    class Meta:
        model = NewsPage

    @factory.post_generation
    def topics(obj, create, extracted, **kwargs):
        if not create or not extracted:
            return
        for position, topic in enumerate(extracted):
            NewsPageTopic.objects.create(page=obj, topic=topic, sort_order=position)


def days_ago(days):
    return timezone.localdate() - datetime.timedelta(days=days)
