import datetime

import pytest
from django.utils import timezone
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import nested_form_data, streamfield
from wagtail_localize.fields import SynchronizedField, TranslatableField, get_translatable_fields

from home.models import CountryPage
from tests.utils import json_ld, translate
from vacancies.factories import VacancyPageFactory
from vacancies.models import VacancyIndexPage, VacancyPage

NEXT_YEAR = timezone.now().year + 1


def vacancy_form(**overrides):
    data = {
        "title": "Соціальний працівник",
        "slug": "sotsialnyi-pratsivnyk",
        "organisation": "Центр соціальних служб",
        "country": "",
        "city": "Харків",
        "contract_type": "full_time",
        "time_zone": "Europe/Kyiv",
        "closes_at": f"{NEXT_YEAR}-03-01 17:00",
        "apply_url": "https://jobs.example.org/1",
        "apply_email": "",
        "summary": "Шукаємо фахівця.",
        "lead_image_alt": "",
        "body": streamfield([]),
    }
    data.update(overrides)
    return nested_form_data(data)


class VacancyAdminTests(WagtailPageTestCase):
    def setUp(self):
        self.login()
        self.section = CountryPage.objects.get(locale__language_code="uk", country="ukraine")
        self.index = VacancyIndexPage.objects.child_of(self.section).get()

    def test_an_editor_can_create_a_vacancy_with_a_local_deadline(self):
        self.assertCanCreate(self.index, VacancyPage, vacancy_form())
        vacancy = VacancyPage.objects.get(slug="sotsialnyi-pratsivnyk")
        self.assertEqual(
            vacancy.closes_at, datetime.datetime(NEXT_YEAR, 3, 1, 15, 0, tzinfo=datetime.UTC)
        )
        self.assertEqual(vacancy.country, "ukraine")

    def test_a_vacancy_needs_a_way_to_apply(self):
        before = VacancyPage.objects.count()
        response = self.client.post(
            f"/admin/pages/add/vacancies/vacancypage/{self.index.pk}/",
            vacancy_form(apply_url=""),
        )
        self.assertContains(response, "Say how to apply")
        self.assertEqual(VacancyPage.objects.count(), before)

    def test_an_open_vacancy_shows_how_to_apply_and_job_posting(self):
        vacancy = VacancyPageFactory(parent=self.index, title="Психолог")
        self.assertPageIsRenderable(vacancy)
        html = self.client.get(vacancy.url).content.decode()
        self.assertIn('href="https://jobs.example.org/apply"', html)
        posting = json_ld(html)[0]
        self.assertEqual(posting["@type"], "JobPosting")
        self.assertEqual(posting["validThrough"], vacancy.local_closes_at.isoformat())
        self.assertEqual(posting["hiringOrganization"]["name"], vacancy.organisation)
        self.assertEqual(posting["jobLocation"]["address"]["addressCountry"], "UA")

    def test_a_closed_vacancy_says_so_without_apply_link_or_job_posting(self):
        vacancy = VacancyPageFactory(
            parent=self.index, title="Закрита вакансія", closed=True, apply_email="hr@example.org"
        )
        response = self.client.get(vacancy.url)
        self.assertEqual(response.status_code, 200)
        html = response.content.decode()
        self.assertIn("notice-closed", html)
        self.assertIn("Заявки більше не приймаються", html)
        self.assertNotIn("jobs.example.org/apply", html)
        self.assertNotIn("mailto:", html)
        self.assertEqual(json_ld(html), [])


def test_vacancy_translatable_field_policy():
    fields = {f.field_name: type(f) for f in get_translatable_fields(VacancyPage)}
    for name in ["title", "summary", "organisation", "city", "body"]:
        assert fields[name] is TranslatableField, name
    for name in [
        "slug",
        "closes_at",
        "time_zone",
        "contract_type",
        "apply_url",
        "apply_email",
        "country",
    ]:
        assert fields[name] is SynchronizedField, name


def test_vacancy_translation_round_trip(client, db, country_section, index_of):
    source = VacancyPageFactory(
        parent=index_of(country_section("ukraine", "uk"), VacancyIndexPage), title="Кейс-менеджер"
    )
    translate(source, "en", lambda text: f"EN {text}")
    assert (
        "EN Кейс-менеджер" in client.get(f"/en/ukraine/vacancies/{source.slug}/").content.decode()
    )
    assert "EN Кейс-менеджер" in client.get("/en/vacancies/").content.decode()
    assert "EN Кейс-менеджер" not in client.get("/uk/vacancies/").content.decode()


@pytest.fixture
def vacancies(db, country_section, index_of):
    index = index_of(country_section("moldova", "en"), VacancyIndexPage)
    now = timezone.now()
    return {
        "soon": VacancyPageFactory(
            parent=index, title="Closing in two days", closes_at=now + datetime.timedelta(days=2)
        ),
        "later": VacancyPageFactory(
            parent=index,
            title="Closing next month",
            closes_at=now + datetime.timedelta(days=30),
            contract_type="consultancy",
        ),
        "closed": VacancyPageFactory(
            parent=index, title="Closed yesterday", closes_at=now - datetime.timedelta(days=1)
        ),
    }


def test_closed_vacancies_leave_listings_by_themselves(client, vacancies):
    html = client.get("/en/vacancies/").content.decode()
    assert "Closed yesterday" not in html
    assert html.index("Closing in two days") < html.index("Closing next month")
    # Time passes: nobody touches the page, and it is gone from every listing.
    VacancyPage.objects.filter(pk=vacancies["soon"].pk).update(
        closes_at=timezone.now() - datetime.timedelta(seconds=1)
    )
    for url in ["/en/vacancies/", "/en/moldova/vacancies/", "/en/"]:
        assert "Closing in two days" not in client.get(url).content.decode(), url


def test_closing_soon_and_contract_filters(client, vacancies):
    html = client.get("/en/vacancies/?closing=soon").content.decode()
    assert "Closing in two days" in html and "Closing next month" not in html
    html = client.get("/en/moldova/vacancies/?contract_type=consultancy").content.decode()
    assert "Closing next month" in html and "Closing in two days" not in html
    response = client.get("/en/vacancies/?closing=yesterday&contract_type=<script>")
    assert response.status_code == 200
    assert "<script>" not in response.content.decode().split("<main", 1)[1]
