import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.dictionary.conftest import found
from tests.dictionary.seed_data import SEARCH_PAIRS, TERMS

pytestmark = pytest.mark.django_db

# Forms that are longer phrases holding other entries too: those entries may rank first.
PHRASE_FORMS = {
    # Holds "sociālā darba" (sociālais darbs) and "kopienā" (kopiena) as phrases.
    "sociālā darba attīstībai kopienā": "kopienas sociālais darbs",
}


def results_page(client, url):
    html = BeautifulSoup(client.get(url).content, "html.parser")
    return [a.get_text() for a in html.select(".entry-list__term a")]


def test_every_seed_pair_is_found_with_and_without_diacritics(glossary):
    """Each side of a pair that is an entry is found by the other side, typed either way."""
    checked = 0
    for a, b, a_ascii, b_ascii in SEARCH_PAIRS:
        for headword, own_ascii, others in ((a, a_ascii, (b, b_ascii)), (b, b_ascii, (a, a_ascii))):
            if headword not in TERMS:
                continue
            assert found(own_ascii)[0] == headword, own_ascii
            for query in others:
                assert headword in found(query), (query, headword)
            checked += 1
    assert checked == 23  # 7 pairs of two entries, 9 pairs with one


def test_every_inflected_form_from_the_sources_finds_its_entry_first(glossary):
    for headword, (ascii_spelling, _english, forms) in TERMS.items():
        for query in (headword, ascii_spelling, *forms):
            results = found(query)
            if query in PHRASE_FORMS:
                assert headword in results[:3], (query, results[:5])
            else:
                assert results[:1] == [headword], (query, results[:5])


def test_english_equivalents_find_their_entries_on_both_sites(glossary):
    for headword, (_ascii, english, _forms) in TERMS.items():
        assert found(english, "en")[0] == headword, english
        assert headword in found(english, "lv")


def test_the_issues_examples(client, glossary):
    assert results_page(client, "/lv/vardnica/meklet/?q=gimenes+asistents")[0] == (
        "ģimenes asistents"
    )
    assert results_page(client, "/lv/vardnica/meklet/?q=supervīzijai")[0] == "supervīzija"
    assert results_page(client, "/lv/vardnica/meklet/?q=darbiniekiem")[0] == (
        "sociālais darbinieks"
    )
    suggestions = client.get("/lv/vardnica/ieteikumi/?q=supe").json()
    assert [item["label"] for item in suggestions] == ["supervizors", "supervīzija"]


def test_a_phrase_finds_the_terms_it_contains(glossary):
    results = found("sociālās palīdzības organizatora darba slodze")
    # All three are phrases of the query; the one matching most words first.
    assert results[:3] == ["sociālās palīdzības organizators", "darba slodze", "sociālā palīdzība"]


def test_results_show_term_equivalent_and_the_start_of_the_definition(client, glossary):
    html = BeautifulSoup(client.get("/lv/vardnica/meklet/?q=supervizija").content, "html.parser")
    first = html.select_one(".entry-list__item")
    assert first.select_one(".entry-list__term a").get_text() == "supervīzija"
    assert first.select_one(".entry-list__other").get_text() == "— supervision"
    assert (
        first.select_one(".entry-list__definition")
        .get_text()
        .startswith("Profesionāla atbalsta process")
    )
    english = BeautifulSoup(
        client.get("/en/dictionary/search/?q=supervision").content, "html.parser"
    )
    first = english.select_one(".entry-list__item")
    assert first.select_one(".entry-list__term a").get_text() == "supervision"
    assert first.select_one(".entry-list__term a")["href"] == "/en/dictionary/supervizija/"
    assert first.select_one(".entry-list__other").get_text() == "— supervīzija"
    assert first.select_one(".entry-list__definition").get_text().startswith("A process")
    # The search is offered in the other language with the same query.
    switch = english.select_one(".lang-switch a[hreflang=lv]")
    assert switch["href"] == "/lv/vardnica/meklet/?q=supervision"


def test_autocomplete_json(client, glossary):
    response = client.get("/lv/vardnica/ieteikumi/?q=supervizijai")
    assert response["Content-Type"] == "application/json"
    assert response.json() == [
        {
            "label": "supervīzija",
            "label_lang": "lv",
            "detail": "supervision",
            "detail_lang": "en",
            "url": "/lv/vardnica/supervizija/",
        }
    ]
    # A later word or a synonym of the term also suggests it.
    labels = [item["label"] for item in client.get("/lv/vardnica/ieteikumi/?q=asist").json()]
    assert labels == ["ģimenes asistenta pakalpojums", "ģimenes asistents"]
    labels = [item["label"] for item in client.get("/lv/vardnica/ieteikumi/?q=merkg").json()]
    assert labels == ["mērķa grupa"]
    english = client.get("/en/dictionary/suggest/?q=social+w").json()
    assert english[:3] == [
        {
            "label": "social work",
            "label_lang": "en",
            "detail": "sociālais darbs",
            "detail_lang": "lv",
            "url": "/en/dictionary/socialais-darbs/",
        },
        {
            "label": "social work in the community",
            "label_lang": "en",
            "detail": "kopienas sociālais darbs",
            "detail_lang": "lv",
            "url": "/en/dictionary/kopienas-socialais-darbs/",
        },
        {
            "label": "social work practice",
            "label_lang": "en",
            "detail": "sociālā darba prakse",
            "detail_lang": "lv",
            "url": "/en/dictionary/sociala-darba-prakse/",
        },
    ]
    assert len(client.get("/lv/vardnica/ieteikumi/?q=s").json()) == 8


def test_empty_query_lists_nothing_and_shows_the_alphabet(client, glossary):
    html = BeautifulSoup(client.get("/lv/vardnica/meklet/").content, "html.parser")
    assert html.select(".entry-list__item") == []
    assert html.select_one(".search-summary") is None
    assert html.select(".alphabet a")


def test_a_long_query_is_cut_before_it_reaches_the_database(client, glossary):
    with CaptureQueriesContext(connection) as captured:
        client.get("/lv/vardnica/meklet/", {"q": "sociālais darbinieks " * 500})
    longest = max(len(query["sql"]) for query in captured)
    assert longest < 20_000
