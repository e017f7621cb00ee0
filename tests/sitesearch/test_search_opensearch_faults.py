"""The site search when its OpenSearch node stops and comes back: a node of its own, stopped.

Needs the launcher built (`make opensearch-start` builds it) and a first node answering (the
`opensearch` tests' condition); a second node is started on its own port and data folder for
this test, stopped in the middle of it, and started again on the same data.
"""

import io
import time

import pytest
from bs4 import BeautifulSoup
from django.core.management import call_command
from wagtail.models import Locale

from sitesearch import engine
from tests.network import free_port
from tests.sitesearch import opensearch_node as node
from tests.utils import add_page
from website.models import StandardPage

pytestmark = [pytest.mark.opensearch, pytest.mark.django_db]


@pytest.fixture
def throwaway_node(tmp_path):
    node.require_node()
    if not node.launcher_built():
        pytest.fail("the OpenSearch launcher is not built: run `make opensearch-start`")
    second = node.ThrowawayNode(free_port(), tmp_path / "node-data")
    second.start()
    yield second
    second.stop()


def found(client, query):
    started = time.perf_counter()
    response = client.get("/lv/meklet/", {"q": query})
    elapsed = time.perf_counter() - started
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    titles = [a.get_text(strip=True) for a in soup.select("ol.search-results .card__title a")]
    return titles, elapsed


def answered_by(query):
    return engine.run(Locale.objects.get(language_code="lv"), {"q": query}).backend


def test_a_stopped_node_leaves_search_to_the_database_and_update_index_catches_up(
    client, site_tree, settings, throwaway_node
):
    prefix = node.index_prefix()
    settings.WAGTAILSEARCH_BACKENDS = node.backends(throwaway_node.url, prefix)
    engine.outage.down_until.clear()
    for name in ("opensearch_lv", "opensearch_en"):
        call_command("update_index", backend_name=name, stdout=io.StringIO())
    add_page(site_tree["lv"], StandardPage, title="Ziemeļblāzmas metodika")
    node.refresh(throwaway_node.url, prefix)
    assert found(client, "ziemelblazmas")[0] == ["Ziemeļblāzmas metodika"]
    assert answered_by("ziemelblazmas") == "opensearch_lv"

    throwaway_node.stop()
    assert node.about(throwaway_node.url) is None
    engine.outage.down_until.clear()
    # Search answers from the database at once, and saving a page does not fail.
    titles, elapsed = found(client, "ziemelblazmas")
    assert titles == ["Ziemeļblāzmas metodika"]
    assert elapsed < 1.0, f"search took {elapsed:.2f} s with the node down"
    assert answered_by("ziemelblazmas") == "default"
    add_page(site_tree["lv"], StandardPage, title="Ziemeļblāzmas seminārs")
    assert sorted(found(client, "ziemelblazmas")[0]) == [
        "Ziemeļblāzmas metodika",
        "Ziemeļblāzmas seminārs",
    ]

    # The node comes back with the data it had: the page saved meanwhile is not in it...
    throwaway_node.start()
    engine.outage.down_until.clear()
    assert found(client, "ziemelblazmas")[0] == ["Ziemeļblāzmas metodika"]
    assert answered_by("ziemelblazmas") == "opensearch_lv"
    # ...until update_index catches up.
    call_command("update_index", backend_name="opensearch_lv", stdout=io.StringIO())
    node.refresh(throwaway_node.url, prefix)
    assert sorted(found(client, "ziemelblazmas")[0]) == [
        "Ziemeļblāzmas metodika",
        "Ziemeļblāzmas seminārs",
    ]
    assert answered_by("ziemelblazmas") == "opensearch_lv"
