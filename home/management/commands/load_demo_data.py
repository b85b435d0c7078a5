from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from home.demo.builder import DemoBuilder
from home.models import HomePage


class Command(BaseCommand):
    help = (
        "Build every locale, country section, the demo accounts and sample content. "
        "Safe to run again: it only adds what is missing."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--allow-production",
            action="store_true",
            help="Run even with DEBUG off. The demo accounts have a published password.",
        )
        parser.add_argument(
            "--only-if-empty",
            action="store_true",
            help="Do nothing when the portal already has a home page (used by `make run`).",
        )

    def handle(self, *args, allow_production=False, only_if_empty=False, **options):
        if only_if_empty and HomePage.objects.exists():
            self.stdout.write("The database already has content; leaving it as it is.")
            return
        if not settings.DEBUG and not allow_production:
            raise CommandError(
                "Refusing to load demo data with DEBUG off; pass --allow-production if you mean it."
            )
        DemoBuilder(stdout=self.stdout).run()
