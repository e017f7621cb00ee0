"""Search and autocomplete within the dictionary.

A query is analysed the way the entries were (sitesearch.analysis: fold, then stem), so
"gimenes asistentam" meets "ģimenes asistents" and "supervizijai" meets "supervīzija". The
query is analysed twice, as Latvian (stems) for the Latvian text and as English for the
English text, because a reader may type either language on either site.

Matching is a few indexed lookups in the entries' search tokens (SearchToken: whole stems,
whole names, stem prefixes; definitions holding every word are counted by the database); the
rows that match are ranked here, in tiers, best first:

    0  exact: the query is the term, a synonym or an equivalent (folded)
    1  the query is the term or a synonym, inflected ("sociālajiem darbiniekiem")
    2  the query contains the term as a phrase
       ("sociālās palīdzības organizatoram" → "sociālā palīdzība" too)
    3  the term contains every word of the query
    4  a synonym or an English equivalent contains every word
    5  the definition or notes contain every word
       (looked up only when tiers 0–4 find fewer than 200 entries)
    6  some word of the query begins a word of the term, a synonym or an equivalent
       (looked up only when tiers 0–5 find fewer than 200 entries)

On the English site the order is: exact; the English equivalents contain every word; the
Latvian term or a synonym matches (tiers 1–4 above); definitions; partial matches.

Within a tier, entries matching more words come first, then alphabetical order. Every value
reaches the database as a bound parameter, and Django escapes LIKE wildcards (%, _ and \\)
in `startswith`: odd queries are just text.

Typos (sitesearch.spelling, the site search's distance and candidates): a word of the
query that no approved entry has, whole or as the beginning of a name's word, nor any
approved entry's definition, is corrected to the nearest word of the approved entries' names
(terms, synonyms, English equivalents), and the reader is told (see corrected). Names only:
a reader looks a term up, and a definition's many everyday words ("persona", "kas", "var")
would turn a typo of a term, or nonsense, into a word of some definition. Autocomplete
suggests, after the entries that begin with what was typed, those with a word that may begin
so with a typo ("bārņ" → "bāriņtiesa"). Both read the names' words from a vocabulary kept
per process until the content changes (website.cache), built only from approved entries: a
draft's words are never suggested nor used as a correction.
"""

from bisect import bisect_left
from collections import Counter, defaultdict
from dataclasses import dataclass
from functools import partial, reduce
from operator import or_

from django.db.models import Case, Count, Q, Value, When

from dictionary.analysis import folded_name
from dictionary.models import Equivalent, SearchToken, Synonym, Term
from sitesearch import spelling
from sitesearch.analysis import analyse, spelt_endings, stem, stop_words, tokens
from sitesearch.engine import clean_query
from website.cache import content_version

MAX_QUERY_LENGTH = 200
# Longer queries are cut: the words after the eighth add little and each adds SQL.
MAX_WORDS = 8
# Words shorter than this do not match by prefix: "a", "e" would match anything.
MIN_PREFIX = 3
SUGGESTIONS = 8
# The admin list ranks at most this many entries (its filters narrow further).
ADMIN_RESULTS = 1000
# Definitions and partial matches are looked up only when better matches are fewer than
# this many (ten pages of results).
FALLBACK_BELOW = 200

F = SearchToken.Field


@dataclass(frozen=True)
class Query:
    text: str
    folded: str
    latvian: tuple
    english: tuple

    @classmethod
    def parse(cls, raw):
        text = clean_query(raw, MAX_QUERY_LENGTH)
        words = tokens(text)[: MAX_WORDS * 2]
        latvian = _unique(analyse(" ".join(words), "lv").split())[:MAX_WORDS]
        english = _unique(analyse(" ".join(words), "en").split())[:MAX_WORDS]
        return cls(text, " ".join(words), tuple(latvian), tuple(english))

    def __bool__(self):
        return bool(self.folded)

    @property
    def analysed(self):
        return " ".join(self.latvian)

    def phrases(self, longest=4):
        """Shorter runs of consecutive Latvian stems: terms the query may contain."""
        stems = self.latvian
        return [
            " ".join(stems[start : start + size])
            for size in range(1, min(longest, len(stems) - 1) + 1)
            for start in range(len(stems) - size + 1)
        ]


def _unique(items):
    return list(dict.fromkeys(items))


def starts_with(field, prefix):
    """`field` begins with `prefix`, in a form both databases answer from the column's index.

    LIKE 'supe%' alone is not served by SQLite's index (its LIKE is case-insensitive and the
    column's collation is BINARY); the equivalent range supe <= field < supf is, on both
    databases. PostgreSQL also has the `_like` pattern index Django adds for the LIKE.
    """
    upper = prefix[:-1] + chr(ord(prefix[-1]) + 1)
    return Q(**{f"{field}__gte": prefix, f"{field}__lt": upper, f"{field}__startswith": prefix})


def _name_conditions(query):
    """Rows of whole words and names: every tier but the definitions' and the partial one."""
    conditions = [Q(field=F.NAME, token=query.folded)]
    if query.latvian:
        conditions += [
            Q(field=F.TERM_PHRASE, token__in=[query.analysed, *query.phrases()]),
            Q(field=F.SYNONYM_PHRASE, token=query.analysed),
            Q(field__in=[F.TERM, F.SYNONYM], token__in=query.latvian),
        ]
    if query.english:
        conditions.append(Q(field=F.EQUIVALENT, token__in=query.english))
    return reduce(or_, conditions)


def _prefix_conditions(query):
    """Rows of the names' words that begin with a word of the query (the partial tier)."""
    conditions = [
        Q(field__in=[F.TERM, F.SYNONYM]) & starts_with("token", form)
        for word in query.latvian
        if len(word) >= MIN_PREFIX
        # A partly typed word's stem may end in a normalised consonant ("superviz" → "supervid").
        for form in spelt_endings(word)
    ] + [
        Q(field=F.EQUIVALENT) & starts_with("token", word)
        for word in query.english
        if len(word) >= MIN_PREFIX
    ]
    return reduce(or_, conditions) if conditions else None


class _Meaning:
    """What each (field, token) row says about the query, as bits, and an entry's rank.

    Bits 0–7: the Latvian words the term contains; 8–15: the synonyms; 16–23: the definition;
    24–31: the Latvian words beginning a word of the term or a synonym; then the same for the
    English words (equivalents, English definition, prefixes), then flags. An entry's rows are
    OR-ed into one integer, which `rank` reads: ranking thousands of matches stays cheap.
    """

    TERM, SYNONYM, DEFINITION, LV_PREFIX = 0, 8, 16, 24
    EQUIVALENT, DEFINITION_EN, EN_PREFIX = 32, 40, 48
    EXACT, INFLECTED, PHRASE, NAMED = (1 << 56, 1 << 57, 1 << 58, 1 << 59)

    def __init__(self, query, language):
        self.query = query
        self.language = language
        self.latvian = {word: 1 << i for i, word in enumerate(query.latvian)}
        self.english = {word: 1 << i for i, word in enumerate(query.english)}
        every_latvian = (1 << len(self.latvian)) - 1
        every_english = (1 << len(self.english)) - 1
        # Masks of "every word of the query" in each field (0 when there are no such words).
        self.in_term = every_latvian << self.TERM
        self.in_synonyms = every_latvian << self.SYNONYM
        self.in_definition = every_latvian << self.DEFINITION
        self.in_equivalents = every_english << self.EQUIVALENT
        self.in_definition_en = every_english << self.DEFINITION_EN
        self.cache = {}

    def every_word(self, field):
        return self.in_definition if field == F.DEFINITION else self.in_definition_en

    def __call__(self, field, token):
        key = (field, token)
        if key not in self.cache:
            self.cache[key] = self._bits(field, token)
        return self.cache[key]

    @staticmethod
    def _prefixed(words, token, spellings=lambda word: (word,)):
        bits = 0
        for word, bit in words.items():
            if token == word or (
                len(word) >= MIN_PREFIX and any(token.startswith(form) for form in spellings(word))
            ):
                bits |= bit
        return bits

    def _bits(self, field, token):
        latvian, english = self.latvian, self.english
        if field == F.NAME:
            return self.EXACT
        if field == F.TERM_PHRASE:
            return self.INFLECTED if token == self.query.analysed else self.PHRASE
        if field == F.SYNONYM_PHRASE:
            return self.INFLECTED
        if field == F.DEFINITION:
            return latvian.get(token, 0) << self.DEFINITION
        if field == F.DEFINITION_EN:
            return english.get(token, 0) << self.DEFINITION_EN
        if field == F.EQUIVALENT:
            return (
                self.NAMED
                | english.get(token, 0) << self.EQUIVALENT
                | self._prefixed(english, token) << self.EN_PREFIX
            )
        shift = self.TERM if field == F.TERM else self.SYNONYM
        return (
            self.NAMED
            | latvian.get(token, 0) << shift
            | self._prefixed(latvian, token, spelt_endings) << self.LV_PREFIX
        )

    @staticmethod
    def _has(bits, mask):
        return mask and bits & mask == mask

    def rank(self, bits):
        """The entry's tier (see the module's docstring), or None when it does not match."""
        has = self._has
        if bits & self.EXACT:
            return 0
        names = bits & self.NAMED
        definitions = has(bits, self.in_definition) or has(bits, self.in_definition_en)
        if self.language == "en":
            if has(bits, self.in_equivalents):
                return 1
            if bits & (self.INFLECTED | self.PHRASE) or has(bits, self.in_term):
                return 2
            if has(bits, self.in_synonyms):
                return 2
            if definitions:
                return 3
            return 4 if names else None
        if bits & self.INFLECTED:
            return 1
        if bits & self.PHRASE:
            return 2
        if has(bits, self.in_term):
            return 3
        if has(bits, self.in_synonyms) or has(bits, self.in_equivalents):
            return 4
        if definitions:
            return 5
        # A word of the definition alone is not enough: the names must share a word too.
        return 6 if names else None

    def matched_words(self, bits):
        """How many words of the query begin a word of the entry's names (a tie-breaker)."""
        return ((bits >> self.LV_PREFIX) & 0xFF).bit_count() + (
            (bits >> self.EN_PREFIX) & 0xFF
        ).bit_count()


def rank_terms(raw_query, language, approved=True):
    """Ids of the entries matching the query, best first; [] for an empty query.

    Definitions are looked up only when the names find fewer than FALLBACK_BELOW entries, and
    partial matches only when names and definitions do: for a word in every other entry they
    would add thousands of results nobody pages to, and most of the time of the search.
    """
    query = raw_query if isinstance(raw_query, Query) else Query.parse(raw_query)
    if not query:
        return []
    tokens = SearchToken.objects.filter(term__live=True) if approved else SearchToken.objects
    order_field = "term__en_sort_key" if language == "en" else "term__sort_key"
    meaning = _Meaning(query, language)
    bits, orders = defaultdict(int), {}

    def collect(rows):
        for term_id, field, token, order in rows.values_list(
            "term_id", "field", "token", order_field
        ).iterator(chunk_size=5000):
            bits[term_id] |= meaning(field, token)
            orders[term_id] = order

    collect(tokens.filter(_name_conditions(query)))
    ranked = _ranked(bits, orders, meaning)
    if len(ranked) < FALLBACK_BELOW:
        # Definitions count only when they hold every word: the database says which do.
        for field, words in ((F.DEFINITION, query.latvian), (F.DEFINITION_EN, query.english)):
            if words:
                holding = (
                    tokens.filter(field=field, token__in=words)
                    .values("term_id", order_field)
                    .annotate(words=Count("token", distinct=True))
                    .filter(words=len(words))
                    .values_list("term_id", order_field)
                )
                for term_id, order in holding:
                    bits[term_id] |= meaning.every_word(field)
                    orders[term_id] = order
        ranked = _ranked(bits, orders, meaning)
    prefixes = _prefix_conditions(query)
    if len(ranked) < FALLBACK_BELOW and prefixes is not None:
        collect(tokens.filter(prefixes))
        ranked = _ranked(bits, orders, meaning)
    return ranked


def _ranked(bits, orders, meaning):
    ranked = []
    for term_id, term_bits in bits.items():
        rank = meaning.rank(term_bits)
        if rank is not None:
            ranked.append((rank, -meaning.matched_words(term_bits), orders[term_id], term_id))
    ranked.sort()
    return [term_id for *_key, term_id in ranked]


def terms_in_order(ids, queryset=None):
    """The entries of `ids` (a page of results), in that order."""
    queryset = Term.objects.all() if queryset is None else queryset
    by_id = queryset.in_bulk(ids)
    return [by_id[pk] for pk in ids if pk in by_id]


def search_queryset(queryset, raw_query, language="lv", limit=ADMIN_RESULTS):
    """`queryset` narrowed to the best `limit` matches, best first (for the admin list)."""
    ids = rank_terms(raw_query, language, approved=False)[:limit]
    order = Case(*(When(pk=pk, then=Value(position)) for position, pk in enumerate(ids)))
    return queryset.filter(pk__in=ids).order_by(order) if ids else queryset.none()


# Autocomplete ------------------------------------------------------------------------------


def suggest_terms(raw_query, limit=SUGGESTIONS):
    """Approved entries whose Latvian term (or a synonym) begins with what was typed.

    First the terms that begin with the query, folded ("supe" → "supervīzija") or analysed
    ("supervīzijai" → "supervīzija"), from the column indexes; then, if there is room, entries
    with a later word or a synonym that begins so ("asist" → "ģimenes asistents"), from the
    search tokens; then entries with a word that may begin so with a typo ("suprv" →
    "supervīzija", see _fuzzy_beginnings), from the vocabulary.
    """
    query = Query.parse(raw_query)
    if not query:
        return []
    beginning = starts_with("headword_folded", query.folded)
    if query.latvian:
        beginning |= starts_with("headword_analysed", f" {query.analysed}")
    approved = Term.objects.approved()
    found = list(approved.filter(beginning).order_by("sort_key", "pk")[:limit])
    if len(found) < limit and query.latvian:
        ids = _word_beginnings(query, exclude={term.pk for term in found})
        found += terms_in_order(ids[: limit - len(found)], approved)
    if len(found) < limit:
        ids = _fuzzy_beginnings(query, "lv", {term.pk for term in found}, limit - len(found))
        found += terms_in_order(ids, approved)
    return found


def _word_beginnings(query, exclude):
    *whole, last = query.latvian
    rows = SearchToken.objects.filter(
        Q(field__in=[F.TERM, F.SYNONYM], term__live=True)
        & (starts_with("token", last) | Q(token__in=whole))
    ).values_list("term_id", "token", "term__sort_key")
    words = defaultdict(set)
    orders = {}
    for term_id, token, order in rows:
        words[term_id].add(token)
        orders[term_id] = order
    matching = [
        term_id
        for term_id, found in words.items()
        if term_id not in exclude
        and set(whole) <= found
        and any(token.startswith(last) for token in found)
    ]
    return sorted(matching, key=lambda term_id: (orders[term_id], term_id))


def suggest_equivalents(raw_query, limit=SUGGESTIONS):
    """Approved entries' English equivalents that begin with what was typed (English site);
    then those with a word that may begin so with a typo ("supervsi" → "supervision")."""
    query = Query.parse(raw_query)
    if not query:
        return []
    equivalents = Equivalent.objects.filter(term__live=True).select_related("term")
    found = list(
        equivalents.filter(starts_with("folded", query.folded)).order_by("sort_key", "pk")[:limit]
    )
    if len(found) < limit:
        found += (
            equivalents.filter(folded__contains=f" {query.folded}")
            .exclude(pk__in=[e.pk for e in found])
            .order_by("sort_key", "pk")[: limit - len(found)]
        )
    if len(found) < limit:
        ids = _fuzzy_beginnings(query, "en", {e.pk for e in found}, limit - len(found))
        by_id = equivalents.in_bulk(ids)
        found += [by_id[pk] for pk in ids if pk in by_id]
    return found


# Typos -------------------------------------------------------------------------------------

NAME_FIELDS = {"lv": (F.TERM, F.SYNONYM), "en": (F.EQUIVALENT,)}
DEFINITION_FIELDS = {"lv": F.DEFINITION, "en": F.DEFINITION_EN}
# Autocomplete looks at the entries of this many of the words nearest to what was typed.
FUZZY_WORDS = 40


@dataclass
class Vocabulary:
    """The approved entries' names, per language ("lv": terms and synonyms, "en": equivalents).

    stems: the names' analysed words, grouped by first letter (sitesearch.spelling), with
    how many entries have each; sorted_stems: the same, sorted, for whole-word and beginning
    lookups; words: the names' folded words as written, grouped (autocomplete); entries:
    {folded word: ids} (entries in Latvian, equivalents in English); names: {id: (sort key,
    the folded words of its names, the term's or equivalent's own first)}.
    """

    stems: dict
    sorted_stems: dict
    words: dict
    entries: dict
    names: dict


def vocabulary():
    """The Vocabulary of the current content version (four queries when content changed)."""
    return spelling.kept("dictionary", content_version()[0], _build_vocabulary)


def _build_vocabulary():
    stems = {"lv": Counter(), "en": Counter()}
    language_of = {field: language for language, fields in NAME_FIELDS.items() for field in fields}
    rows = (
        SearchToken.objects.filter(term__live=True, field__in=list(language_of))
        .values_list("field", "token")
        .annotate(entries=Count("term_id", distinct=True))
        .order_by()
    )
    for field, token, entries in rows:
        stems[language_of[field]][token] += entries
    names = {"lv": {}, "en": {}}
    for pk, order, folded in Term.objects.approved().values_list(
        "pk", "sort_key", "headword_folded"
    ):
        names["lv"][pk] = (order, folded.split())
    for term_id, text in Synonym.objects.filter(term__live=True).values_list("term_id", "text"):
        if term_id in names["lv"]:
            names["lv"][term_id][1].extend(folded_name(text).split())
    for pk, order, folded in Equivalent.objects.filter(term__live=True).values_list(
        "pk", "sort_key", "folded"
    ):
        names["en"][pk] = (order, folded.split())
    words, entries = {}, {}
    for language, named in names.items():
        entries[language] = defaultdict(list)
        for pk, (_order, name_words) in named.items():
            for word in dict.fromkeys(name_words):
                entries[language][word].append(pk)
        words[language] = spelling.grouped(
            {word: len(ids) for word, ids in entries[language].items()}
        )
        named.update({pk: (order, tuple(name_words)) for pk, (order, name_words) in named.items()})
    return Vocabulary(
        stems={language: spelling.grouped(counts) for language, counts in stems.items()},
        sorted_stems={language: sorted(counts) for language, counts in stems.items()},
        words=words,
        entries={language: dict(ids) for language, ids in entries.items()},
        names=names,
    )


def _begins_a_name(stem_, sorted_stems):
    """Whether a name's stem is `stem_` or begins with it (as the partial tier matches)."""
    position = bisect_left(sorted_stems, stem_)
    if position == len(sorted_stems):
        return False
    known = sorted_stems[position]
    return known == stem_ or (len(stem_) >= MIN_PREFIX and known.startswith(stem_))


def _unknown_words(query):
    """{folded word: {language: stem}} of the query's words that no approved entry has.

    A word is known when an entry's name has it whole or beginning one of its words, or a
    definition has it, in either language. One query; the vocabulary is not needed.
    """
    words = {}
    for word in dict.fromkeys(query.folded.split()):
        if word.isdigit() or word in stop_words("lv") or word in stop_words("en"):
            continue
        stems = {language: stem(word, language) for language in ("lv", "en")}
        if any(spelling.max_edits(value) for value in stems.values()):
            words[word] = stems
    if not words:
        return {}
    conditions = []
    for language, fields in NAME_FIELDS.items():
        values = {stems[language] for stems in words.values()}
        conditions.append(Q(field=DEFINITION_FIELDS[language], token__in=values))
        conditions += [
            Q(field__in=fields)
            & (starts_with("token", value) if len(value) >= MIN_PREFIX else Q(token=value))
            for value in values
        ]
    found = set(
        SearchToken.objects.filter(term__live=True)
        .filter(reduce(or_, conditions))
        .values_list("field", "token")
        .distinct()
    )
    language_of = {field: language for language, fields in NAME_FIELDS.items() for field in fields}
    language_of.update({field: language for language, field in DEFINITION_FIELDS.items()})
    known = defaultdict(list)
    for field, token in found:
        known[language_of[field]].append(token)
    for language in known:
        known[language].sort()
    return {
        word: stems
        for word, stems in words.items()
        if not any(_begins_a_name(stems[language], known[language]) for language in stems)
    }


def corrected(query, language):
    """The query with its unknown words corrected (a Query), or None when none needs it.

    Each unknown word becomes the nearest of the approved entries' names' words, in the site's
    language or the other, whichever is nearer (the site's on a tie): as written ("violance"
    → "violence"), or as analysed, keeping the ending the reader typed ("suprvizijai" →
    "supervizijai"; an ending typed wrong is not an edit of the word), the written word on a
    tie.
    """
    if not query:
        return None
    unknown = _unknown_words(query)
    if not unknown:
        return None
    known = vocabulary()
    languages = (language, "en" if language == "lv" else "lv")
    # {how the word is compared: {word or stem: correction}}; None: the word as written.
    corrections = {None: {}, "lv": {}, "en": {}}
    for word, stems in unknown.items():
        best = None
        for option in languages:
            for analysis, typed, vocabulary_ in (
                (None, word, known.words[option]),
                (option, stems[option], known.stems[option]),
            ):
                near = spelling.nearest(typed, vocabulary_)
                if near and (best is None or near[0][0] < best[0]):
                    best = (near[0][0], analysis, typed, near[0][1])
        if best is not None:
            _edits, analysis, typed, correction = best
            corrections[analysis][typed] = correction
    if not any(corrections.values()):
        return None
    text = query.text
    for analysis, found in corrections.items():
        if found:
            analyse_word = (
                (lambda word: word) if analysis is None else partial(stem, language=analysis)
            )
            text = spelling.corrected_text(text, found, analyse_word)
    return Query.parse(text)


def _has_word(name_words, word):
    limit = spelling.max_edits(word)
    return word in name_words or any(
        known[0] == word[0] and spelling.distance(word, known, limit) <= limit
        for known in name_words
    )


def _fuzzy_beginnings(query, language, exclude, limit):
    """Ids of entries (equivalents in English) with a word that may begin as the query's last
    word with a typo, and the query's other words (or near spellings of them): those of the
    fewest edits first, then those whose name begins so, then alphabetically."""
    *whole, last = query.folded.split()
    words = vocabulary()
    near = spelling.nearest(last, words.words[language], prefix=True)[:FUZZY_WORDS]
    names, entries = words.names[language], words.entries[language]
    best = {}
    for edits, word in near:
        for pk in entries[word]:
            if pk in exclude:
                continue
            order, name_words = names[pk]
            if not all(_has_word(name_words, other) for other in whole):
                continue
            key = (edits, name_words[0] != word, order, pk)
            best[pk] = min(best.get(pk, key), key)
    return [key[-1] for key in sorted(best.values())[:limit]]
