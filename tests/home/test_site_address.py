"""`make run PORT=8101` runs set_site_address, so that every absolute link the portal
builds (canonical, hreflang, sitemap, feeds, e-mails) names the port it serves on."""

import pytest
from django.core import mail
from django.core.management import CommandError, call_command
from wagtail.models import Site

from accounts.emails import site_root_url


@pytest.fixture
def on_8101(db):
    call_command("set_site_address", hostname="127.0.0.1", port=8101)


def test_the_default_site_follows_the_port(on_8101):
    site = Site.objects.get(is_default_site=True)
    assert (site.hostname, site.port) == ("127.0.0.1", 8101)
    assert site_root_url() == "http://127.0.0.1:8101"


def test_canonical_hreflang_sitemap_and_feed_links_use_it(client, on_8101):
    html = client.get("/en/news/").content.decode()
    assert '<link rel="canonical" href="http://127.0.0.1:8101/en/news/">' in html
    assert 'hreflang="uk" href="http://127.0.0.1:8101/uk/news/"' in html
    sitemap = client.get("/sitemap.xml").content.decode()
    assert "<loc>http://127.0.0.1:8101/en/</loc>" in sitemap
    assert ":8000" not in sitemap
    feed = client.get("/en/news/feed/").content.decode()
    assert "<link>http://127.0.0.1:8101/en/news/</link>" in feed


def test_running_it_again_changes_nothing_and_a_bad_port_is_refused(on_8101):
    call_command("set_site_address", hostname="127.0.0.1", port=8101)
    assert Site.objects.count() == 1
    with pytest.raises(CommandError, match="not a TCP port"):
        call_command("set_site_address", port=70000)
    assert Site.objects.get(is_default_site=True).port == 8101
    assert mail.outbox == []
