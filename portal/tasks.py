"""Background work on Django's task framework (the ``django-tasks`` backport).

Which backend runs the jobs is a setting (``TASKS_BACKEND``, see
``portal.settings.base.tasks_settings``); code here and in the apps only uses the
framework's API, so nothing changes when the backend does.

Two things the framework does not give us, in one place:

* ``retrying_task``: a task that is retried with exponential backoff when it raises.
  Each attempt is a job of its own (a row in the database backend) with its attempt
  number in its arguments, so a retry survives a worker restart; the last attempt
  that fails stays recorded as failed, with its traceback, and is logged as an error.
  An attempt that was retried is recorded with ``RetryScheduled`` (its cause in the
  traceback); a job given up is recorded with its own exception, is logged as an
  error, and keeps its arguments, so that it can be looked at and run again.
* ``enqueue_on_commit``: enqueue once the current transaction has committed, with
  arguments checked to be JSON now, in the request, rather than in the worker.

For example, a fan-out that must not run before the submission is committed::

    @retrying_task()
    def translate_into(source_page_id, locale_ids):
        ...

    enqueue_on_commit(translate_into, page.pk, [locale.pk for locale in locales])

In the tests jobs run inline, at the commit: inside ``django_capture_on_commit_callbacks``
a test can count the request's queries without the job, then run the callbacks to see
what the worker would do.
"""

import datetime
import functools
import json
import logging

from django.conf import settings
from django.core.exceptions import ObjectDoesNotExist
from django.db import transaction
from django.utils import timezone
from django_tasks import task

logger = logging.getLogger("portal.tasks")

ATTEMPT_KWARG = "attempt"


class RetryScheduled(Exception):
    """Recorded on an attempt that failed and was followed by a retry. A failed job
    with any other exception is final: it was given up."""


def retry_delay(attempt):
    """Seconds to wait before attempt number ``attempt + 1``: 1, 2, 4, 8… times the base."""
    return settings.PORTAL_TASK_RETRY_BACKOFF_SECONDS * 2 ** (attempt - 1)


def retrying_task(max_attempts=None, give_up_on=(ObjectDoesNotExist,), **task_options):
    """Like ``@task()``, but a job that raises is enqueued again, up to ``max_attempts``
    (default ``PORTAL_TASK_MAX_ATTEMPTS``) attempts in all. An exception in ``give_up_on``
    (by default: what the job was about no longer exists) is final at once.

    The decorated function is called without the attempt number; the task itself
    takes an extra keyword argument ``attempt`` (1 when left out)."""

    def decorate(func):
        def run(context, *args, **kwargs):
            attempt = kwargs.pop(ATTEMPT_KWARG, 1)
            try:
                return func(*args, **kwargs)
            except Exception as error:
                limit = max_attempts or settings.PORTAL_TASK_MAX_ATTEMPTS
                job = context.task_result
                if isinstance(error, give_up_on) or attempt >= limit:
                    logger.error(
                        "Task %s (job %s) failed on attempt %d of %d; giving up. It stays "
                        "recorded as failed.",
                        job.task.module_path,
                        job.id,
                        attempt,
                        limit,
                    )
                    raise
                delay = retry_delay(attempt)
                retry = job.task
                if retry.get_backend().supports_defer and delay > 0:
                    retry = retry.using(
                        run_after=timezone.now() + datetime.timedelta(seconds=delay)
                    )
                logger.warning(
                    "Task %s (job %s) failed on attempt %d of %d (%s); retrying in %s s.",
                    job.task.module_path,
                    job.id,
                    attempt,
                    limit,
                    type(error).__name__,
                    delay,
                )
                retry.enqueue(*args, **{**kwargs, ATTEMPT_KWARG: attempt + 1})
                # This attempt is recorded as failed, with the error in its traceback,
                # under a class that says it was retried, not given up.
                raise RetryScheduled(
                    f"attempt {attempt} of {limit} failed; attempt {attempt + 1} is queued"
                ) from error

        # The worker finds a task by its function's module path, and the framework
        # checks that a task taking context names it first. So the wrapper takes the
        # wrapped function's names, but not its signature (no functools.wraps, whose
        # __wrapped__ would make the check read the wrapped function's arguments).
        run.__name__ = func.__name__
        run.__qualname__ = func.__qualname__
        run.__module__ = func.__module__
        run.__doc__ = func.__doc__
        return task(takes_context=True, **task_options)(run)

    return decorate


def check_json(args, kwargs):
    """Refuse arguments that a persistent backend could not store, here rather than
    in the worker (the immediate backend used by the tests would not notice)."""
    try:
        json.dumps([args, kwargs])
    except TypeError as error:
        raise TypeError(
            f"Task arguments must be JSON: ids and strings, not objects ({error})."
        ) from error


def enqueue(task_, *args, **kwargs):
    """Enqueue now, with arguments checked to be JSON. With the database backend the
    job row is written in the current transaction: it commits or rolls back with the
    data it is about, and no worker sees it before."""
    check_json(args, kwargs)
    return task_.enqueue(*args, **kwargs)


def enqueue_on_commit(task_, *args, **kwargs):
    """Enqueue once the current transaction commits (at once outside one). Use it for
    work that must see committed data and must not run when the request fails, such
    as a translation fan-out or a notification about a submission."""
    check_json(args, kwargs)
    transaction.on_commit(functools.partial(task_.enqueue, *args, **kwargs))
