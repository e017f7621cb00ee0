"""What the Elasticsearch and OpenSearch backends share: everything but the client.

Wagtail applies one analyzer per index and has no notion of a page's language, so each
language gets its own backend (``LANGUAGE`` in its WAGTAILSEARCH_BACKENDS entry, see
sitesearch.configuration) whose indexes hold only that language's objects (and those shown
in every language), analysed as that language.

The analysis is the site's own (sitesearch.analysis), written as the cluster's tokenizer
and filters and generated from the same tables, so that the cluster and the database index
the same terms: words are runs of letters and digits (digits kept: years are searched),
lower-cased and folded (ā→a, č→c …), the language's stop words removed, then stemmed:

- Latvian: the Latvian light stemmer (Lucene's, as ported by LatvianStemmer) over its suffix
  table folded, as one regular expression (``pattern_replace``). Lucene's own ``latvian``
  stemmer knows only the suffixes with diacritics, so a word typed without them ("gimenem")
  and the written one ("ģimenēm") got different stems; folding first and stemming with folded
  suffixes gives them the same, here as on the database.
  Then the alternating consonant at the stem's end is brought to one form (``iestaz`` →
  ``iestad``, ``darbiniec`` → ``darbiniek``): sitesearch.analysis.ENDING_RULES, one
  ``pattern_replace`` filter per rule, in the same order.
- English: the Snowball English (Porter 2) stemmer, the database's too (Lucene's is an older
  revision of it: a few words stem otherwise, "added" to "ad" and not "add"; the analysed
  text indexed beside the written one still meets the query).

The query sent is the analysed query of sitesearch.analysis, as on the database;
analysing it again on the cluster gives the same terms for the text fields written as they
are (titles, summaries) and for the analysed fields.

Typo tolerance (the cluster only): each query word may match with ``fuzziness`` (an edit or
two, never in its first letter) and a page needs all its words but one (``minimum_should_match``),
ranked first by how many words it matches, then by relevance; so a misspelt or an extra word
does not lose the page.
"""

import re

from django.contrib.contenttypes.models import ContentType
from modelsearch.query import PlainText
from wagtail.models import Locale

from sitesearch import participants
from sitesearch.analysis import ENDING_RULES, FOLDED_AFFIXES, stop_words

# How a word may differ from an indexed term: none below 4 letters, one edit up to 6, two from
# 7 (terms are stems, shorter than words: "darb", "senior"); the first letter is never wrong.
FUZZINESS = "AUTO:4,7"
PREFIX_LENGTH = 1
# Words of the query a match needs: one word alone; all but one of 2–4 words; 75% of more.
MINIMUM_SHOULD_MATCH = {"and": "1<-1 4<75%", "or": "1"}
# Each matched word adds this to the score, more than the relevance of one word in any field
# can (BM25 of a word stays under 100 even with the title boost): a page that matches more of
# the words comes first, and relevance orders those that match as many.
WORD_WEIGHT = 1000.0
# A search waits this long for the cluster before the database answers instead (seconds).
SEARCH_TIMEOUT = 2.0
# A bulk of documents (update_index writes 1,000 at a time) may take longer than one page's
# document (the backend's TIMEOUT).
BULK_TIMEOUT = 120.0

_LETTER_OR_DIGIT_RUNS = r"[^\p{L}\p{N}\p{M}]+"  # the separators: sitesearch.analysis._WORD


_VOWELS = "aeiou"


def _stem_vowels_needed(affix):
    """Vowels the stem must have for the stemmer to strip `affix` (it counts the whole word's)."""
    return affix.vc + 1 - sum(letter in _VOWELS for letter in affix.affix)


def _check(condition, message):
    if not condition:
        raise RuntimeError(f"The Latvian suffix table changed: {message}")


def latvian_stemmer_pattern():
    """The folded Latvian stemmer of sitesearch.analysis as one Java regular expression.

    The stemmer strips the first suffix of its table that the word ends with, when three
    letters are left and the word has more vowels than the suffix asks. Written for a regular
    expression, from the table itself:

    - a longer suffix always comes before the shorter ones it ends with, so the first suffix
      that applies is the longest: a lazy stem followed by the suffixes finds it;
    - "more vowels in the word than asked" is, for every suffix but "ie", "a vowel in the stem";
    - of the un-palatalisation rules only the labials (pj, bj, mj, vj → p, b, m, v) can apply
      to folded words, after the suffixes that un-palatalise.

    The checks below fail loudly if a new table breaks one of these. Returns (pattern,
    replacement); tests compare it with the stemmer word by word, on a real node too.
    """
    suffixes = [affix.affix for affix in FOLDED_AFFIXES]
    for position, suffix in enumerate(suffixes):
        for earlier in suffixes[:position]:
            _check(not suffix.endswith(earlier), f"{suffix!r} comes after {earlier!r}")
    needs = {affix.affix: _stem_vowels_needed(affix) for affix in FOLDED_AFFIXES}
    _check(set(needs.values()) <= {0, 1}, f"a suffix asks for more vowels: {needs}")
    free = [suffix for suffix in suffixes if needs[suffix] == 0]
    for suffix in free:
        longer = [other for other in suffixes if other != suffix and other.endswith(suffix)]
        _check(not longer, f"{longer} end with {suffix!r}, which asks for no vowel")
    with_vowel = [suffix for suffix in suffixes if needs[suffix] == 1]
    labial = [a.affix for a in FOLDED_AFFIXES if a.palatalizes and needs[a.affix] == 1]

    def alternation(items):
        return "|".join(re.escape(item) for item in items)

    stem_with_vowel = "(?=.{0,2}[aeiou]).{3,}?|[^aeiou]{3,}[aeiou].*?"
    alternatives = [
        f"([^aeiou]*[aeiou].*[pbmv])j(?:{alternation(labial)})",
        *(f"(.{{3,}}){re.escape(suffix)}" for suffix in free),
        f"({stem_with_vowel})(?:{alternation(with_vowel)})",
    ]
    pattern = "^(?:" + "|".join(alternatives) + ")$"
    replacement = "".join(f"${number}" for number in range(1, len(alternatives) + 1))
    return pattern, replacement


def latvian_ending_filters():
    """sitesearch.analysis.normalise_ending as the cluster's filters: {name: filter}, in
    order. Each rule's pattern is written alike in Java and Python (tests compare them)."""
    return {
        f"site_ending_{number}": {
            "type": "pattern_replace",
            "pattern": f"^{pattern}$",
            "replacement": f"$1{end}",
        }
        for number, (pattern, end) in enumerate(ENDING_RULES, 1)
    }


def site_analysis(language):
    """The analysis settings of a language's indexes: its "default" analyzer is the site's."""
    pattern, replacement = latvian_stemmer_pattern()
    if language == "lv":
        stemmers = {
            "site_stemmer": {
                "type": "pattern_replace",
                "pattern": pattern,
                "replacement": replacement,
            },
            **latvian_ending_filters(),
        }
    else:
        stemmers = {"site_stemmer": {"type": "snowball", "language": "English"}}
    return {
        "tokenizer": {"site_words": {"type": "pattern", "pattern": _LETTER_OR_DIGIT_RUNS}},
        "filter": {
            "site_stop": {"type": "stop", "stopwords": sorted(stop_words(language))},
            **stemmers,
        },
        "analyzer": {
            # Every text field without an analyzer of its own uses "default" (Wagtail names
            # none for searchable fields)...
            "default": {
                "type": "custom",
                "tokenizer": "site_words",
                "filter": ["lowercase", "asciifolding", "site_stop", *stemmers],
            },
            # ...and "default_search" for queries. A query arrives analysed by the site, its
            # stop words gone: a stem of it that reads like a stop word ("tik" of "tikai") is a
            # word, not to be dropped.
            "default_search": {
                "type": "custom",
                "tokenizer": "site_words",
                "filter": ["lowercase", "asciifolding", *stemmers],
            },
        },
    }


def index_settings(language):
    """The INDEX_SETTINGS for a language's indexes (merged into Wagtail's by the backend)."""
    return {"settings": {"analysis": site_analysis(language)}}


class AdmittingIndexMixin:
    """An index that holds only what its backend admits: published objects of its language.

    An object saved unpublished (a draft, an unpublished page, an entry awaiting approval) is
    removed, so the cluster never holds what no reader may find. (The database index keeps
    every object, for the admin's search.)
    """

    def add_item(self, item):
        if self.backend.admits([item]):
            super().add_item(item)
        elif self.backend.in_language(item):
            self.remove(item)

    def add_items(self, model, items):
        admitted = self.backend.admits(items)
        super().add_items(model, admitted)
        kept = {id(item) for item in admitted}
        for item in items:
            if id(item) not in kept and self.backend.in_language(item):
                self.remove(item)

    def delete_item(self, item):
        self.remove(item)

    def remove(self, item):
        """Remove the object's document if there is one (most drafts never had one)."""
        self._delete_document(self.mapping_class(type(item)).get_document_id(item))


def word_query(word, fields):
    """One query word: found in any field, typos tolerated, it is worth WORD_WEIGHT; then its
    relevance (BM25, title fields boosted) orders pages that match as many words: as written
    in any field, or misspelt in a title (titles are short: their typos cost little to find).
    """
    fuzzy = {"fuzziness": FUZZINESS, "prefix_length": PREFIX_LENGTH}
    titles = [field.field_name_with_boost for field in fields if field.boost != 1]
    clauses = [
        {
            "constant_score": {
                "filter": {"match": {"_all_text": {"query": word, **fuzzy}}},
                "boost": WORD_WEIGHT,
            }
        },
        {
            "multi_match": {
                "query": word,
                "fields": [field.field_name_with_boost for field in fields],
            }
        },
    ]
    if titles:
        clauses.append({"multi_match": {"query": word, "fields": titles, **fuzzy}})
    return {"bool": {"should": clauses}}


class ClusterBackendMixin:
    """The site's additions to Wagtail's Elasticsearch and OpenSearch backends.

    A subclass gives the client's calls (and its index ``_delete_document(id)``, which takes a
    missing document quietly): ``_msearch(searches)`` (a list of (index, body),
    returning the responses in order) and ``_analyze(index, text)`` (the tokens of the text by
    the index's default analyzer).
    """

    def __init__(self, params):
        params = dict(params)
        self.language = params.pop("LANGUAGE")
        self.search_timeout = params.pop("SEARCH_TIMEOUT", SEARCH_TIMEOUT)
        params["INDEX_SETTINGS"] = {
            **index_settings(self.language),
            **params.get("INDEX_SETTINGS", {}),
        }
        super().__init__(params)

    def in_language(self, obj, codes=None):
        """Whether the object belongs in this language's indexes: its own, or of every locale."""
        locale_id = getattr(obj, "locale_id", None)
        if locale_id is None:
            return True
        if codes is None:
            codes = dict(Locale.objects.values_list("pk", "language_code"))
        return codes.get(locale_id) == self.language

    def admits(self, objects):
        """The objects this language's indexes hold: published, in this language."""
        codes = dict(Locale.objects.values_list("pk", "language_code"))
        return [
            obj for obj in objects if getattr(obj, "live", True) and self.in_language(obj, codes)
        ]

    def site_query(self, root, query, operator):
        """The query for an analysed query over a root model's index (see word_query)."""
        compiler = self.query_compiler_class(
            root._default_manager.all(), PlainText(query, operator=operator)
        )
        words = list(dict.fromkeys(query.split()))
        return {
            "bool": {
                "should": [word_query(word, compiler.remapped_fields) for word in words],
                "minimum_should_match": MINIMUM_SHOULD_MATCH[operator],
                "filter": compiler.get_filters(),
            }
        }

    def site_matches(self, query, operator, ranked_limit, lookups=None):
        """``lookups`` is for the database's coordinated matching; a cluster asks once."""
        from sitesearch.engine import MAX_MATCHES

        if not query.split():
            return [], []
        roots = [
            (ContentType.objects.get_for_model(root).pk, root, self.get_index_for_model(root).name)
            for root in participants.root_models()
        ]
        # One search per root model, all in one request: every match (what the counts and
        # facets need), best first, with the score of each (the best are ranked).
        searches = [
            (index, {"query": self.site_query(root, query, operator), "size": MAX_MATCHES})
            for _root_id, root, index in roots
        ]
        responses = self._msearch(searches)
        ranked, everything = [], []
        for (root_id, _root, _index), response in zip(roots, responses, strict=True):
            hits = response.get("hits", {}).get("hits", [])
            keys = [(root_id, int(hit["fields"]["pk"][0])) for hit in hits]
            everything.extend(keys)
            ranked.extend(
                (key, float(hit["_score"] or 0.0))
                for key, hit in zip(keys[:ranked_limit], hits, strict=False)
            )
        ranked.sort(key=lambda match: -match[1])
        return ranked[:ranked_limit], everything

    def analyze(self, model, text):
        """The terms the model's index makes of `text` (its default analyzer)."""
        return self._analyze(self.get_index_for_model(model).name, text)


# Each search returns keys from the column store: no stored fields or source read, no total
# counted; the response holds nothing else (the clients' `filter_path`).
KEYS_ONLY = {
    "_source": False,
    "stored_fields": "_none_",
    "docvalue_fields": ["pk"],
    "track_total_hits": False,
}
# (Each answer's status keeps its place in the list when it found nothing.)
RESPONSE_FIELDS = (
    "responses.status,responses.error,responses.hits.hits._score,responses.hits.hits.fields.pk"
)


class SearchFailed(Exception):
    """A search of a multi-search answered with an error (a broken index, a bad query)."""


def msearch_lines(searches):
    """The body of a multi-search: a header and a body for each (index, body)."""
    lines = []
    for index, body in searches:
        lines.extend([{"index": index}, {**body, **KEYS_ONLY}])
    return lines


def responses_of(result, searches):
    """The responses of a multi-search, or SearchFailed for the first that failed.

    Filtered by RESPONSE_FIELDS, a search that found nothing answers only its status.
    """
    responses = result.get("responses", [])
    if len(responses) != len(searches):
        raise SearchFailed(f"{len(responses)} answers to {len(searches)} searches")
    for response in responses:
        if "error" in response:
            raise SearchFailed(response["error"])
    return responses
