"""Latvian text analysis, in one place, for everything that is indexed and everything queried.

Social workers type without diacritics ("socialais darbs") and in any inflection ("senioriem").
The same function turns both the stored text and the query into folded stems, so that they meet:

    analyse("Sociālais darbs ar senioriem")  ->  "social darb ar senior"
    analyse("socialais darbiniekiem")        ->  "social darbiniek"

Order matters: the text is folded first (ā→a, č→c …) and then stemmed with the Latvian light
stemmer (Lucene's LatvianStemmer, ported to Python by the LatvianStemmer package), whose
suffix table is folded the same way. Stemming first and folding after fails for queries typed
without diacritics: "socialaja" would keep its "-aja" because the stemmer only knows "-ajā".

Latvian endings also change the consonant before them ("iestāde", "iestāžu"; "darbinieks",
"darbiniece"; "klients", "klienšu"), which the stemmer leaves. Once folded (ž→z, š→s, č→c), what
remains of those alternations is at the very end of the stem, so each Latvian stem is then
brought to one form there (``normalise_ending``): "iestaz" → "iestad", "darbiniec" →
"darbiniek", "kliens" → "klient", "skolotaj" → "skolot" (so "skolotāja" meets "skolotājs", whose
"-ajā" the stemmer takes for an adjective's ending). The labials' j ("zivs", "zivju") is
already the stemmer's. The same rules, in the same order, are the search clusters' filter
(sitesearch.backends.cluster), and the rule the database's title prefixes undo
(``spelt_endings``).

English pages are analysed as English: folded, then stemmed with the Snowball English
(Porter 2) stemmer, so that "social workers" finds "social worker" there too.
"""

import re
import unicodedata
from functools import lru_cache

import snowballstemmer

from sitesearch.adapters import latvian_stemmer

# ā→a, č→c, ē→e, ģ→g, ī→i, ķ→k, ļ→l, ņ→n, š→s, ū→u, ž→z (and any other combining accent).
_COMBINING = re.compile(r"[\u0300-\u036f]")
# Words are runs of letters and digits (years are searched: "2019").
_WORD = re.compile(r"[^\W_]+", re.UNICODE)
# Codes: numbers joined by dots or slashes ("9.2.1.1/15/I/001", "4.3.5.4"), kept whole.
_CODE = re.compile(r"\d+(?:[./][^\W_]+)+", re.UNICODE)
CODE_JOINER = "x"

# Small words that carry no meaning for search; requiring them made "no bēgļiem" find nothing.
LATVIAN_STOP_WORDS = frozenset(
    """
    a ai ar arī bet bez caur da dēļ gan ir jeb ja jā kā kad kur kas ko kuri kura kurš lai līdz
    nav ne nedz no pa par pat pie pret pēc tad tā tas te tie tik to tomēr un uz vai vien vēl
    visi zem jo ka ap aiz starp
    """.split()
)
ENGLISH_STOP_WORDS = frozenset(
    """
    a an and are as at be by for from in into is it of on or the to with without
    """.split()
)


def fold(text):
    """Lower-case and strip diacritics: "Ģimenes Asistents" -> "gimenes asistents"."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return unicodedata.normalize("NFC", _COMBINING.sub("", decomposed))


def _folded_affixes():
    """LatvianStemmer's suffix table with its suffixes folded, first occurrence kept."""
    seen = set()
    affixes = []
    for affix in latvian_stemmer.suffix_table():
        folded = fold(affix.affix)
        if folded not in seen:
            seen.add(folded)
            affixes.append(affix._replace(affix=folded))
    return affixes


# Also the source of the search clusters' Latvian stemmer (sitesearch.backends.cluster).
FOLDED_AFFIXES = _folded_affixes()


@lru_cache(maxsize=50_000)
def stem_latvian(word):
    """Stem one folded Latvian word with LatvianStemmer's rules and folded suffixes.

    This is LatvianStemmer.stem() run over the folded suffix table: the package hard-codes its
    table inside stem(), so its loop is repeated (sitesearch.adapters.latvian_stemmer) rather
    than patching the module.
    """
    return latvian_stemmer.stem_with(FOLDED_AFFIXES, word)


# The alternations at the end of a folded Latvian stem, applied in this order, each to a whole
# stem of letters only: (pattern, what replaces the group's ending). Stems of three letters are
# left alone: too many short words differ only there ("vid" of "vide", "viz" of "vīza").
ENDING_RULES = (
    # -tājs / -tāja (and -tāji, -tājiem …): the stemmer strips "-aja" as an adjective's ending.
    (r"([a-z]{4,})aj", ""),
    # k / c before e, i: darbinieks / darbiniece, darbinieču, prieks / priecā.
    (r"([a-z]+ie)c", "k"),
    # d / ž: iestāde / iestāžu, sirds / siržu, briedis / brieža (not the "dz" of "slodze").
    (r"([a-z]{2,}[a-ce-z])z", "d"),
    # t / š: klients / klienšu, jaunietis / jauniešu, nakts / nakšu (s / š is already one).
    (r"([a-z]{3,})s", "t"),
)
_ENDING_RULES = tuple((re.compile(f"^{pattern}$"), end) for pattern, end in ENDING_RULES)


def normalise_ending(stem):
    """A folded Latvian stem with its final consonant alternation brought to one form."""
    for pattern, end in _ENDING_RULES:
        match = pattern.match(stem)
        if match:
            stem = match.group(1) + end
    return stem


# What each normalised ending may be written as (normalise_ending backwards, one rule deep).
_SPELT = {"k": ("c",), "d": ("z",), "t": ("s",)}


def spelt_endings(term):
    """The beginnings of written words that the normalised stem `term` stands for: itself and
    the alternating consonant ("iestad": "iestad", "iestaz"), for matching written text by
    prefix (sitesearch.backends.database)."""
    forms = [term]
    if re.fullmatch(r"[a-z]{4,}", term):
        for letter in _SPELT.get(term[-1], ()):
            forms.append(term[:-1] + letter)
    return forms


_ENGLISH_STEMMER = snowballstemmer.stemmer("english")


@lru_cache(maxsize=50_000)
def stem_english(word):
    return _ENGLISH_STEMMER.stemWord(word)


def code_tokens(code):
    """A code as one word, and each of its leading parts, so that "9.2.1.1" finds the project
    "9.2.1.1/15/I/001": "9x2", "9x2x1", …, "9x2x1x1x15xix001". Its single digits are not words:
    they would match every page with a 1 in it."""
    parts = re.split(r"[./]", code)
    return [CODE_JOINER.join(parts[:end]) for end in range(2, len(parts) + 1)]


def tokens(text):
    """The folded words of a text, codes as code_tokens()."""
    folded = fold(text or "")
    words = []
    start = 0
    for code in _CODE.finditer(folded):
        words += _WORD.findall(folded[start : code.start()])
        words += code_tokens(code.group())
        start = code.end()
    words += _WORD.findall(folded[start:])
    return words


def stem(word, language="lv"):
    """One folded word as it is indexed in this language."""
    return normalise_ending(stem_latvian(word)) if language == "lv" else stem_english(word)


def stop_words(language="lv"):
    """The language's stop words, folded as the words they are compared with."""
    return _FOLDED_LV_STOP_WORDS if language == "lv" else ENGLISH_STOP_WORDS


def analyse(text, language="lv", keep_stop_words=False):
    """Text to the space-separated terms that are indexed and searched for."""
    ignored = () if keep_stop_words else stop_words(language)
    return " ".join(stem(t, language) for t in tokens(text) if t not in ignored)


_FOLDED_LV_STOP_WORDS = frozenset(fold(word) for word in LATVIAN_STOP_WORDS)
