"""The search cluster's configuration and what needs no node: settings, the stemmer, faults."""

import importlib
import os
import random
import re
import subprocess
import sys
import time
from pathlib import Path

import pytest

from sitesearch import configuration, engine
from sitesearch.analysis import fold, normalise_ending, stem_latvian
from sitesearch.backends.cluster import latvian_stemmer_pattern, site_analysis
from tests.utils import add_page
from website.models import StandardPage

PROJECT = Path(__file__).resolve().parents[2]


# Configuration -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("url", "engine_name", "address"),
    [
        ("opensearch+http://127.0.0.1:9201", "opensearch", "http://127.0.0.1:9201"),
        ("opensearch://127.0.0.1:9201", "opensearch", "http://127.0.0.1:9201"),
        ("opensearch+https://u:p@search.lv/os", "opensearch", "https://u:p@search.lv/os"),
        ("elasticsearch+https://es.example.lv:9200", "elasticsearch", "https://es.example.lv:9200"),
    ],
)
def test_search_engine_url_names_the_engine_and_its_address(url, engine_name, address):
    assert configuration.parse(url) == (engine_name, address)
    backends = configuration.cluster_backends(url, ["lv", "en"], "site_")
    assert sorted(backends) == [f"{engine_name}_en", f"{engine_name}_lv"]
    lv = backends[f"{engine_name}_lv"]
    assert lv["BACKEND"] == configuration.ENGINES[engine_name]
    assert lv["URLS"] == [address] and lv["LANGUAGE"] == "lv"
    assert lv["INDEX_PREFIX"] == "site_lv_"


def test_elasticsearch_url_still_means_elasticsearch():
    url = configuration.engine_url({"ELASTICSEARCH_URL": "http://127.0.0.1:9200"})
    assert configuration.parse(url) == ("elasticsearch", "http://127.0.0.1:9200")
    assert configuration.engine_url({}) == ""
    assert configuration.cluster_backends("", ["lv"]) == {}


@pytest.mark.parametrize(
    "environ",
    [
        {"SEARCH_ENGINE_URL": "solr://127.0.0.1:8983"},
        {"SEARCH_ENGINE_URL": "opensearch+ftp://127.0.0.1"},
        {"SEARCH_ENGINE_URL": "http://127.0.0.1:9200"},
        {"SEARCH_ENGINE_URL": "opensearch+http://"},
        {"ELASTICSEARCH_URL": "127.0.0.1:9200"},
        {"SEARCH_ENGINE_URL": "opensearch://a:9201", "ELASTICSEARCH_URL": "http://b:9200"},
    ],
)
def test_a_wrong_search_engine_url_is_refused_with_a_clear_message(environ):
    with pytest.raises(configuration.SearchEngineURLError):
        configuration.cluster_backends(configuration.engine_url(environ), ["lv"])


def test_the_site_refuses_to_start_with_an_unknown_engine():
    env = {
        **{k: v for k, v in os.environ.items() if k != "ELASTICSEARCH_URL"},
        "DJANGO_SETTINGS_MODULE": "website.settings.test",
        "SEARCH_ENGINE_URL": "solr://127.0.0.1:8983",
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=PROJECT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert "opensearch+http://127.0.0.1:9201" in result.stderr


def test_the_settings_configure_opensearch_per_language():
    code = (
        "import os, json;"
        "os.environ['DJANGO_SETTINGS_MODULE']='website.settings.base';"
        "from django.conf import settings;"
        "print(json.dumps(settings.WAGTAILSEARCH_BACKENDS))"
    )
    env = {
        **{k: v for k, v in os.environ.items() if k != "ELASTICSEARCH_URL"},
        "SEARCH_ENGINE_URL": "opensearch+http://127.0.0.1:9201",
        "SEARCH_INDEX_PREFIX": "portal_",
    }
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=PROJECT, env=env, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    backends = __import__("json").loads(result.stdout)
    assert backends["default"]["BACKEND"] == "sitesearch.backends.database"
    assert backends["opensearch_lv"]["BACKEND"] == "sitesearch.backends.opensearch"
    assert backends["opensearch_lv"]["INDEX_PREFIX"] == "portal_lv_"
    assert backends["opensearch_en"]["LANGUAGE"] == "en"


# The cluster's Latvian stemmer ---------------------------------------------------------------


def test_the_clusters_latvian_stemmer_is_the_sites():
    """The regular expression (Java's and Python's syntax alike here) stems as the site does;
    tests/sitesearch/test_search_opensearch.py checks the same on a real node."""
    pattern, replacement = latvian_stemmer_pattern()
    compiled = re.compile(pattern)
    groups = [int(number) for number in re.findall(r"\$(\d+)", replacement)]
    assert groups == list(range(1, compiled.groups + 1))

    def cluster_stem(word):
        match = compiled.match(word)
        return "".join(match.group(n) or "" for n in groups) if match else word

    rng = random.Random(19)
    letters = "aeioubcdfghjklmnprstvz"
    words = {"".join(rng.choice(letters) for _ in range(rng.randint(1, 11))) for _ in range(50_000)}
    words |= {"socialajiem", "darbiniekiem", "gimenem", "pasvaldibas", "stupja", "zivju"}
    different = [
        (word, stem_latvian(word), cluster_stem(word))
        for word in words
        if stem_latvian(word) != cluster_stem(word)
    ]
    assert not different, different[:20]


def test_the_clusters_ending_filters_are_the_sites_alternation_rules():
    """The filters after the stemmer, applied in the analyzer's order (Java's replacement "$1d"
    is Python's "\\1d"), give every stem the database's ending; the query analyzer has them too."""
    analysis = site_analysis("lv")
    chain = analysis["analyzer"]["default"]["filter"]
    assert chain[:4] == ["lowercase", "asciifolding", "site_stop", "site_stemmer"]
    endings = [analysis["filter"][name] for name in chain[4:]]
    assert endings and analysis["analyzer"]["default_search"]["filter"][3:] == chain[4:]
    compiled = [
        (re.compile(f["pattern"]), re.sub(r"\$(\d)", r"\\\1", f["replacement"])) for f in endings
    ]

    def cluster_ending(stem):
        for pattern, replacement in compiled:
            stem = pattern.sub(replacement, stem)
        return stem

    rng = random.Random(20)
    letters = "aeioubcdfghjklmnprstvz"
    words = {"".join(rng.choice(letters) for _ in range(rng.randint(1, 11))) for _ in range(50_000)}
    words |= {"iestazu", "darbiniece", "klienšu", "skolotaja", "slodzu", "vide", "2019x1"}
    stems = {stem_latvian(fold(word)) for word in words}
    different = [
        (stem, normalise_ending(stem), cluster_ending(stem))
        for stem in stems
        if normalise_ending(stem) != cluster_ending(stem)
    ]
    assert not different, different[:20]
    changed = sum(normalise_ending(stem) != stem for stem in stems)
    assert changed > 1000  # the rules do apply, to both
    assert site_analysis("en")["analyzer"]["default"]["filter"][-1] == "site_stemmer"


# opensearch-py beside the events section -------------------------------------------------------


def test_opensearch_py_is_imported_without_displacing_the_events_section():
    # Through the backend, as the site imports it (opensearchpy first would fail here).
    importlib.import_module("sitesearch.backends.opensearch")
    metrics_events = sys.modules["opensearchpy.metrics.metrics_events"]
    events = importlib.import_module("events")

    assert Path(events.__file__).parent == PROJECT / "events"
    assert sys.modules["events"] is events and "events.models" in sys.modules
    # The library's class, working (opensearch-py's request metrics use it).
    assert metrics_events.Events.__module__ == "events.events"
    metrics = metrics_events.MetricsEvents()
    metrics.request_start()
    metrics.request_end()
    assert metrics.service_time is not None
    # A newer opensearch-py that imports the library anywhere else would need the adapter
    # (sitesearch.backends.opensearch_client) to cover that module too.
    package = Path(metrics_events.__file__).parents[1]
    importers = sorted(
        str(path.relative_to(package))
        for path in package.rglob("*.py")
        if re.search(r"^\s*(from events\b|import events\b)", path.read_text(), re.MULTILINE)
    )
    assert importers == ["metrics/metrics_events.py"], (
        "opensearch-py imports the Events library from new places: "
        "see sitesearch/backends/opensearch_client.py"
    )


# Faults ----------------------------------------------------------------------------------------


def use_silent_cluster(settings, server):
    backends = {
        "default": {"BACKEND": "sitesearch.backends.database", "SEARCH_CONFIG": "simple"},
        **configuration.cluster_backends(
            f"opensearch+http://127.0.0.1:{server.port}", ["lv", "en"], "silent_"
        ),
    }
    for params in backends.values():
        if params["BACKEND"].endswith("opensearch"):
            # A search gives up long before an indexing request would.
            params["SEARCH_TIMEOUT"] = 0.5
            params["TIMEOUT"] = 30
    settings.WAGTAILSEARCH_BACKENDS = backends
    engine.outage.down_until.clear()


@pytest.mark.django_db
def test_a_hanging_cluster_costs_one_short_wait_then_the_database_answers(
    client, site_tree, settings, hung_server
):
    # (Saved before: indexing into a hanging cluster is the data-safety issue's background
    # indexing.)
    add_page(site_tree["lv"], StandardPage, title="Ģimenes asistents", slug="asistents")
    use_silent_cluster(settings, hung_server)
    started = time.perf_counter()
    first = client.get("/lv/meklet/", {"q": "gimenes asistentiem"})
    first_took = time.perf_counter() - started
    started = time.perf_counter()
    second = client.get("/lv/meklet/", {"q": "asistents"})
    second_took = time.perf_counter() - started
    assert first.status_code == 200 and second.status_code == 200
    assert "Ģimenes asistents" in first.content.decode()
    assert "Ģimenes asistents" in second.content.decode()
    # The search waited for the cluster its SEARCH_TIMEOUT (not the indexing TIMEOUT of 30 s),
    # and the next one not at all.
    assert 0.5 <= first_took < 10, first_took
    assert second_took < first_took
    assert engine.outage.is_down("opensearch_lv")
    engine.outage.down_until.clear()
