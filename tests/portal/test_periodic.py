"""Periodic jobs live on the task queue: the start-up command queues the first run of
each, the real worker runs it, and each run queues the next one later, so that the
webinar reminders and the retention purge need no cron."""

import datetime
import io

import pytest
from django.core.management import call_command
from django.utils import timezone
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from portal.periodic import periodic_tasks, schedule_all

pytestmark = pytest.mark.django_db

REMINDERS = "events.tasks.send_due_webinar_reminders"
PURGE = "events.tasks.purge_webinar_participants"


@pytest.fixture
def database_tasks(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def waiting(path):
    return DBTaskResult.objects.filter(task_path=path, status=TaskResultStatus.READY)


def run_worker(monkeypatch):
    # The worker checks its connection between jobs and closes one that is not in
    # autocommit mode, which is the test's transaction; everything else runs as is.
    monkeypatch.setattr(
        "django_tasks_db.management.commands.db_worker.close_old_connections", lambda: None
    )
    call_command(
        "db_worker", "--batch", "--queue-name", "*", "--no-startup-delay", stdout=io.StringIO()
    )


def test_the_webinar_jobs_are_registered_with_their_intervals():
    every = {path: interval for path, (_task, interval) in periodic_tasks().items()}
    assert every[REMINDERS] == datetime.timedelta(minutes=5)
    assert every[PURGE] == datetime.timedelta(days=1)


def test_the_start_up_command_queues_each_job_once(database_tasks):
    out = io.StringIO()
    call_command("schedule_periodic_tasks", stdout=out)
    assert waiting(REMINDERS).count() == 1
    assert waiting(PURGE).count() == 1
    assert f"{REMINDERS} every 0:05:00: queued now" in out.getvalue()
    # A second app server starting changes nothing.
    assert schedule_all() == []
    assert waiting(REMINDERS).count() == 1
    assert waiting(PURGE).count() == 1


def test_the_worker_runs_a_job_and_it_queues_its_next_run(database_tasks, monkeypatch):
    schedule_all()
    before = timezone.now()
    run_worker(monkeypatch)
    done = DBTaskResult.objects.filter(task_path=REMINDERS, status=TaskResultStatus.SUCCESSFUL)
    assert done.count() == 1
    # The next run waits five minutes; the worker in batch mode left it alone.
    (following,) = waiting(REMINDERS)
    assert following.run_after >= before + datetime.timedelta(minutes=5)
    assert following.run_after <= timezone.now() + datetime.timedelta(minutes=5)
    (purge,) = waiting(PURGE)
    assert purge.run_after >= before + datetime.timedelta(days=1)


def test_two_chains_started_at_once_merge_into_one(database_tasks, monkeypatch):
    # Two app servers that started at the same moment each queued a first run.
    task_, _every = periodic_tasks()[REMINDERS]
    task_.enqueue()
    task_.enqueue()
    run_worker(monkeypatch)
    assert waiting(REMINDERS).count() == 1


def test_nothing_is_chained_with_the_immediate_backend(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    assert schedule_all() == []
    task_, _every = periodic_tasks()[REMINDERS]
    # Running it inline does not run it again for ever.
    result = task_.enqueue()
    assert result.status == TaskResultStatus.SUCCESSFUL
    assert not DBTaskResult.objects.exists()
