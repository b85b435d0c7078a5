from django.core.management.base import BaseCommand

from home.site_tree import build_page_tree


class Command(BaseCommand):
    help = "Create the locales, home pages, indexes and country sections that are missing."

    def handle(self, *args, **options):
        homes = build_page_tree()
        self.stdout.write(self.style.SUCCESS(f"Page tree ready in {len(homes)} languages."))
