"""The search cluster named by one setting, as WAGTAILSEARCH_BACKENDS entries.

``SEARCH_ENGINE_URL`` names the engine in the scheme and the cluster's address after it:

    opensearch+http://127.0.0.1:9201          OpenSearch 2
    opensearch+https://user:password@host     OpenSearch 2 over TLS, with a user
    elasticsearch+https://host:9200           Elasticsearch 8 or 9

``ELASTICSEARCH_URL`` (a plain http(s) address, the older setting) still means Elasticsearch.
Read by website.settings.base before Django is set up: plain Python only.
"""

from urllib.parse import urlsplit, urlunsplit

ENGINES = {
    "opensearch": "sitesearch.backends.opensearch",
    "elasticsearch": "sitesearch.backends.elasticsearch",
}
TRANSPORTS = {"http", "https"}
DEFAULT_INDEX_PREFIX = "socialais_darbs_"


class SearchEngineURLError(ValueError):
    pass


def parse(url):
    """(engine, the cluster's http(s) address) of a SEARCH_ENGINE_URL."""
    parts = urlsplit(url.strip())
    engine, _, transport = parts.scheme.lower().partition("+")
    transport = transport or "http"
    if engine not in ENGINES or transport not in TRANSPORTS or not parts.hostname:
        raise SearchEngineURLError(
            f"SEARCH_ENGINE_URL {url!r} is not understood: write the engine and the address, "
            "e.g. opensearch+http://127.0.0.1:9201 or elasticsearch+https://host:9200 "
            f"(engines: {', '.join(sorted(ENGINES))})."
        )
    return engine, urlunsplit((transport, parts.netloc, parts.path, "", ""))


def engine_url(environ):
    """The SEARCH_ENGINE_URL the environment gives, from either setting ("" when none)."""
    url = environ.get("SEARCH_ENGINE_URL", "").strip()
    legacy = environ.get("ELASTICSEARCH_URL", "").strip()
    if url and legacy:
        raise SearchEngineURLError(
            "Both SEARCH_ENGINE_URL and ELASTICSEARCH_URL are set: keep SEARCH_ENGINE_URL only."
        )
    if legacy:
        if urlsplit(legacy).scheme not in TRANSPORTS:
            raise SearchEngineURLError(
                f"ELASTICSEARCH_URL {legacy!r} must start with http:// or https://."
            )
        return f"elasticsearch+{legacy}"
    return url


def index_prefix(environ):
    """What the site's index names start with (a cluster may hold other sites' indexes)."""
    return environ.get(
        "SEARCH_INDEX_PREFIX", environ.get("ELASTICSEARCH_INDEX_PREFIX", DEFAULT_INDEX_PREFIX)
    )


def cluster_backends(url, languages, index_prefix=DEFAULT_INDEX_PREFIX, timeout=5):
    """One backend per language on the cluster `url` names ({} when there is none).

    The database backend ("default") stays beside them and is kept current: the search page
    falls back to it when the cluster does not answer (sitesearch.engine).
    """
    if not url:
        return {}
    engine, address = parse(url)
    return {
        f"{engine}_{language}": {
            "BACKEND": ENGINES[engine],
            "LANGUAGE": language,
            "URLS": [address],
            "INDEX_PREFIX": f"{index_prefix}{language}_",
            # Not updated by the saving request: by a task (sitesearch.indexing).
            "AUTO_UPDATE": False,
            # Indexing waits at most this long (seconds); a search at most
            # sitesearch.backends.cluster.SEARCH_TIMEOUT.
            "TIMEOUT": timeout,
            # A cluster that is down must cost a page save or a search one short wait, not four.
            "OPTIONS": {"max_retries": 1, "retry_on_timeout": False},
        }
        for language in languages
    }
