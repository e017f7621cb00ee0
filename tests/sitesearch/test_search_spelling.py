from sitesearch import spelling


class Backend:
    def __init__(self, terms):
        self.terms = terms

    def vocabulary(self):
        return self.terms


VOCABULARY = {"supervizij": 12, "supervizor": 3, "socialais": 40, "darb": 90, "kopien": 20}


def correct(query, visible=None, version="v1"):
    if visible is None:
        visible = VOCABULARY.__contains__
    return spelling.correct(
        query, lambda: spelling.vocabulary_of(Backend(VOCABULARY), version), visible
    )


def test_a_word_nothing_has_becomes_the_nearest_indexed_term():
    assert correct("supervizj darb") == {"supervizj": "supervizij"}
    assert correct("kopein") == {"kopein": "kopien"}  # two letters swapped: one edit


def test_known_short_and_numeric_words_are_left_alone():
    assert correct("darb kopien") == {}
    assert correct("drb") == {}  # under four letters: too many words are that close
    assert correct("2019") == {}


def test_the_first_letter_is_never_changed_and_far_words_are_not_corrected():
    assert correct("kupervizij") == {}
    assert correct("qwxzv") == {}
    assert correct("svprvzsij") == {}  # more edits than a word of its length may have


def test_a_misspelt_ending_the_stemmer_kept_is_measured_from_the_word_as_typed():
    english = {"supervis": 9, "supervisor": 4, "kop": 50, "kopien": 2}

    def fix(term, typed):
        return spelling.correct(
            term,
            lambda: spelling.vocabulary_of(Backend(english), "en"),
            english.__contains__,
            {term: typed},
        )

    # "supervison" stays whole: one edit from "supervisor", two from "supervis"; but the word
    # as typed begins with "supervis", the stem of "supervision".
    assert fix("supervison", "supervison") == {"supervison": "supervis"}
    assert spelling.correct(
        "supervison", lambda: spelling.vocabulary_of(Backend(english), "en"), english.__contains__
    ) == {"supervison": "supervisor"}
    # A stem followed by more than an ending is not taken as the word ("kop" of "kopienx").
    assert fix("kopienx", "kopienx") == {"kopienx": "kopien"}


def test_a_term_no_reader_may_see_is_never_offered():
    visible = {"supervizor"}.__contains__
    assert correct("supervizj", visible=visible) == {"supervizj": "supervizor"}
    assert correct("supervizj", visible=lambda term: False) == {}


def test_a_word_only_hidden_objects_have_is_corrected_to_one_readers_see():
    # "supervizij" is indexed (a draft has it), but no reader may see it: its neighbour is.
    visible = {"supervizor", "darb"}.__contains__
    assert correct("supervizij darb", visible=visible) == {"supervizij": "supervizor"}


def test_the_correction_keeps_the_ending_the_reader_typed():
    text = spelling.corrected_text(
        "Supervizja un darbs", {"supervizj": "supervizij"}, lambda word: word[:-1]
    )
    assert text == "supervizija un darbs"


def test_edit_distance():
    assert spelling.distance("darbs", "darbs", 2) == 0
    assert spelling.distance("darbs", "drabs", 2) == 1
    assert spelling.distance("darbs", "darbiniek", 2) == 3


def test_a_beginning_is_measured_against_the_nearest_beginning_of_a_word():
    # A letter left out, changed or swapped in what was typed so far.
    assert spelling.distance("suprv", "supervizija", 1, prefix=True) == 1
    assert spelling.distance("barn", "barintiesa", 1, prefix=True) == 1
    assert spelling.distance("vardrab", "vardarbiba", 2, prefix=True) == 1
    assert spelling.distance("super", "supervizija", 1, prefix=True) == 0
    # Never by dropping what was typed down to fewer than four letters ("bar…" for "barn").
    assert spelling.distance("barn", "bars", 1, prefix=True) == 1
    assert spelling.distance("barn", "bar", 1, prefix=True) == 2
    assert spelling.distance("qwxz", "quality", 1, prefix=True) == 2
    vocabulary = spelling.grouped({"barintiesa": 1, "bernu": 3, "baznica": 2, "bars": 1, "ba": 9})
    # The nearest first, then the most common.
    assert spelling.nearest("barn", vocabulary, prefix=True) == [
        (1, "bernu"),
        (1, "baznica"),
        (1, "barintiesa"),
        (1, "bars"),
    ]
    assert spelling.nearest("barin", vocabulary, prefix=True) == [(0, "barintiesa")]
