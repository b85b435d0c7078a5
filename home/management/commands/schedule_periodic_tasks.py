from django.core.management.base import BaseCommand

from portal.periodic import periodic_tasks, schedule_all


class Command(BaseCommand):
    help = (
        "Queue the first run of every periodic job (webinar reminders every 5 minutes, "
        "the participants' retention purge daily) that has none waiting. Each run then "
        "queues the next. Safe to run at every start, on every app server; "
        "bin/start and make run do."
    )

    def handle(self, *args, **options):
        queued = schedule_all()
        for path, (_task, every) in sorted(periodic_tasks().items()):
            state = "queued now" if path in queued else "already waiting or not deferrable"
            self.stdout.write(f"{path} every {every}: {state}")
