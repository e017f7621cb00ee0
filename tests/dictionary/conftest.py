"""The dictionary pages (lv + en), the demo glossary, helpers that make entries and that read
what a search finds."""

import json
from pathlib import Path

from bs4 import BeautifulSoup

import dictionary.demo
from dictionary.models import DictionaryPage, Equivalent, Synonym, Term, TermRelation
from dictionary.search import rank_terms, terms_in_order
from tests.shared import shared_fixture
from tests.utils import add_bilingual_page

DEMO_TERMS = Path(dictionary.demo.__file__).with_name("terms.json")
SEARCH = {"lv": "/lv/vardnica/meklet/", "en": "/en/dictionary/search/"}
SUGGEST = {"lv": "/lv/vardnica/ieteikumi/", "en": "/en/dictionary/suggest/"}


@shared_fixture
def dictionary(site_tree):
    return add_bilingual_page(
        site_tree["lv"],
        DictionaryPage,
        lv={
            "title": "Vārdnīca",
            "slug": "vardnica",
            "introduction": "Sociālā darba terminoloģijas vārdnīca.",
        },
        en={
            "slug": "dictionary",
            "title": "Dictionary",
            "introduction": "The dictionary of social work terminology.",
        },
    )


def build_term(headword, definition="", equivalents=(), synonyms=(), **fields):
    """An entry saved directly (no revision), live unless told otherwise."""
    term = Term(headword=headword, definition=definition or f"Definīcija: {headword}.", **fields)
    term.equivalents = [Equivalent(text=t, sort_order=i) for i, t in enumerate(equivalents)]
    term.synonyms = [Synonym(text=t, sort_order=i) for i, t in enumerate(synonyms)]
    term.save()
    return term


def make_term(headword, definition="", equivalents=(), synonyms=(), approved=True, **fields):
    """An entry as an editor makes it: saved with a revision, published if approved."""
    term = build_term(headword, definition, equivalents, synonyms, live=False, **fields)
    revision = term.save_revision()
    if approved:
        revision.publish()
    return Term.objects.get(pk=term.pk)


def relate(term, *others):
    for position, other in enumerate(others):
        TermRelation.objects.create(term=term, related=other, sort_order=position)


@shared_fixture
def glossary(dictionary):
    """The 40 entries of the demo content, saved directly (faster than the demo import)."""
    data = json.loads(DEMO_TERMS.read_text(encoding="utf-8"))
    terms = {}
    for spec in data["terms"]:
        terms[spec["lv"]] = build_term(
            spec["lv"],
            spec["definition_lv"],
            equivalents=spec["en"],
            synonyms=spec.get("synonyms", ()),
            definition_en=spec["definition_en"],
            notes=spec.get("notes_lv", ""),
            notes_en=spec.get("notes_en", ""),
        )
    TermRelation.objects.bulk_create(
        TermRelation(term=terms[spec["lv"]], related=terms[other], sort_order=position)
        for spec in data["terms"]
        for position, other in enumerate(spec.get("related", ()))
    )
    return terms


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


def found(query, language="lv"):
    return [term.headword for term in terms_in_order(rank_terms(query, language))]
