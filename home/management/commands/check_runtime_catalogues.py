from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from portal.i18n import runtime_mismatches


class Command(BaseCommand):
    help = (
        "Fail when Django's runtime lookup in a language does not return that language's "
        "catalogue entries (as when gettext read another language's files for 'sh')."
    )

    def handle(self, *args, **options):
        failed = False
        for code, _name in settings.LANGUAGES:
            problems = runtime_mismatches(code)
            if not problems:
                self.stdout.write(f"{code}: runtime lookup matches the catalogues")
                continue
            failed = True
            self.stderr.write(f"{code}: {len(problems)} entries differ at runtime, e.g.:")
            for msgid, expected, got in problems[:5]:
                self.stderr.write(f"  {msgid!r}: catalogue {expected!r}, runtime {got!r}")
        if failed:
            raise CommandError("The runtime does not read the catalogues on disk.")
