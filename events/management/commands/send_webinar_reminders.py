from django.core.management.base import BaseCommand

from events.participation import send_due_reminders


class Command(BaseCommand):
    help = (
        "Send the webinar reminders that are due (a day and an hour before the start). "
        "Idempotent: run it every few minutes from cron or the worker; each reminder "
        "goes out once, and never after a cancellation."
    )

    def handle(self, *args, **options):
        sent = send_due_reminders()
        self.stdout.write(f"{sent} reminder(s) sent.")
