"""Background work of search: keeping each page's stored search vector up to date."""

import functools

from django.db import transaction
from django_tasks import task

from search import indexing


@task()
def update_search_entry(page_id):
    """Write, refresh or remove the search entry of one page (search.indexing)."""
    indexing.update_entry(page_id)


def enqueue_on_commit(task_, *args):
    """Enqueue once the current transaction commits (at once outside one), so the
    worker reads what was published, and nothing runs when the request fails.
    (Issue 9's portal.tasks.enqueue_on_commit does the same; use it once merged.)"""
    transaction.on_commit(functools.partial(task_.enqueue, *args))
