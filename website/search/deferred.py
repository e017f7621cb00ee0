"""Index each page once at the end of a bulk job instead of at every save.

A page is saved several times while it is built (created, revised, published, translated):
each save of a page type would index it again. Inside ``indexing_deferred()`` the saves only
note the page, and every noted page is indexed once when the block ends successfully (the
demo loader builds ~180 pages with ~800 saves this way).
"""

import threading
from contextlib import contextmanager

from wagtail.search.tasks import insert_or_update_object_task

_state = threading.local()


def enqueue(instance):
    """Index this object now, or at the end of the current indexing_deferred() block."""
    key = (instance._meta.app_label, instance._meta.model_name, str(instance.pk))
    pending = getattr(_state, "pending", None)
    if pending is not None:
        pending[key] = None  # a dict keeps the order of first saves
        return
    insert_or_update_object_task.enqueue(*key)


@contextmanager
def indexing_deferred():
    if getattr(_state, "pending", None) is not None:  # nested: the outer block indexes
        yield
        return
    _state.pending = {}
    try:
        yield
        pending = list(_state.pending)
    finally:
        _state.pending = None
    for key in pending:
        insert_or_update_object_task.enqueue(*key)
