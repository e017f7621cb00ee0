"""The site's one alphabetical order, Latvian and English, without ICU: the dictionary's
headwords and equivalents (stored as sort keys and ordered in SQL), the topics in every filter
and list, the campaign's municipalities (latvian_sorted).

It is the Latvian alphabet the dictionary is browsed by (A Ā B C Č … Z Ž): letters with
diacritics are letters of their own, "Č" after every word in "C", "Ā" after every word in "A"
(so "Aizkraukles" < "Ādažu", "sociālais" < "sociālā", and "Ētika" among the E's, not after "Z").
Python's default string order and most database collations get this wrong ("č" sorts after "z"
by code point, or with "c" under a folding collation).

The key is a string of two-digit codes, one per letter, so that it compares the same way under
every database collation (C, en_US.UTF-8, SQLite's BINARY): digits compare as digits everywhere.
Words are compared one by one (a space or hyphen sorts before any letter), and letters outside
the alphabet (Q, W, X, Y in Latvian; é, ö … anywhere) take the place of their base letter.
"""

import unicodedata

LATVIAN = "a ā b c č d e ē f g ģ h i ī j k ķ l ļ m n ņ o p r s š t u ū v z ž".split()
ENGLISH = list("abcdefghijklmnopqrstuvwxyz")
# Not Latvian letters, but they occur in loanwords and names: placed as in the Latin alphabet.
_LATVIAN_WITH_FOREIGN = [*LATVIAN[:24], "q", *LATVIAN[24:31], "w", "x", "y", *LATVIAN[31:]]

SEPARATOR = "00"
_DIGIT_BASE = 1  # "0" -> "01" … "9" -> "10"
_LETTER_BASE = 11
UNKNOWN = "99"
# The initial under which an entry that does not start with a letter is listed.
OTHER_INITIAL = "#"


class Alphabet:
    def __init__(self, letters, order):
        self.letters = [letter.upper() for letter in letters]
        self._codes = {letter: f"{_LETTER_BASE + i:02d}" for i, letter in enumerate(order)}
        for digit in range(10):
            self._codes[str(digit)] = f"{_DIGIT_BASE + digit:02d}"
        self._initials = {letter: letter.upper() for letter in order}

    def _letter(self, char):
        """The letter of this alphabet that `char` counts as (None for punctuation, spaces)."""
        char = char.casefold()
        if char in self._codes:
            return char
        base = unicodedata.normalize("NFKD", char)[:1]
        if base in self._codes:
            return base
        return None if not char.isalnum() else char

    def sort_key(self, text):
        codes = []
        for char in (text or "").strip():
            letter = self._letter(char)
            if letter is None:
                if codes and codes[-1] != SEPARATOR:
                    codes.append(SEPARATOR)
                continue
            codes.append(self._codes.get(letter, UNKNOWN))
        while codes and codes[-1] == SEPARATOR:
            codes.pop()
        return "".join(codes)

    def initial(self, text):
        """The letter the word is listed under: "Č" for "čells", "#" for "112 dienests"."""
        for char in text or "":
            letter = self._letter(char)
            if letter is None:
                continue
            return self._initials.get(letter, OTHER_INITIAL)
        return OTHER_INITIAL

    def letter_for_slug(self, value):
        """The letter a URL names ("č" → "Č"), or None if it is not one of ours."""
        if value == "0-9":
            return OTHER_INITIAL
        upper = (value or "").upper()
        if upper in self._initials.values():
            return upper
        return None

    @staticmethod
    def slug_for_letter(letter):
        return "0-9" if letter == OTHER_INITIAL else letter.lower()


latvian = Alphabet(LATVIAN, _LATVIAN_WITH_FOREIGN)
english = Alphabet(ENGLISH, ENGLISH)


def for_language(language):
    return latvian if language == "lv" else english


def latvian_sorted(items, key=str):
    """`items` in Latvian alphabetical order of key(item), the text shown (a name, a title);
    texts that differ only in case in a fixed order."""
    return sorted(items, key=lambda item: (latvian.sort_key(key(item)), key(item)))
