from hypothesis import given
from hypothesis import strategies as st

from website import alphabet

LATVIAN_LETTERS = "aābcčdeēfgģhiījkķlļmnņoprsštuūvzž"


def test_latvian_alphabet_has_its_33_letters_in_order():
    assert "".join(alphabet.latvian.letters) == LATVIAN_LETTERS.upper()
    assert len(alphabet.latvian.letters) == 33


def test_letters_with_diacritics_follow_every_word_of_their_base_letter():
    words = ["čaula", "cukurs", "ābols", "zīle", "auto", "žurka", "šis", "sala", "ģimene", "gads"]
    assert sorted(words, key=alphabet.latvian.sort_key) == [
        "auto",
        "ābols",
        "cukurs",
        "čaula",
        "gads",
        "ģimene",
        "sala",
        "šis",
        "zīle",
        "žurka",
    ]


def test_words_are_compared_one_by_one_and_long_vowels_after_short():
    words = [
        "sociālā palīdzība",
        "sociālais darbs",
        "sociālais darbinieks",
        "sociālie pakalpojumi",
        "darbs ar gadījumu",
        "darba slodze",
        "supervīzija",
        "supervizors",
    ]
    assert sorted(words, key=alphabet.latvian.sort_key) == [
        "darba slodze",
        "darbs ar gadījumu",
        "sociālais darbinieks",
        "sociālais darbs",
        "sociālā palīdzība",
        "sociālie pakalpojumi",
        "supervizors",
        "supervīzija",
    ]


def test_case_and_punctuation_do_not_change_the_order():
    key = alphabet.latvian.sort_key
    assert key("Ģimene") == key("ģimene")
    assert key("e-mācības") == key("e mācības")
    assert key("e-mācības") < key("ekosociālais darbs")


def test_letters_outside_the_latvian_alphabet_take_the_place_of_the_latin_letter():
    words = ["wiki", "valoda", "zebra", "quiz", "pērle", "rats", "éclair", "ēka", "eža"]
    assert sorted(words, key=alphabet.latvian.sort_key) == [
        "éclair",
        "eža",
        "ēka",
        "pērle",
        "quiz",
        "rats",
        "valoda",
        "wiki",
        "zebra",
    ]


def test_initials_are_latvian_letters():
    assert alphabet.latvian.initial("ģimenes asistents") == "Ģ"
    assert alphabet.latvian.initial("Čelis") == "Č"
    assert alphabet.latvian.initial("e-mācības") == "E"
    assert alphabet.latvian.initial("„Ābele”") == "Ā"
    assert alphabet.latvian.initial("112 dienests") == alphabet.OTHER_INITIAL
    assert alphabet.english.initial("Échelle") == "E"


def test_english_order_ignores_latvian_letters():
    words = ["social worker", "supervision", "case work", "caseload", "élite", "eco-social work"]
    assert sorted(words, key=alphabet.english.sort_key) == [
        "case work",
        "caseload",
        "eco-social work",
        "élite",
        "social worker",
        "supervision",
    ]


def test_letters_in_addresses():
    assert alphabet.latvian.letter_for_slug("č") == "Č"
    assert alphabet.latvian.letter_for_slug("Ž") == "Ž"
    assert alphabet.latvian.letter_for_slug("0-9") == alphabet.OTHER_INITIAL
    assert alphabet.latvian.letter_for_slug("ch") is None
    assert alphabet.latvian.letter_for_slug("ф") is None
    assert alphabet.english.letter_for_slug("č") is None
    assert alphabet.Alphabet.slug_for_letter("Ā") == "ā"


def _reference_key(text):
    """Word by word, letter by letter, by position in the Latvian alphabet."""
    return [[LATVIAN_LETTERS.index(c) for c in word] for word in text.split()]


@given(st.lists(st.text(alphabet=LATVIAN_LETTERS + " ", max_size=12), min_size=2, max_size=8))
def test_the_sort_key_orders_like_the_alphabet(words):
    """Keys are digit strings: any database collation orders them as this reference does."""
    words = [" ".join(word.split()) for word in words]
    by_key = sorted(words, key=lambda w: (alphabet.latvian.sort_key(w), w))
    by_reference = sorted(words, key=lambda w: (_reference_key(w), w))
    assert by_key == by_reference
    assert all(alphabet.latvian.sort_key(w).isdigit() or not w for w in words)


def test_names_and_topics_sort_by_the_latvian_alphabet():
    names = ["Ķekavas novads", "Ādažu novads", "Kuldīgas novads", "Cēsu novads", "Aizkraukles"]
    assert alphabet.latvian_sorted(names) == [
        "Aizkraukles",
        "Ādažu novads",
        "Cēsu novads",
        "Kuldīgas novads",
        "Ķekavas novads",
    ]
    topics = ["sociālais darbs", "Ētika", "ētika", "Etiķete", "Žurnāls", "Zināšanas"]
    assert alphabet.latvian_sorted(topics) == [
        "Etiķete",
        "Ētika",
        "ētika",
        "sociālais darbs",
        "Zināšanas",
        "Žurnāls",
    ]
