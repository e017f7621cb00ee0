"""Typos in the dictionary's search and autocomplete (issue 20): a misspelt word is corrected
against the approved entries' names, never against a draft's, and the reader is told."""

import pytest
from wagtail.models import PageViewRestriction

from tests.dictionary.conftest import SEARCH, SUGGEST, search, suggested

pytestmark = pytest.mark.django_db

NOTICE = {"lv": "Rādīti rezultāti vaicājumam", "en": "Showing results for"}


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


def test_a_restricted_dictionary_suggests_nothing_to_a_visitor(client, glossary, dictionary):
    PageViewRestriction.objects.create(page=dictionary["lv"], restriction_type="login")
    response = client.get(SUGGEST["lv"], {"q": "bārņ"})
    assert response.status_code in (302, 401, 403)
    assert b"bari" not in response.content.lower()
    response = client.get(SEARCH["lv"], {"q": "barintesa"})
    assert response.status_code in (302, 401, 403)
