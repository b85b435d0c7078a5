from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from wagtail.models import Site


class Command(BaseCommand):
    help = (
        "Point the default Wagtail site at a host name and port. Canonical, hreflang, "
        "sitemap, feed and e-mail links are built from them; `make run PORT=8101` calls "
        "this so that they follow the port the server listens on."
    )

    def add_arguments(self, parser):
        parser.add_argument("--hostname", help="default: PORTAL_SITE_HOSTNAME")
        parser.add_argument("--port", type=int, help="default: PORTAL_SITE_PORT")

    def handle(self, *args, hostname=None, port=None, **options):
        hostname = hostname or settings.PORTAL_SITE_HOSTNAME
        port = port or settings.PORTAL_SITE_PORT
        if not 0 < port < 65536:
            raise CommandError(f"{port} is not a TCP port (1–65535).")
        site = Site.objects.filter(is_default_site=True).first()
        if site is None:
            raise CommandError("There is no site yet: run build_site_tree or load_demo_data first.")
        if (site.hostname, site.port) != (hostname, port):
            site.hostname, site.port = hostname, port
            site.save()
        self.stdout.write(f"Links point at {site.root_url}/")
