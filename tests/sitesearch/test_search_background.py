"""Saving never waits on the search cluster: it is updated by a background task.

With BACKGROUND_WORKER=1 (production) a save writes the database index and queues a task; the
worker (`manage.py db_worker --backend background`) brings the cluster up to date. The first
tests point the site at a "cluster" that accepts connections and never answers (a hung node): a
save must not even connect to it. The last one runs the worker against a real OpenSearch node.
"""

import io
import socket

import pytest
from django.core.management import call_command
from django_tasks_db.models import DBTaskResult
from wagtail.models import Locale

from sitesearch import configuration, engine
from sitesearch.engine import backend_named
from tests.sitesearch import opensearch_node as node
from tests.utils import add_page
from tests.worker import run_worker, use_database_tasks
from website.models import StandardPage

pytestmark = pytest.mark.django_db

DATABASE = {"BACKEND": "sitesearch.backends.database", "SEARCH_CONFIG": "simple"}
TASK_PATH = "sitesearch.indexing.update_clusters"
# The worker takes tasks in transactions of its own: these tests commit (and put the migrations'
# rows back afterwards for the tests that follow).
WORKER = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def background(settings):
    use_database_tasks(settings)


def use_cluster(settings, url, prefix="portal_test_"):
    settings.WAGTAILSEARCH_BACKENDS = {
        "default": DATABASE,
        **configuration.cluster_backends(f"opensearch+{url}", ["lv", "en"], prefix, timeout=30),
    }


def queued():
    return [
        tuple(result.args_kwargs["args"])
        for result in DBTaskResult.objects.filter(task_path=TASK_PATH).ready()
    ]


def database_finds(query, language="lv"):
    analysed = engine.analysed_query(query, language)
    _ranked, everything = backend_named("default").site_matches(analysed, "and", engine.RANKED)
    return everything


def test_a_save_does_not_touch_a_hung_cluster_and_queues_its_update(
    settings, site_tree, hung_server, background
):
    url, accepted = hung_server.url, hung_server.accepted
    use_cluster(settings, url)
    page = add_page(site_tree["lv"], StandardPage, title="Ziemeļblāzmas metodika")
    page.listing_summary = "Darbs ar ģimenēm."
    page.save_revision().publish()

    assert accepted == [], "a save connected to the search cluster"
    # The database index has it at once (the search page's fallback)...
    assert any(key[1] == page.pk for key in database_finds("ziemelblazmas"))
    # ...and the cluster's update waits in the queue for the worker.
    assert ("website", "standardpage", str(page.pk)) in queued()


def test_deleting_and_uploading_queue_updates_too(settings, site_tree, hung_server, background):
    from django.core.files.base import ContentFile
    from wagtail.documents import get_document_model

    url, accepted = hung_server.url, hung_server.accepted
    use_cluster(settings, url)
    page = add_page(site_tree["lv"], StandardPage, title="Pagaidu lapa")
    document = get_document_model().objects.create(
        title="Metodika", file=ContentFile(b"teksts", name="metodika.txt")
    )
    page_key = ("website", "standardpage", str(page.pk))
    page.delete()

    assert accepted == []
    assert queued().count(page_key) >= 2  # saved, then deleted
    assert (document._meta.app_label, document._meta.model_name, str(document.pk)) in queued()
    assert not any(key[1] == page.pk for key in database_finds("pagaidu"))


def test_without_a_cluster_nothing_is_queued(settings, site_tree, background):
    settings.WAGTAILSEARCH_BACKENDS = {"default": DATABASE}
    add_page(site_tree["lv"], StandardPage, title="Tikai datubāzē")
    assert queued() == []
    assert database_finds("datubaze")


@pytest.mark.opensearch
@WORKER
def test_the_worker_brings_the_cluster_up_to_date(settings, site_tree, background):
    url = node.require_node()
    prefix = node.index_prefix()
    use_cluster(settings, url, prefix)
    engine.outage.down_until.clear()
    try:
        for name in ("opensearch_lv", "opensearch_en"):
            call_command("update_index", backend_name=name, stdout=io.StringIO())
        cluster = backend_named("opensearch_lv")
        locale = Locale.objects.get(language_code="lv")

        def cluster_finds(query):
            node.refresh(url, prefix)
            analysed = engine.analysed_query(query, "lv")
            return {key[1] for key in cluster.site_matches(analysed, "and", engine.RANKED)[1]}

        page = add_page(site_tree["lv"], StandardPage, title="Ziemeļblāzmas metodika")
        assert page.pk not in cluster_finds("ziemelblazmas")  # queued, not yet indexed
        run_worker()
        assert page.pk in cluster_finds("ziemelblazmas")
        assert not DBTaskResult.objects.filter(task_path=TASK_PATH).ready().exists()
        assert not DBTaskResult.objects.filter(task_path=TASK_PATH).failed().exists()
        assert engine.run(locale, {"q": "ziemelblazmas"}).backend == "opensearch_lv"

        page.delete()
        assert page.pk in cluster_finds("ziemelblazmas")  # until the worker runs
        run_worker()
        assert page.pk not in cluster_finds("ziemelblazmas")
    finally:
        node.delete_indexes(url, prefix)


@WORKER
def test_a_failed_cluster_update_is_recorded_as_failed(settings, site_tree, background):
    """A cluster that refuses (a closed port): the task fails with the reason, for the admin's
    task list and a later retry; the database index is current all the same."""
    with socket.socket() as closed:
        closed.bind(("127.0.0.1", 0))
        port = closed.getsockname()[1]
    use_cluster(settings, f"http://127.0.0.1:{port}")
    page = add_page(site_tree["lv"], StandardPage, title="Ziemeļblāzmas metodika")
    run_worker()
    failed = DBTaskResult.objects.filter(task_path=TASK_PATH).failed()
    assert ["website", "standardpage", str(page.pk)] in [r.args_kwargs["args"] for r in failed]
    # The Latvian page goes to the Latvian index only: that is the one that failed.
    assert "RuntimeError: not updated in opensearch_lv: website.standardpage" in failed[0].traceback
    assert any(key[1] == page.pk for key in database_finds("ziemelblazmas"))
