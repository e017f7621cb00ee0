"""The terminology dictionary: entries (Term) and the page that serves them (DictionaryPage).

An entry is a concept with its Latvian term, its English equivalents and a definition in each
language, as in TBX (ISO 30042), where one concept entry holds a section per language. It is a
snippet rather than a page: entries have no place in the page tree, there may be thousands of
them, and the dictionary page serves them at permanent addresses through its routes.
"""

from dictionary.models.entries import (
    RESERVED_SLUGS,
    Equivalent,
    FormerSlug,
    SearchToken,
    SubjectField,
    Synonym,
    Term,
    TermQuerySet,
    TermRelation,
)
from dictionary.models.page import DictionaryPage, localised_route

__all__ = [
    "RESERVED_SLUGS",
    "DictionaryPage",
    "Equivalent",
    "FormerSlug",
    "SearchToken",
    "SubjectField",
    "Synonym",
    "Term",
    "TermQuerySet",
    "TermRelation",
    "localised_route",
]
