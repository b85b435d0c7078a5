from django.conf import settings
from django.core.management.base import BaseCommand

from events.participation import purge_expired


class Command(BaseCommand):
    help = (
        "Delete the data of webinar participants PORTAL_WEBINAR_RETENTION_DAYS after "
        "their event ended. Attendance certificates (name and webinar) are kept. Run daily."
    )

    def handle(self, *args, **options):
        deleted = purge_expired()
        self.stdout.write(
            f"{deleted} registration(s) deleted "
            f"(events that ended more than {settings.PORTAL_WEBINAR_RETENTION_DAYS} days ago)."
        )
