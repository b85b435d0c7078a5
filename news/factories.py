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
        skip_postgeneration_save = True


class NewsPageFactory(ItemPageFactory):
    title = factory.Sequence(lambda n: f"News item {n}")
    summary = "What happened, in one sentence."
    date = factory.LazyFunction(timezone.localdate)
    body = factory.LazyFunction(lambda: paragraphs("First paragraph.", "Second paragraph."))

    class Meta:
        model = NewsPage
        skip_postgeneration_save = True

    @factory.post_generation
    def topics(obj, create, extracted, **kwargs):
        if not create or not extracted:
            return
        # Set through the cluster so the page object itself knows its topics, as it
        # does after an admin save (wagtail-localize reads them from the instance).
        obj.topic_links = [NewsPageTopic(topic=topic) for topic in extracted]
        obj.save()
