"""What the Elasticsearch and OpenSearch backends share: everything but the client.

Wagtail applies one analyzer per index and has no notion of a page's language, so each
language gets its own backend (``LANGUAGE`` in its WAGTAILSEARCH_BACKENDS entry, see
website.search.configuration) whose indexes hold only that language's objects (and those shown
in every language), analysed as that language.

The analysis is the site's own (website.search.analysis), written as the cluster's tokenizer
and filters and generated from the same tables, so that the cluster and the database index
the same terms: words are runs of letters and digits (digits kept: years are searched),
lower-cased and folded (ā→a, č→c …), the language's stop words removed, then stemmed:

- Latvian: the Latvian light stemmer (Lucene's, as ported by LatvianStemmer) over its suffix
  table folded, as one regular expression (``pattern_replace``). Lucene's own ``latvian``
  stemmer knows only the suffixes with diacritics, so a word typed without them ("gimenem")
  and the written one ("ģimenēm") got different stems; folding first and stemming with folded
  suffixes gives them the same, here as on the database.
- English: the Snowball English (Porter 2) stemmer, the database's too.

The query sent is the analysed query of website.search.analysis, as on the database;
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

from website.search import participants
from website.search.analysis import FOLDED_AFFIXES, stop_words

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

_LETTER_OR_DIGIT_RUNS = r"[^\p{L}\p{N}\p{M}]+"  # the separators: website.search.analysis._WORD


def latvian_stemmer_pattern():
    """The folded Latvian stemmer of website.search.analysis as one Java regular expression.

    One alternative per suffix, in the table's order, each with the stemmer's conditions: more
    vowels in the word than the suffix asks (a lookahead) and three letters left before it. The
    first alternative that matches the whole word wins, as the first suffix does in the stemmer;
    its stem is the one group that took part. Of the un-palatalisation rules only the labials
    (pj, bj, mj, vj → p, b, m, v) can apply to folded words; they come first for the suffixes
    that un-palatalise. Returns (pattern, replacement).
    """
    alternatives = []
    for affix in FOLDED_AFFIXES:
        vowels = f"(?=(?:[^aeiou]*[aeiou]){{{affix.vc + 1}}})"
        suffix = re.escape(affix.affix)
        if affix.palatalizes:
            alternatives.append(f"{vowels}(.+[pbmv])j{suffix}")
        alternatives.append(f"{vowels}(.{{3,}}){suffix}")
    pattern = "^(?:" + "|".join(alternatives) + ")$"
    replacement = "".join(f"${number}" for number in range(1, len(alternatives) + 1))
    return pattern, replacement


def site_analysis(language):
    """The analysis settings of a language's indexes: its "default" analyzer is the site's."""
    pattern, replacement = latvian_stemmer_pattern()
    stemmer = (
        {"type": "pattern_replace", "pattern": pattern, "replacement": replacement}
        if language == "lv"
        else {"type": "snowball", "language": "English"}
    )
    return {
        "tokenizer": {"site_words": {"type": "pattern", "pattern": _LETTER_OR_DIGIT_RUNS}},
        "filter": {
            "site_stop": {"type": "stop", "stopwords": sorted(stop_words(language))},
            "site_stemmer": stemmer,
        },
        "analyzer": {
            # Every text field without an analyzer of its own uses "default" (Wagtail names
            # none for searchable fields)...
            "default": {
                "type": "custom",
                "tokenizer": "site_words",
                "filter": ["lowercase", "asciifolding", "site_stop", "site_stemmer"],
            },
            # ...and "default_search" for queries. A query arrives analysed by the site, its
            # stop words gone: a stem of it that reads like a stop word ("tik" of "tikai") is a
            # word, not to be dropped.
            "default_search": {
                "type": "custom",
                "tokenizer": "site_words",
                "filter": ["lowercase", "asciifolding", "site_stemmer"],
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

    def remove(self, item):
        """Remove the object's document if there is one (most drafts never had one)."""
        self._delete_document(self.mapping_class(type(item)).get_document_id(item))


def word_query(word, fields):
    """One query word in any searched field, typos tolerated, worth WORD_WEIGHT when found."""
    fuzzy = {"fuzziness": FUZZINESS, "prefix_length": PREFIX_LENGTH}
    return {
        "bool": {
            "should": [
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
                        **fuzzy,
                    }
                },
            ]
        }
    }


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

    def site_matches(self, query, operator, ranked_limit):
        from website.search.engine import MAX_MATCHES

        if not query.split():
            return [], []
        roots = [
            (ContentType.objects.get_for_model(root).pk, root, self.get_index_for_model(root).name)
            for root in participants.root_models()
        ]
        searches = []
        for _root_id, root, index in roots:
            site_query = self.site_query(root, query, operator)
            # The best, scored.
            searches.append((index, {"query": site_query, "size": ranked_limit, **_KEYS_ONLY}))
            # All matches, unscored and in index order: what the counts and facets need.
            searches.append(
                (
                    index,
                    {
                        "query": {"constant_score": {"filter": site_query}},
                        "size": MAX_MATCHES,
                        "sort": ["_doc"],
                        **_KEYS_ONLY,
                    },
                )
            )
        responses = self._msearch(searches)
        ranked, everything = [], []
        for position, (root_id, _root, _index) in enumerate(roots):
            best, every = responses[2 * position], responses[2 * position + 1]
            ranked.extend(
                ((root_id, int(hit["fields"]["pk"][0])), float(hit["_score"] or 0.0))
                for hit in best["hits"]["hits"]
            )
            everything.extend(
                (root_id, int(hit["fields"]["pk"][0])) for hit in every["hits"]["hits"]
            )
        ranked.sort(key=lambda match: -match[1])
        return ranked[:ranked_limit], everything

    def analyze(self, model, text):
        """The terms the model's index makes of `text` (its default analyzer)."""
        return self._analyze(self.get_index_for_model(model).name, text)


# Keys from the column store: no stored fields or source read, no total counted.
_KEYS_ONLY = {
    "_source": False,
    "stored_fields": "_none_",
    "docvalue_fields": ["pk"],
    "track_total_hits": False,
}


class SearchFailed(Exception):
    """A search of a multi-search answered with an error (a broken index, a bad query)."""


def responses_of(result):
    """The responses of a multi-search, or SearchFailed for the first that failed."""
    responses = result["responses"]
    for response in responses:
        if "error" in response:
            raise SearchFailed(response["error"])
    return responses
