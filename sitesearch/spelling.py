"""Misspelt query words corrected against the words the site's own index holds.

A word of the analysed query that no object a reader may see has ("supervizj", typed
"supervizja") is replaced by the indexed term nearest to it: the fewest edits (a letter left
out, added, changed or two swapped), never in the first letter, one edit for terms of four to
six letters and two from seven (as the search clusters' fuzziness,
sitesearch.backends.cluster), and among those the term most objects have. A term is only
offered when a reader may see an object with it, so a correction never tells of a draft or a
restricted page.

The vocabulary comes from the database index (``vocabulary()`` of the site's database
backends) and is kept per process until the content changes. The dictionary corrects its
search and autocomplete against its own entries' words with the same distance and candidates
(dictionary.search): `prefix=True` measures a beginning typed so far ("suprv") against the
nearest beginning of a word ("superv").
"""

from sitesearch.analysis import tokens

MIN_LENGTH = 4
TWO_EDITS_FROM = 7

_kept = {}  # key → (content version, value)


def max_edits(term):
    if len(term) < MIN_LENGTH:
        return 0
    return 1 if len(term) < TWO_EDITS_FROM else 2


def distance(a, b, limit, prefix=False):
    """Edits from a to b (optimal string alignment: a swap of neighbours is one), or limit + 1
    once it is certain to exceed limit.

    With `prefix`, the edits from a to the nearest beginning of b of at least MIN_LENGTH
    letters: what was typed so far against a word it may be the start of ("barn" and
    "barintiesa" are one edit apart, "bari"; "barn" and "bars" too, but not "barn" and "bar…"
    by dropping the "n": every word that begins so would match).
    """
    if prefix:
        b = b[: len(a) + limit]
        if len(b) < max(MIN_LENGTH, len(a) - limit):
            return limit + 1
    elif abs(len(a) - len(b)) > limit:
        return limit + 1
    previous2 = None
    previous = list(range(len(b) + 1))
    for i, char_a in enumerate(a, 1):
        current = [i] + [0] * len(b)
        for j, char_b in enumerate(b, 1):
            cost = char_a != char_b
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if (
                previous2 is not None
                and i > 1
                and j > 1
                and char_a == b[j - 2]
                and a[i - 2] == char_b
            ):
                current[j] = min(current[j], previous2[j - 2] + 1)
        if min(current) > limit:
            return limit + 1
        previous2, previous = previous, current
    if prefix:
        return min(previous[max(MIN_LENGTH, len(a) - limit) :])
    return previous[-1]


def kept(key, version, build):
    """build(), kept per process under `key` until the content version changes."""
    cached = _kept.get(key)
    if cached is None or cached[0] != version:
        cached = (version, build())
        _kept[key] = cached
    return cached[1]


def grouped(counts):
    """{first letter: [(term, objects)]} of {term: objects}, numbers left out."""
    by_letter = {}
    for term, objects in counts.items():
        if term and not term.isdigit():
            by_letter.setdefault(term[0], []).append((term, objects))
    return by_letter


def vocabulary_of(backend, version):
    """The grouped vocabulary of a database backend's index (its ``vocabulary()``)."""
    return kept(("index", id(backend)), version, lambda: grouped(backend.vocabulary()))


def nearest(term, vocabulary, prefix=False, written=None):
    """[(edits, known term)] of the grouped vocabulary's terms within reach of `term`, nearest
    and most common first (with `prefix`, terms that may begin so; see distance).

    `written`, the word as typed (folded): a known stem the word begins with, followed by at
    most two letters, is taken as no edit. A stemmer leaves a misspelt ending on ("supervison"
    stays whole: two edits from "supervis", one from "supervisor"), while the word as typed is
    "supervis" and an ending. Not for shorter stems ("metod" of "metodkas" is "metodik…").
    """
    limit = max_edits(term)
    if not limit or term.isdigit():
        return []
    near = []
    for known, objects in vocabulary.get(term[0], ()):
        edits = distance(term, known, limit, prefix)
        if written and written.startswith(known) and len(written) - len(known) <= 2:
            edits = 0
        if edits <= limit:
            near.append((edits, -objects, known))
    return [(edits, known) for edits, _objects, known in sorted(near)]


def correct(analysed, vocabulary, visible, written=None):
    """{term: correction} for the analysed query's terms that no reader may see anything with.

    `visible(term)` says whether a reader may see an object that has the term. `vocabulary()`
    gives the grouped vocabulary (see vocabulary_of), read only when a term needs correcting.
    `written` maps a term to the word it was typed as (see nearest).
    """
    written = written or {}
    corrections = {}
    for term in dict.fromkeys(analysed.split()):
        if not max_edits(term) or term.isdigit() or visible(term):
            continue
        near = nearest(term, vocabulary(), written=written.get(term))
        for candidate in (known for _edits, known in near):
            if visible(candidate):
                corrections[term] = candidate
                break
    return corrections


def corrected_text(query, corrections, analyse_word):
    """The query as typed, with each corrected word spelt the way its correction is indexed,
    keeping the ending the reader typed ("supervizja" → "supervizija")."""
    words = []
    for word in query.split():
        parts = tokens(word)
        replaced = word
        if len(parts) == 1:
            stem = analyse_word(parts[0])
            if stem in corrections:
                ending = parts[0][len(stem) :] if parts[0].startswith(stem) else ""
                replaced = corrections[stem] + ending
        words.append(replaced)
    return " ".join(words)
