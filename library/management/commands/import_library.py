from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import translation

from library.importer import COLUMNS, Importer
from portal.languages import COUNTRIES_BY_SLUG, LANGUAGE_CODES


class Command(BaseCommand):
    help = (
        "Create or update library publications from a CSV (columns: "
        + ", ".join(COLUMNS)
        + ") or a RIS file, with their files from --files. Idempotent on external_id "
        "(or DOI, or ISBN); every bad row is reported by line number and skipped."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="A .csv or .ris file (UTF-8).")
        parser.add_argument(
            "--files", dest="files_dir", help="Folder holding the files named in the rows."
        )
        parser.add_argument(
            "--language",
            default="en",
            choices=LANGUAGE_CODES,
            help="RIS only: the pages' language.",
        )
        parser.add_argument(
            "--country",
            default="",
            choices=["", *COUNTRIES_BY_SLUG],
            help="RIS only: the country section (empty: region-wide).",
        )

    def handle(self, *args, file, files_dir=None, language="en", country="", **options):
        path = Path(file)
        if not path.is_file():
            raise CommandError(f"No such file: {path}")
        if files_dir and not Path(files_dir).is_dir():
            raise CommandError(f"No such folder: {files_dir}")
        try:
            text = path.read_text(encoding="utf-8-sig")
        except UnicodeDecodeError as error:
            raise CommandError(f"{path} is not UTF-8 text: {error}") from error
        importer = Importer(files_dir=files_dir)
        is_ris = path.suffix.lower() == ".ris" or text.lstrip().startswith("TY  -")
        # The import may work in the content's language; the report speaks the
        # operator's, whatever the importer left active.
        with translation.override(settings.LANGUAGE_CODE):
            if is_ris:
                report = importer.import_ris(text, language=language, country=country)
            else:
                report = importer.import_csv(text)
        for result in report.results:
            if result.action == "error":
                self.stderr.write(f"line {result.line}: {result.message}")
            elif options["verbosity"] > 1:
                self.stdout.write(f"line {result.line}: {result.action}: {result.title}")
        with translation.override(settings.LANGUAGE_CODE):
            self.stdout.write(str(report.summary))
        if report.errors and options["verbosity"] > 0:
            self.stdout.write("Every other row was imported; fix the lines above and run again.")
