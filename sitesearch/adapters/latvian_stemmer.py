"""LatvianStemmer's private surface, as the site's Latvian analysis uses it (sitesearch.analysis).
Nothing else in the site imports LatvianStemmer.

The package's stem() hard-codes its suffix table, and the site stems folded words ("socialaja",
typed without diacritics) with the same table folded: so stem_with() repeats stem()'s loop over
a table given to it, with the package's helpers. What is assumed, and stated by check():
- ``affixes``: a list of suffix rules with ``affix`` (str), ``vc`` (the vowels a word must have
  more of) and ``palatalizes`` (bool);
- ``num_vowels(s)``, ``endswith(s, length, suffix)``, ``un_palatalize(s, length)`` over a word as
  a list of characters;
- ``stem(s)`` is that loop over ``affixes``: stem_with(suffix_table(), word) == stem(word).
"""

import inspect
from importlib.metadata import version
from typing import NamedTuple

import LatvianStemmer as _package

from sitesearch.adapters import require

PACKAGE = "LatvianStemmer"
VERSION = version(PACKAGE)
MODULE = "sitesearch/adapters/latvian_stemmer.py"

# Words whose stems exercise every kind of rule: adjectives' and nouns' endings, the vowel
# count, palatalisation (kš → kst, šņ → sn, č → c, labial j) and words left alone.
SAMPLE_WORDS = (
    "sociālajiem", "darbiniekiem", "senioriem", "iestāžu", "klientiem", "zivju", "pakšu",
    "kāršņu", "stāvokļa", "bērni", "māja", "lācis", "lāču", "sirds", "ar", "kopienas",
)  # fmt: skip


class Affix(NamedTuple):
    affix: str
    vc: int
    palatalizes: bool


def suffix_table():
    """The package's suffix rules, in its order (the first that applies is taken)."""
    return [Affix(rule.affix, rule.vc, rule.palatalizes) for rule in _package.affixes]


def stem_with(table, word):
    """LatvianStemmer.stem()'s loop over `table` (Affix rules) instead of its own table."""
    chars = list(word)
    vowels = _package.num_vowels(chars)
    length = len(chars)
    for affix in table:
        if (
            vowels > affix.vc
            and length >= len(affix.affix) + 3
            and _package.endswith(chars, length, affix.affix)
        ):
            length -= len(affix.affix)
            if affix.palatalizes:
                chars = _package.un_palatalize(chars, length)
            else:
                chars = chars[:length]
            break
    return "".join(chars)


def _require(condition, what):
    require(condition, PACKAGE, VERSION, what, MODULE)


def check():
    """Every assumption above holds for the installed LatvianStemmer."""
    table = getattr(_package, "affixes", None)
    _require(isinstance(table, list) and table, "no longer has its suffix table `affixes`")
    for rule in table:
        fields = {name: getattr(rule, name, None) for name in Affix._fields}
        _require(
            isinstance(fields["affix"], str)
            and isinstance(fields["vc"], int)
            and isinstance(fields["palatalizes"], bool),
            f"changed the fields of its suffix rules: expected (affix: str, vc: int, "
            f"palatalizes: bool), found {fields}",
        )
    expected = {
        "num_vowels": ["s"],
        "endswith": ["s", "length", "suffix"],
        "un_palatalize": ["s", "length"],
        "stem": ["s"],
    }
    for name, parameters in expected.items():
        function = getattr(_package, name, None)
        _require(callable(function), f"no longer has {name}()")
        found = list(inspect.signature(function).parameters)
        _require(
            found == parameters,
            f"changed {name}(): expected ({', '.join(parameters)}), found ({', '.join(found)})",
        )
    ours = suffix_table()
    differing = {
        word: (stem_with(ours, word), _package.stem(word))
        for word in SAMPLE_WORDS
        if stem_with(ours, word) != _package.stem(word)
    }
    _require(
        not differing,
        f"changed stem() so that stem_with() no longer repeats it: (ours, its) {differing}",
    )
