"""Elasticsearch for the site search, without a cluster: settings, mappings, requests, fallback."""

import logging
import socket

import pytest
from bs4 import BeautifulSoup
from elasticsearch import Elasticsearch

from sitesearch import engine
from sitesearch.backends.elasticsearch import SiteElasticsearchSearchBackend
from tests.utils import add_page, translate
from website.models import StandardPage

pytestmark = pytest.mark.django_db


def closed_port():
    """A local port nobody listens on: connections to it are refused at once."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def es_settings(url):
    backends = {
        "default": {
            "BACKEND": "sitesearch.backends.database",
            "SEARCH_CONFIG": "simple",
        }
    }
    for language in ("lv", "en"):
        backends[f"elasticsearch_{language}"] = {
            "BACKEND": "sitesearch.backends.elasticsearch",
            "LANGUAGE": language,
            "URLS": [url],
            "INDEX_PREFIX": f"test_{language}_",
            "TIMEOUT": 2,
            "OPTIONS": {"max_retries": 0},
        }
    return backends


@pytest.fixture
def elasticsearch(settings):
    settings.WAGTAILSEARCH_BACKENDS = es_settings(f"http://127.0.0.1:{closed_port()}")
    engine.outage.down_until.clear()
    yield settings.WAGTAILSEARCH_BACKENDS
    engine.outage.down_until.clear()


def backend(language):
    return SiteElasticsearchSearchBackend(
        {
            "LANGUAGE": language,
            "URLS": ["http://127.0.0.1:9"],
            "INDEX_PREFIX": f"sd_{language}_",
        }
    )


def titles(response):
    soup = BeautifulSoup(response.content, "html.parser")
    return [a.get_text(strip=True) for a in soup.select("ol.search-results .card__title a")]


# Index settings and mappings --------------------------------------------------------------


def test_latvian_indexes_analyse_text_as_the_site_does():
    analysis = backend("lv").settings["settings"]["analysis"]
    default = analysis["analyzer"]["default"]
    assert default["type"] == "custom" and default["tokenizer"] == "site_words"
    # Folded first, then the site's stop words, then the Latvian stemmer over folded suffixes,
    # then the stem's alternating last consonant brought to one form (iestāde / iestāžu).
    endings = [f"site_ending_{number}" for number in range(1, 5)]
    assert default["filter"] == ["lowercase", "asciifolding", "site_stop", "site_stemmer", *endings]
    assert analysis["filter"]["site_stemmer"]["type"] == "pattern_replace"
    assert "socialais" not in analysis["filter"]["site_stop"]["stopwords"]
    assert {"ar", "un", "ka", "jo"} <= set(analysis["filter"]["site_stop"]["stopwords"])
    # Queries arrive analysed: no stop words are dropped from them again.
    assert "site_stop" not in analysis["analyzer"]["default_search"]["filter"]
    # Wagtail's own analyzers (autocomplete) are kept.
    assert "edgengram_analyzer" in analysis["analyzer"]


def test_english_indexes_use_the_snowball_english_stemmer():
    analysis = backend("en").settings["settings"]["analysis"]
    assert analysis["filter"]["site_stemmer"] == {"type": "snowball", "language": "English"}
    assert "the" in analysis["filter"]["site_stop"]["stopwords"]
    assert "ar" not in analysis["filter"]["site_stop"]["stopwords"]


def test_each_language_has_its_own_indexes():
    assert backend("lv").get_index_for_model(StandardPage).name == "sd_lv_wagtailcore_page"
    assert backend("en").get_index_for_model(StandardPage).name == "sd_en_wagtailcore_page"


def test_page_mapping_indexes_the_analysed_text_into_the_searched_fields(site_tree):
    mapping = backend("lv").mapping_class(StandardPage)
    properties = mapping.get_mapping()["properties"]
    analysed = [name for name in properties if name.endswith("search_analysed_text")]
    assert analysed and properties[analysed[0]]["type"] == "text"
    assert properties[analysed[0]]["copy_to"] == "_all_text"
    title = [name for name in properties if name.endswith("search_analysed_title")][0]
    assert "_all_text" in properties[title]["copy_to"]
    assert properties["locale_id_filter"]["type"] in {"integer", "long"}

    page = add_page(
        site_tree["lv"],
        StandardPage,
        title="Sociālais darbs ar senioriem",
        slug="seniori",
        listing_summary="Atbalsts mājās.",
    )
    document = mapping.get_document(page)
    assert document[title] == "social darb senior"
    assert document[analysed[0]] == "atbalst maj"


def test_a_language_backend_indexes_only_its_own_pages(site_tree):
    lv = add_page(site_tree["lv"], StandardPage, title="Kopiena", slug="kopiena")
    en = translate(lv, slug="community", title="Community")
    assert backend("lv").admits([lv, en]) == [lv]
    assert backend("en").admits([lv, en]) == [en]


# Searching --------------------------------------------------------------------------------


def fake_msearch(answer, requests):
    """Elasticsearch.msearch answering each search with answer(index, body)'s hits."""

    def msearch(self, *, searches, **kwargs):
        pairs = list(zip(searches[::2], searches[1::2], strict=True))
        requests.extend((header["index"], body) for header, body in pairs)
        return {
            "responses": [
                {"hits": {"hits": answer(header["index"], body)}} for header, body in pairs
            ]
        }

    return msearch


def test_the_search_page_asks_the_languages_cluster_for_ranked_ids(
    client, site_tree, elasticsearch, monkeypatch
):
    page = add_page(site_tree["lv"], StandardPage, title="Supervīzija", slug="supervizija")
    requests = []

    def answer(index, body):
        hits = [{"_score": 3.0, "fields": {"pk": [str(page.pk)]}}]
        return hits if "wagtailcore_page" in index else []

    monkeypatch.setattr(Elasticsearch, "msearch", fake_msearch(answer, requests))
    response = client.get("/lv/meklet/", {"q": "supervizijai"})
    assert titles(response) == ["Supervīzija"]
    page_requests = [body for index, body in requests if index == "test_lv_wagtailcore_page"]
    assert page_requests, requests
    assert "supervizij" in str(page_requests[0]["query"])
    # Typos tolerated, keys read from doc values, no source.
    assert "'fuzziness'" in str(page_requests[0]["query"])
    assert page_requests[0]["_source"] is False
    assert page_requests[0]["docvalue_fields"] == ["pk"]


def test_an_unreachable_cluster_falls_back_to_the_database_with_one_warning(
    client, site_tree, elasticsearch, caplog
):
    # Saving pages while the cluster is down works (Wagtail logs the failed indexing).
    add_page(site_tree["lv"], StandardPage, title="Ģimenes asistents", slug="asistents")
    caplog.clear()
    with caplog.at_level(logging.WARNING, logger="sitesearch.engine"):
        first = client.get("/lv/meklet/", {"q": "gimenes asistentiem"})
        second = client.get("/lv/meklet/", {"q": "asistents"})
    assert first.status_code == 200 and second.status_code == 200
    assert titles(first) == ["Ģimenes asistents"]
    assert titles(second) == ["Ģimenes asistents"]
    warnings = [r for r in caplog.records if r.name == "sitesearch.engine"]
    assert len(warnings) == 1
    assert "elasticsearch_lv" in warnings[0].getMessage()


def test_the_english_site_uses_the_english_cluster(client, site_tree, elasticsearch, monkeypatch):
    lv = add_page(site_tree["lv"], StandardPage, title="Kopiena", slug="kopiena")
    translate(lv, slug="community", title="Community work")
    requests = []
    monkeypatch.setattr(Elasticsearch, "msearch", fake_msearch(lambda index, body: [], requests))
    client.get("/en/search/", {"q": "community"})
    indexes = [index for index, _body in requests]
    assert "test_en_wagtailcore_page" in indexes
    assert not any(index.startswith("test_lv_") for index in indexes)


def test_a_down_cluster_is_left_alone_for_a_while_then_asked_again(
    site_tree, elasticsearch, monkeypatch
):
    calls = []

    def failing(self, **kwargs):
        calls.append("failed")
        raise ConnectionError("refused")

    def working(self, *, searches, **kwargs):
        calls.append("answered")
        return {"responses": [{"hits": {"hits": []}} for _ in searches[::2]]}

    monkeypatch.setattr(Elasticsearch, "msearch", failing)
    assert engine.matches("kopien", "lv")[2] == "default"
    monkeypatch.setattr(Elasticsearch, "msearch", working)
    # Within RETRY_AFTER the cluster is not asked: no second wait for a dead host.
    assert engine.matches("kopien", "lv")[2] == "default"
    assert calls == ["failed"]
    monkeypatch.setattr(engine, "RETRY_AFTER", 0)
    engine.outage.failed("elasticsearch_lv", ConnectionError())
    assert engine.matches("kopien", "lv")[2] == "elasticsearch_lv"
    assert calls[0] == "failed" and set(calls[1:]) == {"answered"}
