"""Periodic jobs on the task queue itself, so that a deployment with a worker needs no
cron: each periodic job, when it has run, queues its next run for later.

django-tasks has no scheduler. A periodic job here is a ``retrying_task`` registered
with ``register_periodic(task, every=...)`` (from an app's ``ready()``), and
``manage.py schedule_periodic_tasks`` (run by ``bin/start`` and ``make run`` at every
start) queues the first run of each job that has none waiting. After each run, the
job queues the next one ``every`` later, unless one is waiting already. Two app
servers that start at once can queue two chains; the first of the two jobs to run
then sees the other waiting and ends its chain, so the two merge.

Only a backend that can defer a job (the database backend in production and in
``make run``) can hold a chain; with the immediate backend the next run would run at
once, for ever, so nothing is chained there.
"""

import logging

from django.utils import timezone

from portal.tasks import retrying_task

logger = logging.getLogger("portal.periodic")

# module path of the task -> (task, interval)
_PERIODIC = {}


def register_periodic(task_, every):
    """Run ``task_`` (a task taking no arguments) every ``every`` (a timedelta)."""
    _PERIODIC[task_.module_path] = (task_, every)


def periodic_tasks():
    return dict(_PERIODIC)


def _waiting(task_):
    """Whether a run of ``task_`` is queued and has not started (database backend)."""
    from django_tasks.base import TaskResultStatus
    from django_tasks_db.models import DBTaskResult

    return DBTaskResult.objects.filter(
        task_path=task_.module_path, status=TaskResultStatus.READY
    ).exists()


def _can_chain(task_):
    backend = task_.get_backend()
    return backend.supports_defer and type(backend).__module__.startswith("django_tasks_db")


def schedule_next(task_, every, now=None):
    """Queue the next run ``every`` from now, unless one is waiting already. Returns
    the queued result, or None."""
    if not _can_chain(task_) or _waiting(task_):
        return None
    run_after = (now or timezone.now()) + every
    return task_.using(run_after=run_after).enqueue()


def schedule_all():
    """Queue a first run, now, of every periodic job that has none waiting. Returns
    the module paths of the jobs queued."""
    queued = []
    for path, (task_, _every) in sorted(_PERIODIC.items()):
        if _can_chain(task_) and not _waiting(task_):
            task_.enqueue()
            queued.append(path)
    return queued


def periodic_task(every, **options):
    """``@retrying_task`` that also queues its own next run ``every`` later (a
    timedelta), whether this run succeeded or not, and registers itself."""

    def decorate(func):
        task_holder = {}

        def run():
            try:
                return func()
            finally:
                try:
                    schedule_next(task_holder["task"], every)
                except Exception:
                    # The job's own outcome matters more; the next start of an app
                    # server (schedule_periodic_tasks) queues the chain again.
                    logger.exception("Could not queue the next run of %s", func.__name__)

        # The worker finds a task by its module path: the job keeps the function's.
        run.__name__ = func.__name__
        run.__qualname__ = func.__qualname__
        run.__module__ = func.__module__
        run.__doc__ = func.__doc__
        task_ = retrying_task(**options)(run)
        task_holder["task"] = task_
        register_periodic(task_, every)
        return task_

    return decorate
