from django.core.management.base import BaseCommand

from search import indexing
from search.text_search import ISPELL_CONFIGS, install_configurations


class Command(BaseCommand):
    help = (
        "Create or refresh the portal_uk and portal_bg text search configurations from the "
        "Hunspell dictionaries installed by bin/install-text-search-dictionaries (plain "
        "'simple' with a warning where they are missing). Idempotent."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--reindex",
            action="store_true",
            help="Then rebuild the stored search vectors of those languages.",
        )

    def handle(self, *args, reindex=False, **options):
        result = install_configurations()
        if not result:
            self.stdout.write("Not PostgreSQL: Wagtail's own search is used, nothing to set up.")
            return
        for language, stems in result.items():
            how = "stems with its Hunspell dictionary" if stems else "matches words as written"
            self.stdout.write(f"{ISPELL_CONFIGS[language]} ({language}): {how}")
        if reindex:
            written = indexing.rebuild(language_codes=list(result))
            self.stdout.write(f"Rebuilt {written} search entries.")
