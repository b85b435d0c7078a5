import datetime

import pytest
from django.utils import timezone
from wagtail.models import Locale
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield
from wagtail_localize.fields import SynchronizedField, TranslatableField, get_translatable_fields

from home.factories import ImageFactory
from home.models import CountryPage, HomePage
from news.factories import NewsPageFactory, TopicFactory
from news.models import NewsIndexPage, NewsPage, NewsPageTopic, Topic
from tests.utils import json_ld, translate


def policy(model):
    return {field.field_name: type(field) for field in get_translatable_fields(model)}


class NewsPageAdminTests(WagtailPageTestCase):
    def setUp(self):
        self.login()
        self.section = CountryPage.objects.get(locale__language_code="uk", country="ukraine")
        self.index = NewsIndexPage.objects.child_of(self.section).get()
        self.topic = Topic.objects.create(
            locale=self.section.locale, name="Онлайн-безпека", slug="online-safety-t"
        )

    def test_an_editor_can_create_a_news_item_in_the_admin(self):
        self.assertCanCreate(
            self.index,
            NewsPage,
            nested_form_data(
                {
                    "title": "Нова програма підтримки",
                    "slug": "nova-programa",
                    "date": "2026-11-20",
                    "country": "",
                    "summary": "Коротко про програму.",
                    "lead_image_alt": "",
                    "body": streamfield([("paragraph", rich_text("<p>Текст новини.</p>"))]),
                    "topic_links": inline_formset([{"topic": self.topic.pk}]),
                    "related_links": inline_formset([]),
                }
            ),
        )
        created = NewsPage.objects.get(slug="nova-programa")
        # The country comes from the section, whatever the form said.
        self.assertEqual(created.country, "ukraine")
        self.assertEqual(
            [(t.slug, t.name) for t in created.topics], [(self.topic.slug, self.topic.name)]
        )

    def test_an_image_without_alt_text_is_refused(self):
        image = ImageFactory()
        before = NewsPage.objects.count()
        response = self.client.post(
            f"/admin/pages/add/news/newspage/{self.index.pk}/",
            nested_form_data(
                {
                    "title": "Без опису",
                    "slug": "bez-opysu",
                    "date": "2026-11-20",
                    "summary": "Коротко.",
                    "lead_image": image.pk,
                    "lead_image_alt": "",
                    "body": streamfield([]),
                    "topic_links": inline_formset([]),
                    "related_links": inline_formset([]),
                }
            ),
        )
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "Describe the lead image")
        self.assertEqual(NewsPage.objects.count(), before)

    def test_a_news_item_renders(self):
        page = NewsPageFactory(
            parent=self.index, title="Тренінг для соціальних працівників", topics=[self.topic]
        )
        self.assertPageIsRenderable(page)
        response = self.client.get(page.url)
        self.assertContains(response, "Тренінг для соціальних працівників")
        self.assertContains(response, "?topic=online-safety-t")
        article = json_ld(response.content.decode())[0]
        self.assertEqual(article["@type"], "NewsArticle")
        self.assertEqual(article["headline"], page.title)
        self.assertEqual(article["inLanguage"], "uk")


def test_news_translatable_field_policy():
    fields = policy(NewsPage)
    assert fields["title"] is TranslatableField
    assert fields["summary"] is TranslatableField
    assert fields["body"] is TranslatableField
    assert fields["lead_image_alt"] is TranslatableField
    assert fields["topic_links"] is TranslatableField
    for synchronised in ["slug", "date", "country", "lead_image", "related_links"]:
        assert fields[synchronised] is SynchronizedField, synchronised
    # Synchronised: a page's translation must not rewrite the shared taxonomy (see
    # NewsPageTopic); the reader's term is looked up at render time.
    assert policy(NewsPageTopic) == {"topic": SynchronizedField}
    assert policy(Topic) == {"name": TranslatableField, "slug": SynchronizedField}


def test_news_translation_round_trip(client, db, country_section, index_of):
    section = country_section("ukraine", "uk")
    topic = TopicFactory(locale=section.locale, name="Насильство", slug="violence-t")
    source = NewsPageFactory(
        parent=index_of(section, NewsIndexPage),
        title="Новина для перекладу",
        summary="Підсумок",
        topics=[topic],
    )
    russian_topic = topic.copy_for_translation(Locale.objects.get(language_code="ru"))
    russian_topic.name = "Насилие"
    russian_topic.save()
    russian = translate(source, "ru", lambda text: f"RU {text}")
    assert russian.live
    assert russian.url == f"/ru/ukraine/news/{source.slug}/"
    # The Russian page shows the Russian topic, and translating the page left it alone.
    assert [(t.name, t.language) for t in russian.specific.topics] == [("Насилие", "")]
    russian_topic.refresh_from_db()
    assert russian_topic.name == "Насилие"
    response = client.get(russian.url)
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="ru">' in html
    assert "RU Новина для перекладу" in html
    assert "RU Підсумок" in html

    # Listings list their own locale. A listing short of items fills up from other
    # languages after its own, each marked (tests/home/test_no_dead_ends.py), so the
    # leak checks read the listing's own items.
    def own_titles(url):
        return [item.title for item in client.get(url).context["items"]]

    assert "RU Новина для перекладу" in own_titles("/ru/ukraine/news/")
    assert "RU Новина для перекладу" in own_titles("/ru/news/")
    assert "RU Новина для перекладу" not in client.get("/uk/news/").content.decode()
    assert "RU Новина для перекладу" not in own_titles("/en/news/")
    assert "Новина для перекладу" not in own_titles("/en/news/")
    english = client.get("/en/news/").content.decode()
    assert "RU Новина для перекладу" not in english.partition("Little has been published")[0]


@pytest.fixture
def ukraine_news(db, country_section, index_of):
    section = country_section("ukraine", "en")
    serbia = country_section("serbia", "en")
    home = HomePage.objects.get(locale=section.locale)
    violence = TopicFactory(locale=section.locale, name="Violence", slug="violence-f")
    TopicFactory(locale=section.locale, name="Care", slug="care-f")
    today = timezone.localdate()
    pages = {
        "kyiv": NewsPageFactory(
            parent=index_of(section, NewsIndexPage),
            title="Kyiv update",
            topics=[violence],
            date=today,
        ),
        "belgrade": NewsPageFactory(
            parent=index_of(serbia, NewsIndexPage),
            title="Belgrade update",
            date=today - datetime.timedelta(days=1),
        ),
        "regional": NewsPageFactory(
            parent=index_of(home, NewsIndexPage),
            title="Regional update",
            country="serbia",
            date=today - datetime.timedelta(days=2),
        ),
    }
    draft = NewsPageFactory(
        parent=index_of(section, NewsIndexPage), title="Draft update", live=False
    )
    pages["draft"] = draft
    return pages


def test_region_wide_listing_and_filters(client, ukraine_news):
    html = client.get("/en/news/").content.decode()
    assert "Kyiv update" in html and "Belgrade update" in html and "Regional update" in html
    assert "Draft update" not in html
    # Newest first.
    assert html.index("Kyiv update") < html.index("Belgrade update") < html.index("Regional update")

    html = client.get("/en/news/?country=serbia").content.decode()
    assert "Kyiv update" not in html
    assert "Belgrade update" in html and "Regional update" in html

    html = client.get("/en/news/?topic=violence-f").content.decode()
    assert "Kyiv update" in html and "Belgrade update" not in html


def test_country_listing_shows_only_its_country(client, ukraine_news):
    html = client.get("/en/ukraine/news/").content.decode()
    assert "Kyiv update" in html
    assert "Belgrade update" not in html and "Regional update" not in html
    # A country index has no country filter to offer.
    assert 'name="country"' not in html


@pytest.mark.parametrize(
    "query",
    [
        "?page=abc",
        "?page=9999",
        "?page=-1",
        "?page=",
        "?country=atlantis",
        "?topic=" + "x" * 5000,
    ],
)
def test_bad_listing_parameters_give_a_normal_page(client, ukraine_news, query):
    response = client.get("/en/news/" + query)
    assert response.status_code == 200
    assert "Kyiv update" in response.content.decode()


def test_an_unknown_filter_value_is_reported(client, ukraine_news):
    html = client.get("/en/news/?country=atlantis").content.decode()
    assert "filter had a value we do not recognise" in html


def test_an_out_of_range_page_shows_the_last_page(client, ukraine_news, settings):
    settings.PORTAL_PAGE_SIZE = 1
    response = client.get("/en/news/?page=50")
    assert response.status_code == 200
    assert response.context["page_obj"].number == 3
    assert "That page does not exist" in response.content.decode()
