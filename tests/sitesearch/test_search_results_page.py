"""The search results page: facets, the empty query, promotions, the catalogue's caching and
queries, and bad input, on the pages of tests/sitesearch/conftest.py (built once for the module;
test_search_results_limits.py has the tests that make pages of their own)."""

import gc
import logging

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.contrib.search_promotions.models import Query, SearchPromotion

from sitesearch import catalogue, engine
from tests.sitesearch.helpers import EN, LV, facet, titles
from tests.utils import soup
from website.models import StandardPage

pytestmark = pytest.mark.django_db


# Facets -----------------------------------------------------------------------------------


def test_facets_count_the_matches_and_combine_with_the_query(client, pages):
    response = client.get(LV, {"q": "sociālais"})
    # The home page's hero text speaks of "sociālā darba" too.
    assert set(titles(response)) == {
        "Sociālais darbinieks pašvaldībā",
        "Sociālais darbs ar senioriem",
        "Darbs ar bēgļiem",
        "Sākums",
    }
    assert facet(response, "topic") == ({"Ģimenes": 2, "Seniori": 1}, None)
    # The home page is found, but a section of the site is no content type to filter by.
    assert list(facet(response, "type")[0].values()) == [3]

    chosen = client.get(LV, {"q": "sociālais", "topic": "ģimenes"})
    assert set(titles(chosen)) == {"Sociālais darbinieks pašvaldībā", "Darbs ar bēgļiem"}
    # The topic facet still offers the other topic with what choosing it would give.
    assert facet(chosen, "topic") == ({"Ģimenes": 2, "Seniori": 1}, "Ģimenes")
    assert list(facet(chosen, "type")[0].values()) == [2]


def test_facet_links_keep_the_query_and_toggle_the_choice(client, pages):
    response = client.get(LV, {"q": "sociālais", "page": "1"})
    link = soup(response).select_one("#facet-topic").find_parent("section").select_one("a")
    assert link["href"].startswith("?")
    assert "q=soci%C4%81lais" in link["href"] and "topic=" in link["href"]
    assert "page=" not in link["href"]
    selected = client.get(LV + link["href"])
    remove = soup(selected).select_one("a.facet__choice--selected")["href"]
    assert "topic=" not in remove and "q=" in remove


def test_year_facet_comes_from_the_pages_own_year(client, pages, monkeypatch):
    monkeypatch.setattr(
        StandardPage, "get_search_year", lambda page: 2019 if "bēg" in page.title else None
    )
    pages["refugees"].save_revision().publish()
    response = client.get(LV, {"q": "sociālais"})
    assert facet(response, "year") == ({"2019": 1}, None)
    assert titles(client.get(LV, {"q": "sociālais", "year": "2019"})) == ["Darbs ar bēgļiem"]


@pytest.mark.parametrize(
    "params",
    [
        {"type": "nothing.here"},
        {"type": "website.nomodel"},
        {"type": "%"},
        {"year": "abcd"},
        {"year": "99999999999999999999"},
        {"topic": "no-such-topic"},
        {"topic": "' OR 1=1 --"},
    ],
)
def test_invalid_filter_values_are_ignored(client, pages, params):
    response = client.get(LV, {"q": "sociālais", **params})
    assert response.status_code == 200
    assert len(titles(response)) == 4


def test_type_filter_narrows_to_that_type(client, pages):
    assert len(titles(client.get(LV, {"q": "sociālais", "type": "website.standardpage"}))) == 3
    assert titles(client.get(LV, {"q": "sociālais", "type": "website.homepage"})) == ["Sākums"]


# Empty query, pagination, promotions ------------------------------------------------------


def test_an_empty_query_lists_the_newest_content_with_facets(client, pages):
    response = client.get(LV)
    assert response.status_code == 200
    found = titles(response)
    assert found[:3] == [
        "Darbs ar bēgļiem",
        "Sociālais darbs ar senioriem",
        "Sociālais darbinieks pašvaldībā",
    ]
    assert facet(response, "topic")[0] == {"Ģimenes": 2, "Seniori": 1}


def test_promoted_pages_come_first_and_are_not_repeated(client, pages):
    promotion_query = Query.get("sociālais darbs")
    SearchPromotion.objects.create(
        query=promotion_query, page=pages["refugees"], sort_order=0, description="Ieteicam."
    )
    response = client.get(LV, {"q": "Sociālais   darbs"})
    promoted = soup(response).select(".search-promoted .card__title a")
    assert [a.get_text(strip=True) for a in promoted] == ["Darbs ar bēgļiem"]
    assert "Darbs ar bēgļiem" not in titles(response)
    # On the English site the Latvian page is not promoted.
    english = client.get(EN, {"q": "sociālais darbs"})
    assert not soup(english).select(".search-promoted")


def test_a_changed_page_shows_its_new_title_at_once(client, pages):
    assert titles(client.get(LV, {"q": "bēgļiem"})) == ["Darbs ar bēgļiem"]
    page = pages["refugees"]
    page.title = "Darbs ar bēgļiem un patvēruma meklētājiem"
    page.save_revision().publish()
    assert titles(client.get(LV, {"q": "bēgļiem"})) == [page.title]


def test_a_large_catalogue_is_frozen_out_of_the_collectors_walks_and_still_replaced(
    client, pages, monkeypatch
):
    """website.memory: the collector skips a big catalogue; a changed page still shows."""
    monkeypatch.setattr(catalogue, "SETTLE_FROM", 1)  # the test site's catalogue counts as big
    try:
        gc.unfreeze()
        assert titles(client.get(LV, {"q": "bēgļiem"})) == ["Darbs ar bēgļiem"]
        built = next(entry[2] for entry in catalogue._built.values() if entry[2].items)
        item = next(iter(built.items.values()))
        assert gc.get_freeze_count() > len(built.items)
        assert not any(obj is item for obj in gc.get_objects())
        page = pages["refugees"]
        page.title = "Darbs ar bēgļiem un patvēruma meklētājiem"
        page.save_revision().publish()
        assert titles(client.get(LV, {"q": "bēgļiem"})) == [page.title]
    finally:
        gc.unfreeze()


def test_checking_the_spelling_reads_no_word_twice(client, pages):
    """The spelling check looks each word up; the matching after it must not do so again."""

    def count(**params):
        client.get(LV, {"q": "darbs ar bēgļiem", **params})  # the catalogue, once per change
        with CaptureQueriesContext(connection) as queries:
            response = client.get(LV, {"q": "darbs ar bēgļiem", **params})
        assert titles(response)[0] == "Darbs ar bēgļiem"
        return len(queries)

    client.get(LV)  # the first visit ever creates the site's settings row (a content change)
    assert count() == count(exact="1")


def test_reading_a_word_through_its_index_changes_no_setting_for_what_follows(client, pages):
    """PostgreSQL: a word's matches are read with sequential scans off; the rest of the
    transaction (here the test's own, as a caller's atomic block would be) plans as before."""
    if connection.vendor != "postgresql":
        pytest.skip("a PostgreSQL planner setting")
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = on")
    response = client.get(LV, {"q": "sociālais darbs"})
    assert titles(response)[0].startswith("Sociālais darb")
    with connection.cursor() as cursor:
        cursor.execute("SHOW enable_seqscan")
        assert cursor.fetchone() == ("on",)


# Bad input --------------------------------------------------------------------------------

HOSTILE = [
    "x" * 10_000,
    "sociālais " * 2_000,
    "!!!???...",
    "%",
    "_",
    "%_%",
    '"',
    "'",
    '"sociālais',
    "\\",
    "\\\\'\"",
    "AND OR NOT * ? ~ ( ) [ ] { } :",
    "sociālais AND NOT darbs",
    "darbs*",
    "title:darbs",
    "'; DROP TABLE wagtailcore_page; --",
    "1' OR '1'='1",
    "😀🎉 sociālais 👍",
    "\x00sociālais\x00",
    "NEAR(darbs sociālais)",
    "-darbs",
    "^darbs",
    "@@ to_tsquery('x')",
    "&|!",
]


@pytest.mark.parametrize("query", HOSTILE)
def test_hostile_queries_answer_200_without_errors_in_the_log(client, pages, caplog, query):
    with caplog.at_level(logging.WARNING):
        response = client.get(LV, {"q": query})
    assert response.status_code == 200
    assert [r for r in caplog.records if r.levelno >= logging.ERROR] == []
    shown = soup(response).select_one("#search-q")["value"]
    assert len(shown) <= engine.MAX_QUERY_LENGTH


def test_invalid_utf8_in_the_query_string_answers_200(client, pages):
    response = client.get(LV + "?q=%ff%fe%80soci%C4%81lais&topic=%c3%28&page=%ff")
    assert response.status_code == 200
