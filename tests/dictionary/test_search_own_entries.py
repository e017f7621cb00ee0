"""The dictionary search on entries each test makes itself (test_search.py has the demo glossary's,
built once for its module): ranking on both sites, odd queries and LIKE wildcards, the index
that answers beginnings, fallbacks, endings and the upgrade migration."""

import pytest
from django.db import connection

from dictionary.models import Term
from dictionary.search import starts_with, suggest_terms
from tests.dictionary.conftest import build_term, found, make_term

pytestmark = pytest.mark.django_db


def test_ranking_exact_then_term_then_synonyms_and_equivalents_then_definitions(dictionary):
    build_term("aprūpe", "Palīdzība ikdienā.")
    build_term("aprūpes centrs", "Iestāde, kurā sniedz aprūpi.")
    build_term("sociālā aprūpe", "Aprūpe mājās.")
    build_term("mājas palīdzība", "Palīdzība mājās.", synonyms=["aprūpe mājās"])
    build_term("ilgstoša kopšana", "Pakalpojums.", equivalents=["long-term care"])
    build_term("aprūpētājs", "Persona, kas nodrošina aprūpi.")
    build_term("vientuļš cilvēks", "Cilvēks, kuram nepieciešama aprūpe un atbalsts.")
    assert found("aprūpe") == [
        "aprūpe",  # exact
        "aprūpes centrs",  # the term contains the word (alphabetical within the tier)
        "sociālā aprūpe",
        "mājas palīdzība",  # a synonym contains it
        "aprūpētājs",  # the definition contains it
        "vientuļš cilvēks",
    ]
    assert found("care", "en") == ["ilgstoša kopšana"]


def test_ranking_on_the_english_site_puts_equivalents_first(dictionary):
    build_term("kopšana", "Palīdzība.", equivalents=["care"])
    build_term("aprūpe", "Care at home.", equivalents=["home care"], definition_en="Care.")
    build_term("care", "Latviešu termins, kas sakrīt ar angļu vārdu.")
    results = found("care", "en")
    # Exact matches (an equivalent, a Latvian term that happens to be "care") come first.
    assert set(results[:2]) == {"kopšana", "care"}
    assert results[2:] == ["aprūpe"]
    assert found("home care", "en")[0] == "aprūpe"


ODD_QUERIES = [
    "",
    " ",
    "%",
    "_",
    "%%__%%",
    '"',
    "'",
    "\\",
    "\\%",
    "a" * 10_000,
    "sociālais " * 1_000,
    "'; DROP TABLE dictionary_term; --",
    "1 OR 1=1",
    'title:"social" AND body:(work OR care)~2 +supervision -burnout^3 [a TO z] *',
    "😀🏳️‍🌈 sociālais 👩‍👩‍👧",
    "\x00\x1f\x7f",
    "ﬁ ǅ ß İ",
    "<script>alert(1)</script>",
]


def test_odd_queries_give_a_normal_page_or_a_list(client, dictionary):
    build_term("sociālais darbs", equivalents=["social work"])
    build_term("100% aprūpe", "Pilna aprūpe.")
    for query in ODD_QUERIES:
        for url in ("/lv/vardnica/meklet/", "/en/dictionary/search/"):
            response = client.get(url, {"q": query})
            assert response.status_code == 200, (url, query[:40])
            assert "<script>alert(1)</script>" not in response.content.decode()
        for url in ("/lv/vardnica/ieteikumi/", "/en/dictionary/suggest/"):
            response = client.get(url, {"q": query})
            assert response.status_code == 200, (url, query[:40])
            assert isinstance(response.json(), list)


def test_like_wildcards_are_taken_literally(dictionary):
    build_term("100% aprūpe", "Pilna aprūpe.")
    build_term("aprūpe", "Palīdzība.")
    build_term("a_b", "Termins ar pasvītru.")
    assert found("%") == []
    assert [t.headword for t in suggest_terms("%")] == []
    assert [t.headword for t in suggest_terms("_")] == []
    assert [t.headword for t in suggest_terms("100%")] == ["100% aprūpe"]


def test_prefix_search_is_answered_from_the_index(dictionary):
    make_term("supervīzija")
    queryset = Term.objects.approved().filter(starts_with("headword_folded", "supe"))
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # A table this small is read whole; forbid that to see which index would serve.
            cursor.execute("SET LOCAL enable_seqscan = off")
        plan = queryset.explain()
    assert "headword_folded" in plan
    assert "INDEX" in plan.upper()
    assert [term.headword for term in queryset] == ["supervīzija"]


def test_definitions_and_partial_matches_fill_in_when_names_match_little(dictionary, monkeypatch):
    build_term("aprūpe", "Palīdzība.")
    build_term("aprūpes centrs", "Iestāde.")
    build_term("sociālā aprūpe", "Pakalpojums.")
    build_term("aprūpētājs", "Persona, kas sniedz aprūpi.")  # partial and definition
    build_term("vientuļš cilvēks", "Cilvēks, kuram vajadzīga aprūpe.")  # definition only
    everything = ["aprūpe", "aprūpes centrs", "sociālā aprūpe", "aprūpētājs", "vientuļš cilvēks"]
    assert found("aprūpe") == everything
    # With three name matches "enough", definitions and partial matches are not looked up.
    monkeypatch.setattr("dictionary.search.FALLBACK_BELOW", 3)
    assert found("aprūpe") == everything[:3]


def test_another_consonant_or_gender_in_the_ending_finds_the_entry(dictionary):
    """The dictionary shares the site's analysis (sitesearch.analysis.normalise_ending)."""
    make_term("sociālā dienesta iestāde")
    make_term("sociālais darbinieks")
    make_term("klients")
    assert found("iestāžu")[:1] == ["sociālā dienesta iestāde"]
    assert found("sociālā darbiniece")[:1] == ["sociālais darbinieks"]
    assert found("darbinieču")[:1] == ["sociālais darbinieks"]
    assert found("klienšu")[:1] == ["klients"]
    assert found("qwxzv") == []


def test_the_upgrade_migration_analyses_stored_entries_again(dictionary):
    """Entries stored with the former analysis ("iestaz", not "iestad") are found after it."""
    import importlib

    from django.apps import apps

    from dictionary.models import SearchToken

    term = make_term("iestāde", synonyms=["sociālā iestāde"])
    stale = {"iestad": "iestaz", "social iestad": "social iestaz"}
    for token in SearchToken.objects.filter(term=term):
        if token.token in stale:
            SearchToken.objects.filter(pk=token.pk).update(token=stale[token.token])
    Term.objects.filter(pk=term.pk).update(headword_analysed=" iestaz ")

    def tokens():
        return set(SearchToken.objects.filter(term=term).values_list("token", flat=True))

    assert {"iestaz", "social iestaz"} <= tokens()
    migration = importlib.import_module(
        "dictionary.migrations.0004_reanalyse_consonant_alternation"
    )
    migration.reanalyse(apps, None)
    assert Term.objects.get(pk=term.pk).headword_analysed == " iestad "
    assert {"iestad", "social iestad"} <= tokens()
    assert not {"iestaz", "social iestaz"} & tokens()
    assert found("iestāde") == ["iestāde"] and found("iestāžu") == ["iestāde"]
