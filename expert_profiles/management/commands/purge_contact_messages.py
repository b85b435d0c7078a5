from django.core.management.base import BaseCommand
from django.utils import timezone

from expert_profiles.models import ContactMessage


class Command(BaseCommand):
    help = "Delete stored contact messages past their retention (PORTAL_CONTACT_RETENTION_DAYS)."

    def handle(self, *args, **options):
        deleted, _details = ContactMessage.objects.filter(delete_after__lte=timezone.now()).delete()
        self.stdout.write(f"{deleted} message(s) deleted.")
