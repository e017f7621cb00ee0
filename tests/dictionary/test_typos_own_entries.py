"""Typos in the dictionary's search and autocomplete (issue 20) on entries each test makes itself
(test_typos.py has those on the demo glossary, built once for its module): exact beginnings
come before corrections, drafts are never suggested, and the queries do not grow."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from dictionary.search import vocabulary
from tests.dictionary.conftest import SUGGEST, build_term, make_term, search, suggested

pytestmark = pytest.mark.django_db


def test_exact_beginnings_are_suggested_before_typos(client, dictionary):
    build_term("dārzs")
    build_term("darba slodze")
    build_term("dārza terapija")
    # "darb…" is one edit from "darz", and before "dārz…" in the alphabet: still last.
    assert suggested(client, "lv", "darz") == ["dārza terapija", "dārzs", "darba slodze"]
    # No typo needed: the exact beginnings alone ("dārzs" analysed is "darz").
    assert suggested(client, "lv", "dārzs") == ["dārza terapija", "dārzs"]


def test_a_draft_is_never_suggested_nor_used_as_a_correction(client, dictionary):
    # The only near spelling is a draft's (never published) …
    make_term("bāriņtiesa", approved=False, equivalents=["orphan's court"])
    # … or the next revision of an approved entry, waiting for approval.
    waiting = make_term("aizbildnība", equivalents=["guardianship"])
    waiting.headword = "vardarbība"
    waiting.definition = "Vardarbības definīcija."
    waiting.save_revision()
    make_term("supervīzija", equivalents=["supervision"])  # approved, far from both
    for language in ("lv", "en"):
        for typed in ("barintesa", "vardrabiba", "orphan curt"):
            found, notice = search(client, language, typed)
            assert found == [] and notice is None, (language, typed)
        for typed in ("bārņ", "barint", "vardrab", "orphn"):
            assert suggested(client, language, typed) == [], (language, typed)
    assert "barintiesa" not in str(vocabulary())
    # Once approved, the entry is suggested at once (the vocabulary follows the content).
    bariņtiesa = make_term("bāriņtiesa (apstiprināta)", equivalents=["orphan's court"])
    assert suggested(client, "lv", "bārņ") == [bariņtiesa.headword]
    assert search(client, "lv", "barintesa")[0] == [bariņtiesa.headword]


def test_autocomplete_queries_do_not_grow_with_the_vocabulary(client, dictionary):
    def count(query):
        client.get(SUGGEST["lv"], {"q": query})  # builds the vocabulary of this content
        with CaptureQueriesContext(connection) as captured:
            labels = suggested(client, "lv", query)
        dictionary_queries = [q for q in captured if "dictionary_" in q["sql"]]
        return len(captured), len(dictionary_queries), labels

    build_term("bāriņtiesa")
    small = count("bārņ")
    # More terms than the eight suggestions shown: 300 took the same number of queries.
    for number in range(20):
        build_term(f"bārenis {number:03}", synonyms=[f"bāreņu aprūpe {number:03}"])
    large = count("bārņ")
    assert small[2] == ["bāriņtiesa"]
    assert len(large[2]) == 8 and large[2][0] == "bārenis 000"
    # The dictionary page, then exact beginnings, later words, near beginnings and their
    # equivalents: five, whatever the size (Wagtail's serving adds the same few).
    assert small[:2] == large[:2]
    assert large[1] == 5, (small, large)
