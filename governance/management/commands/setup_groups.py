from django.core.management.base import BaseCommand

from governance.roles import setup_roles


class Command(BaseCommand):
    help = (
        "Create or complete the editor, moderator, translator, regional and expert groups, "
        "their collections and the Country review workflows. Safe to rerun."
    )

    def handle(self, *args, **options):
        groups = setup_roles()
        self.stdout.write(self.style.SUCCESS(f"{len(groups)} groups ready."))
