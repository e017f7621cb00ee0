"""Typos in the dictionary's search and autocomplete (issue 20): a misspelt word is corrected
against the approved entries' names, never against a draft's, and the reader is told."""

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction

from dictionary.search import vocabulary
from tests.dictionary.conftest import build_term, make_term

pytestmark = pytest.mark.django_db

SEARCH = {"lv": "/lv/vardnica/meklet/", "en": "/en/dictionary/search/"}
SUGGEST = {"lv": "/lv/vardnica/ieteikumi/", "en": "/en/dictionary/suggest/"}
NOTICE = {"lv": "Rādīti rezultāti vaicājumam", "en": "Showing results for"}


def search(client, language, query, **params):
    response = client.get(SEARCH[language], {"q": query, **params})
    assert response.status_code == 200
    html = BeautifulSoup(response.content, "html.parser")
    notice = html.select_one(".search-correction")
    return [a.get_text() for a in html.select(".entry-list__term a")], notice


def suggested(client, language, query):
    response = client.get(SUGGEST[language], {"q": query})
    assert response.status_code == 200
    return [item["label"] for item in response.json()]


@pytest.mark.parametrize(
    ("language", "typed", "shown", "entry"),
    [
        ("lv", "suprvizija", "supervizija", "supervīzija"),
        ("lv", "barintesa", "barintiesa", "bāriņtiesa"),
        ("lv", "vardrabiba pret bērniem", "vardarbiba pret bērniem", "vardarbība"),
        ("en", "violance", "violence", "violence"),
        ("en", "supervisoin", "supervision", "supervision"),
        # A Latvian term typed on the English site: corrected against the Latvian names.
        ("en", "suprvizija", "supervizija", "supervision"),
    ],
)
def test_a_misspelt_word_is_searched_corrected_and_the_reader_is_told(
    client, glossary, language, typed, shown, entry
):
    found, notice = search(client, language, typed)
    assert found[0] == entry
    assert " ".join(notice.get_text().split()).startswith(f"{NOTICE[language]} {shown}.")
    assert notice.strong.get_text() == shown
    # The link searches for exactly what was typed: no correction, no notice.
    link = notice.a["href"]
    assert link.startswith(SEARCH[language]) and link.endswith("&exact=1")
    assert client.get(link).status_code == 200
    found, notice = search(client, language, typed, exact="1")
    assert notice is None
    assert entry not in found


def test_the_notices_labels_are_translated(client, glossary):
    _found, notice = search(client, "lv", "suprvizija")
    assert notice.a.get_text() == "Meklēt tieši „suprvizija”"
    _found, notice = search(client, "en", "violance")
    assert notice.a.get_text() == "Search instead for “violance”"


def test_words_entries_have_are_not_corrected(client, glossary):
    for language, query in [
        ("lv", "supervizija"),
        ("lv", "supe"),  # begins a term's word: the partial matches
        ("lv", "aprūpi"),  # a word of definitions
        ("lv", "sociālajiem darbiniekiem"),
        ("en", "social work"),
        ("en", "superv"),
    ]:
        found, notice = search(client, language, query)
        assert found, query
        assert notice is None, query


@pytest.mark.parametrize("query", ["qwxz", "zzzzzz", "qwxzv plugh", "ūūūū", "xyzzy"])
def test_nonsense_finds_nothing_and_is_not_corrected(client, glossary, query):
    for language in ("lv", "en"):
        found, notice = search(client, language, query)
        assert found == [] and notice is None, (language, query)
        assert suggested(client, language, query) == [], (language, query)


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("bārņ", ["bāriņtiesa"]),
        ("suprv", ["supervizors", "supervīzija"]),
        ("vardrab", ["vardarbība"]),
        ("psihosocal", ["psihosociālā konsultēšana"]),
        ("ģimenes asisst", ["ģimenes asistenta pakalpojums", "ģimenes asistents"]),
        ("krizs", ["krīzes intervence", "krīzes vadība"]),
    ],
)
def test_autocomplete_forgives_a_typo_in_latvian(client, glossary, typed, expected):
    assert suggested(client, "lv", typed) == expected


def test_autocomplete_forgives_a_typo_in_english(client, glossary):
    assert suggested(client, "en", "supervsi") == ["supervision", "supervisor"]
    assert suggested(client, "en", "famly") == ["family assistant", "family assistant service"]
    response = client.get(SUGGEST["en"], {"q": "violnce"})
    assert response.json() == [
        {
            "label": "violence",
            "label_lang": "en",
            "detail": "vardarbība",
            "detail_lang": "lv",
            "url": "/en/dictionary/vardarbiba/",
        }
    ]


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


def test_a_restricted_dictionary_suggests_nothing_to_a_visitor(client, glossary, dictionary):
    PageViewRestriction.objects.create(page=dictionary["lv"], restriction_type="login")
    response = client.get(SUGGEST["lv"], {"q": "bārņ"})
    assert response.status_code in (302, 401, 403)
    assert b"bari" not in response.content.lower()
    response = client.get(SEARCH["lv"], {"q": "barintesa"})
    assert response.status_code in (302, 401, 403)


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
