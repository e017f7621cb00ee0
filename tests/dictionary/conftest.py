"""The dictionary pages (lv + en), the demo glossary, and helpers that make entries."""

import json
from pathlib import Path

import dictionary.demo
from dictionary.models import DictionaryPage, Equivalent, Synonym, Term, TermRelation
from tests.shared import shared_fixture
from tests.utils import add_bilingual_page

DEMO_TERMS = Path(dictionary.demo.__file__).with_name("terms.json")


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
