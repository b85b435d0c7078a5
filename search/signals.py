"""Publishing, unpublishing or moving a section item refreshes its search entry in
the background; deleting a page deletes its entry with it (on_delete=CASCADE)."""

from wagtail.signals import page_published, page_unpublished, post_page_move

from home.sections import item_models
from search.indexing import uses_stored_vectors
from search.tasks import enqueue_on_commit, update_search_entry


def refresh_entry(sender, instance, **kwargs):
    # Every signal here is sent with the page's specific class as sender.
    if uses_stored_vectors() and issubclass(sender, tuple(item_models())):
        enqueue_on_commit(update_search_entry, instance.pk)


def connect():
    page_published.connect(refresh_entry, dispatch_uid="search_entry_published")
    page_unpublished.connect(refresh_entry, dispatch_uid="search_entry_unpublished")
    post_page_move.connect(refresh_entry, dispatch_uid="search_entry_moved")
