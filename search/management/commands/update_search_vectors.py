from django.core.management.base import BaseCommand

from search import indexing


class Command(BaseCommand):
    help = (
        "Rebuild the stored search vector of every live section item (PostgreSQL), for "
        "example after importing content in bulk or changing a text search configuration. "
        "Publishing keeps them up to date by itself."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--language", action="append", dest="languages", help="Only this language (repeat)."
        )

    def handle(self, *args, languages=None, **options):
        if not indexing.uses_stored_vectors():
            self.stdout.write("Not PostgreSQL: Wagtail's own search index is used instead.")
            return
        written = indexing.rebuild(language_codes=languages)
        self.stdout.write(f"Indexed {written} live items.")
