"""The OpenSearch node the `opensearch` tests run against, and their own indexes on it.

The node is started outside the tests (`make opensearch-start`, as CI does) at OPENSEARCH_TEST_URL
(default http://127.0.0.1:9201). Without it the tests are skipped, with the reason, unless
REQUIRE_OPENSEARCH=1 (CI) makes a missing node an error. Each test process writes indexes of its
own (a prefix per process) and deletes them afterwards.
"""

import json
import os
import subprocess
import urllib.error
import urllib.request
import uuid
from pathlib import Path

import pytest

from sitesearch import configuration

PROJECT = Path(__file__).resolve().parents[2]
NODE_SCRIPT = PROJECT / "deploy" / "opensearch" / "node.sh"
DEFAULT_URL = "http://127.0.0.1:9201"


def node_url():
    return os.environ.get("OPENSEARCH_TEST_URL", DEFAULT_URL).rstrip("/")


def ask(url, method="GET", body=None, timeout=5):
    """JSON of a request to the node (the tests' own client: not the site's)."""
    data = json.dumps(body).encode() if body is not None else None
    request = urllib.request.Request(
        url, data=data, method=method, headers={"Content-Type": "application/json"}
    )
    with urllib.request.urlopen(request, timeout=timeout) as response:
        return json.load(response)


def about(url):
    """The node's / answer, or None when nothing answers there."""
    try:
        return ask(url + "/", timeout=3)
    except (urllib.error.URLError, OSError, ValueError):
        return None


def require_node(url=None):
    """The node's URL; skips (or fails under REQUIRE_OPENSEARCH=1) when none answers."""
    url = url or node_url()
    info = about(url)
    if info is None or info.get("version", {}).get("distribution") != "opensearch":
        reason = (
            f"no OpenSearch node answers at {url} (start one with `make opensearch-start`, "
            "or set OPENSEARCH_TEST_URL)"
        )
        if os.environ.get("REQUIRE_OPENSEARCH") == "1":
            pytest.fail(f"REQUIRE_OPENSEARCH=1 but {reason}", pytrace=False)
        pytest.skip(reason)
    return url


def index_prefix():
    worker = os.environ.get("PYTEST_XDIST_WORKER", "main")
    return f"test_{worker}_{uuid.uuid4().hex[:8]}_"


def backends(url, prefix):
    """WAGTAILSEARCH_BACKENDS with the database and one OpenSearch backend per language."""
    # A busy test machine is slow to create an index (it waits for the cluster state) and to
    # answer a node's first searches: more time than the site gives either. (A stopped node
    # refuses at once whatever the timeout; tests/sitesearch/test_search_cluster.py tests the
    # timeouts themselves.)
    cluster = configuration.cluster_backends(f"opensearch+{url}", ["lv", "en"], prefix, timeout=30)
    for params in cluster.values():
        params["SEARCH_TIMEOUT"] = 10
    return {
        "default": {"BACKEND": "sitesearch.backends.database", "SEARCH_CONFIG": "simple"},
        **cluster,
    }


def refresh(url, prefix):
    """Make everything indexed so far searchable (the node does it every second anyway)."""
    ask(f"{url}/{prefix}*/_refresh", method="POST")


def delete_indexes(url, prefix):
    try:
        ask(f"{url}/{prefix}*", method="DELETE")
    except (urllib.error.URLError, OSError):
        pass


class ThrowawayNode:
    """A second node of the launcher, on its own port and data folder, to stop and start."""

    def __init__(self, port, data):
        self.port = port
        self.url = f"http://127.0.0.1:{port}"
        self.env = {**os.environ, "OPENSEARCH_DATA": str(data)}

    def _run(self, command):
        return subprocess.run(
            [str(NODE_SCRIPT), command, str(self.port)],
            env=self.env,
            capture_output=True,
            text=True,
            timeout=300,
        )

    def start(self):
        result = self._run("start")
        if result.returncode != 0:
            raise RuntimeError(f"node.sh start failed:\n{result.stdout}\n{result.stderr}")

    def stop(self):
        self._run("stop")


def launcher_built():
    target = NODE_SCRIPT.parent / "target"
    return (target / "classpath.txt").exists() and (target / "classes").exists()
