"""Keeping the indexes current: the database index at once, a search cluster in the background.

An editor's save must never wait on the search cluster (a hanging node used to hold every page
save for five seconds). So the two kinds of backend are updated differently:

- The database backend ("default") is updated in the saving request, in its transaction: it is
  always current, and it is what the search page falls back to when the cluster does not answer.
- Each cluster backend (sitesearch.configuration; AUTO_UPDATE is off for them, so Wagtail's
  own signal handlers leave them alone) is updated by the task ``update_clusters`` on the task
  backend "background", queue "search" (settings.TASKS). In development and tests that backend
  is django-tasks' ImmediateBackend, which runs the task at once; in production
  (BACKGROUND_WORKER=1) it is the database backend of django-tasks-db, and the worker
  (``manage.py db_worker --backend background --queue-name '*'``, which sends the mail too:
  website.mail) runs the tasks. Its queue row is written in the saving transaction, so the
  worker sees the task only once the change is committed, and never a change that was rolled
  back.

A page is saved several times while it is built (created, revised, published, translated):
inside ``indexing_deferred()`` the saves only note the object, and each noted object is indexed
once when the block ends successfully, in one transaction (the demo loader builds ~180 pages
with ~800 saves, and commits inside the block: the pages that a topic's save reindexes at the
commit, website.topics, are noted too, not indexed once per topic).
"""

import logging
import threading
from contextlib import contextmanager

from django.apps import apps
from django.conf import settings
from django.core.checks import Tags, Warning, register
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django_tasks import task
from wagtail.search import index
from wagtail.search.backends import get_search_backend
from wagtail.search.tasks import insert_or_update_object_task

logger = logging.getLogger(__name__)

# The task backend (settings.TASKS) and its queue that update the search cluster.
TASK_BACKEND = "background"
QUEUE = "search"

_state = threading.local()


def cluster_backend_names():
    """The configured search backends that index in the background (AUTO_UPDATE off)."""
    return [
        name
        for name, params in settings.WAGTAILSEARCH_BACKENDS.items()
        if params.get("AUTO_UPDATE", True) is False
    ]


def _key(instance):
    return (instance._meta.app_label, instance._meta.model_name, str(instance.pk))


def _index(key):
    insert_or_update_object_task.enqueue(*key)  # the database index, now
    if cluster_backend_names():
        update_clusters.enqueue(*key)


def enqueue(instance):
    """Index this object: now, or at the end of the current indexing_deferred() block."""
    key = _key(instance)
    pending = getattr(_state, "pending", None)
    if pending is not None:
        pending[key] = None  # a dict keeps the order of first saves
        return
    _index(key)


def remove(instance):
    """Take this (deleted) object out of every index."""
    index.remove_object(instance)  # the database index, now
    if cluster_backend_names():
        update_clusters.enqueue(*_key(instance))


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
    with transaction.atomic():
        for key in pending:
            _index(key)


@task(backend=TASK_BACKEND, queue_name=QUEUE)
def update_clusters(app_label, model_name, pk):
    """Bring the object's entry in every cluster backend up to date: added or replaced when it
    exists and is indexed, removed when it was deleted. Fails (so that the task is recorded as
    failed, with the error) when a cluster did not take the change."""
    model = apps.get_model(app_label, model_name)
    instance = model._default_manager.filter(pk=pk).first()
    indexed = index.get_indexed_instance(instance) if instance is not None else None
    failed = []
    for name in cluster_backend_names():
        backend = get_search_backend(name)
        try:
            if indexed is not None:
                backend.add(indexed)
            elif instance is None:
                backend.delete(model(pk=pk))
        except Exception:
            logger.exception("Cluster %s did not take %s.%s %s", name, app_label, model_name, pk)
            failed.append(name)
    if failed:
        raise RuntimeError(f"not updated in {', '.join(failed)}: {app_label}.{model_name} {pk}")


def _saved(sender, instance, raw=False, **kwargs):
    if not raw and cluster_backend_names():
        update_clusters.enqueue(*_key(instance))


def _deleted(sender, instance, **kwargs):
    if cluster_backend_names():
        update_clusters.enqueue(*_key(instance))


def connect_cluster_receivers():
    """Models Wagtail indexes on save itself (documents, images, snippets): their saves and
    deletions reach the clusters through the task too. Page types index themselves
    (website.models.BasePage.save, sitesearch.receivers)."""
    for model in index.get_indexed_models():
        if getattr(model, "search_auto_update", True):
            post_save.connect(_saved, sender=model, dispatch_uid=f"clusters-save-{model._meta}")
            post_delete.connect(
                _deleted, sender=model, dispatch_uid=f"clusters-delete-{model._meta}"
            )


@register(Tags.compatibility, deploy=True)
def check_background_indexing(app_configs, **kwargs):
    """In production a save must not wait on the cluster (see the module's docstring)."""
    if cluster_backend_names() and settings.TASKS[TASK_BACKEND]["BACKEND"].endswith(
        "ImmediateBackend"
    ):
        return [
            Warning(
                "A search cluster is configured, but its index is updated in the saving "
                "request: every save waits for the cluster, and for its timeout when it hangs.",
                hint="Set BACKGROUND_WORKER=1 and run `manage.py db_worker --backend background "
                "--queue-name '*'` beside the site (README, Production).",
                id="website.W002",
            )
        ]
    return []
