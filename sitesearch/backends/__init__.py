"""Search backends of the site: Wagtail's, with what the site-wide search page needs.

Each offers ``site_matches(query, operator, ranked_limit, lookups=None)`` for an analysed query
over the models taking part in site search (sitesearch.participants). It returns:

- ``ranked``: the best ``ranked_limit`` matches as ``((root content type id, object id),
  score)``, best first;
- ``everything``: the keys of all matches, unscored, for counts and facets.

Scoring every match is what costs on a large site; the page shows ten. The search page filters
and counts the keys itself (sitesearch.engine), whichever backend found them.

Every backend matches alike: with ``operator="and"`` a match needs ``words_needed(n)`` of the
query's n distinct words (one word alone, all but one of two to four, three quarters of more),
with ``"or"`` any one; matches with more of the words come first, relevance orders those with as
many. So one word the page lacks ("sociālo darbinieku darba slodze un izdegšana") or a misspelt
one does not lose it.
"""

import heapq
from collections import Counter

from django.contrib.contenttypes.models import ContentType
from modelsearch.query import PlainText

# Each matched word is worth more than any relevance score of one word can be (database scores
# are under 1, BM25 stays under 100): pages with more of the words come first.
WORD_WEIGHT = 1000.0


def words_needed(count):
    """How many of a query's `count` distinct words a match needs ("and"). The search
    clusters say the same to the engine as ``minimum_should_match: "1<-1 4<75%"``."""
    if count <= 1:
        return count
    if count <= 4:
        return count - 1
    return count * 3 // 4


class TermLookups:
    """One search's reads of a coordinated index: each term's entries and each entry's key are
    read once, however often the spelling check and the "and", then "or", matching ask."""

    def __init__(self, backend):
        self.backend = backend
        self._entries = {}
        self._keys = {}

    def entries_with(self, term):
        if term not in self._entries:
            self._entries[term] = frozenset(self.backend.entries_with(term))
        return self._entries[term]

    def keys_of(self, entries):
        """{entry: key} of those of the entries that have one (see keys_of below)."""
        missing = [entry for entry in entries if entry not in self._keys]
        if missing:
            found = self.backend.keys_of(missing)
            self._keys.update((entry, found.get(entry)) for entry in missing)
        return {entry: self._keys[entry] for entry in entries if self._keys[entry] is not None}


class CoordinatedMatchesMixin:
    """``site_matches`` for an index that can list the entries with one term
    (``entries_with(term)``), score given entries for terms (``entry_scores(terms, ids)``,
    higher is better) and key them (``keys_of(ids)``: {entry id: key}).

    A search passes the same ``TermLookups`` to every call, so that nothing is read twice.
    """

    # Entries scored at most, among those with the most words (each costs a score).
    SCORED = 5000

    def site_matches(self, query, operator, ranked_limit, lookups=None):
        from sitesearch import participants

        terms = list(dict.fromkeys(query.split()))
        if not terms or not participants.models():
            return [], []
        lookups = lookups or TermLookups(self)
        words = Counter()
        for term in terms:
            words.update(lookups.entries_with(term))
        needed = words_needed(len(terms)) if operator == "and" else 1
        matched = {entry: count for entry, count in words.items() if count >= needed}
        keys = lookups.keys_of(matched)
        # Objects that are not part of site search (images, documents) are indexed too.
        matched = {entry: count for entry, count in matched.items() if entry in keys}
        # The entries with the most words, group by group, until enough are scored.
        candidates = []
        for count in sorted(set(matched.values()), reverse=True):
            candidates.extend(entry for entry, has in matched.items() if has == count)
            if len(candidates) >= ranked_limit:
                break
        candidates = candidates[: max(self.SCORED, ranked_limit)]
        scores = self.entry_scores(terms, candidates)
        best = heapq.nsmallest(
            ranked_limit,
            (
                (-(matched[entry] * WORD_WEIGHT + scores.get(entry, 0.0)), entry)
                for entry in candidates
            ),
        )
        ranked = [(keys[entry], -score) for score, entry in best]
        return ranked, [keys[entry] for entry in matched]


class GenericMatchesMixin:
    """Matches through Wagtail's public search API, for backends without a faster way."""

    def site_matches(self, query, operator, ranked_limit, lookups=None):
        from sitesearch import participants

        ranked, everything = [], []
        for root in participants.root_models():
            root_id = ContentType.objects.get_for_model(root).pk
            search_query = PlainText(query, operator=operator)
            queryset = root._default_manager.only("pk")
            scored = self.search(search_query, queryset).annotate_score("_site_score")
            ranked.extend(
                ((root_id, obj.pk), obj._site_score or 0.0) for obj in scored[:ranked_limit]
            )
            unscored = self.search(search_query, queryset, order_by_relevance=False)
            everything.extend((root_id, obj.pk) for obj in unscored)
        ranked.sort(key=lambda match: -match[1])
        return ranked[:ranked_limit], everything
