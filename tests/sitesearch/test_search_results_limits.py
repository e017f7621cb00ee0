"""The search results page with pages of its own (none of conftest.py's): pagination over many
matches and a number of queries that does not grow with them; and queries cut to a sane length."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from sitesearch import engine
from tests.sitesearch.helpers import LV, titles
from tests.utils import add_page, soup
from website.models import StandardPage


def test_results_are_paginated_and_bad_page_numbers_are_tolerated(client, site_tree):
    for number in range(23):
        add_page(site_tree["lv"], StandardPage, title=f"Metodika {number}", slug=f"m-{number}")
    first = client.get(LV, {"q": "metodika"})
    assert "23" in soup(first).select_one(".search-summary").get_text()
    assert len(titles(first)) == 10
    third = client.get(LV, {"q": "metodika", "page": "3"})
    assert len(titles(third)) == 3
    assert titles(client.get(LV, {"q": "metodika", "page": "abc"})) == titles(first)
    assert titles(client.get(LV, {"q": "metodika", "page": "9999"})) == titles(third)
    pages_seen = titles(first) + titles(client.get(LV, {"q": "metodika", "page": "2"}))
    assert len(set(pages_seen + titles(third))) == 23


def test_search_page_queries_do_not_grow_with_the_number_of_matches(client, site_tree):
    def count(n):
        for number in range(n):
            add_page(
                site_tree["lv"], StandardPage, title=f"Kopiena {n}-{number}", slug=f"k{n}-{number}"
            )
        client.get(LV, {"q": "kopiena"})  # the catalogue is built once per change
        with CaptureQueriesContext(connection) as queries:
            assert client.get(LV, {"q": "kopiena"}).status_code == 200
        return len(queries)

    client.get(LV)  # the first visit ever creates the site's settings row (a content change)
    assert count(4) == count(12)


def test_queries_are_cut_to_a_sane_length():
    assert len(engine.clean_query("ā" * 10_000)) == engine.MAX_QUERY_LENGTH
    words = " ".join(f"vārds{n}" for n in range(100))
    assert len(engine.analysed_query(words, "lv").split()) == engine.MAX_QUERY_WORDS
