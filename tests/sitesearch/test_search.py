"""The site-wide search page: Latvian analysis, locale isolation, facets, pagination, bad input."""

import gc
import logging
import os  # noqa: F401 - read by the skipif conditions

import pytest
from bs4 import BeautifulSoup
from django.core.files.base import ContentFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.contrib.search_promotions.models import Query, SearchPromotion
from wagtail.documents import get_document_model
from wagtail.models import PageViewRestriction

from sitesearch import catalogue, engine
from sitesearch.models import SearchEntry
from tests.utils import add_page, translate
from website.demo.loader import make_pdf
from website.models import StandardPage

pytestmark = pytest.mark.django_db

LV = "/lv/meklet/"
EN = "/en/search/"


def soup(response):
    return BeautifulSoup(response.content, "html.parser")


def titles(response):
    return [
        a.get_text(strip=True) for a in soup(response).select("ol.search-results .card__title a")
    ]


def facet(response, name):
    """{label: count} of one facet's choices, and the label of the selected one."""
    section = soup(response).find(id=f"facet-{name}")
    if section is None:
        return {}, None
    choices, selected = {}, None
    for link in section.find_parent("section").select("a.facet__choice"):
        label = link.contents[0].strip()
        choices[label] = int(link.select_one(".facet__count").get_text(strip=True)[1:-1])
        if link.get("aria-current") == "true":
            selected = label
    return choices, selected


def paragraphs(*texts):
    return [("paragraph", f"<p>{text}</p>") for text in texts]


@pytest.fixture
def pages(site_tree):
    lv = site_tree["lv"]
    worker = add_page(
        lv,
        StandardPage,
        title="Sociālais darbinieks pašvaldībā",
        listing_summary="Kā strādā sociālais darbinieks ar ģimenēm un bērniem.",
        topics=["Ģimenes"],
    )
    seniors = add_page(
        lv,
        StandardPage,
        title="Sociālais darbs ar senioriem",
        listing_summary="Atbalsts vecāka gadagājuma cilvēkiem mājās.",
        body=paragraphs("Supervīzija palīdz speciālistiem kopienā un sociālajā darbā."),
        topics=["Seniori"],
    )
    refugees = add_page(
        lv,
        StandardPage,
        title="Darbs ar bēgļiem",
        listing_summary="Starpkultūru sociālais darbs 2022. gadā.",
        topics=["Ģimenes"],
    )
    worker_en = translate(
        worker,
        slug="social-worker",
        title="The social worker in a municipality",
        listing_summary="How social workers support families and children.",
    )
    return {"worker": worker, "seniors": seniors, "refugees": refugees, "worker_en": worker_en}


# Latvian analysis -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("socialais darbiniekiem", "Sociālais darbinieks pašvaldībā"),
        ("sociālajam darbiniekam", "Sociālais darbinieks pašvaldībā"),
        ("senioriem", "Sociālais darbs ar senioriem"),
        ("seniors", "Sociālais darbs ar senioriem"),
        ("supervizijai", "Sociālais darbs ar senioriem"),
        ("kopiena", "Sociālais darbs ar senioriem"),
        ("begli", "Darbs ar bēgļiem"),
        ("no bēgļiem", "Darbs ar bēgļiem"),
        ("GIMENEM", "Sociālais darbinieks pašvaldībā"),
        ("2022", "Darbs ar bēgļiem"),
    ],
)
def test_latvian_queries_find_pages_whatever_the_form_and_diacritics(
    client, pages, query, expected
):
    response = client.get(LV, {"q": query})
    assert response.status_code == 200
    assert expected in titles(response)


@pytest.fixture
def alternating(site_tree):
    """Pages whose titles a reader types in another form: another case changes the consonant
    before the ending, or the other gender's form of the word."""
    lv = site_tree["lv"]
    for title in (
        "Sociālā dienesta iestāde",
        "Sociālais darbinieks",
        "Speciālists bērnu tiesību jomā",
        "Skolotājs un klients",
        "Jaunietis kopienā",
    ):
        add_page(lv, StandardPage, title=title, listing_summary="Apraksts.")


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        # d / ž
        ("iestāžu", "Sociālā dienesta iestāde"),
        ("iestazu", "Sociālā dienesta iestāde"),
        # Feminine for masculine: -iece / -ieks (and its c / č), -iste / -ists, -āja / -ājs.
        ("darbiniece", "Sociālais darbinieks"),
        ("darbinieču", "Sociālais darbinieks"),
        ("darbinieces", "Sociālais darbinieks"),
        ("speciāliste", "Speciālists bērnu tiesību jomā"),
        ("speciālistēm", "Speciālists bērnu tiesību jomā"),
        ("skolotāja", "Skolotājs un klients"),
        ("klientes", "Skolotājs un klients"),
        # t / š
        ("klienšu", "Skolotājs un klients"),
        ("jauniešu", "Jaunietis kopienā"),
        ("jaunietēm", "Jaunietis kopienā"),
    ],
)
def test_a_word_in_another_form_finds_the_page_whatever_its_consonant_or_gender(
    client, alternating, query, expected
):
    # As typed (exact=1): found by the analysis itself, not by correcting a "misspelt" word.
    assert expected in titles(client.get(LV, {"q": query, "exact": "1"}))
    page = client.get(LV, {"q": query}).text
    assert expected in page and "Rādīti rezultāti vaicājumam" not in page


def test_the_form_typed_is_marked_in_the_title_form_of_the_excerpt(client, site_tree):
    add_page(
        site_tree["lv"],
        StandardPage,
        title="Atbalsts",
        listing_summary="Iestāde palīdz sociālajai darbiniecei.",
    )
    response = client.get(LV, {"q": "iestāžu darbinieki", "exact": "1"})
    marks = [mark.get_text() for mark in soup(response).select(".search-hit__excerpt mark")]
    assert marks == ["Iestāde", "darbiniecei"]


def test_alternation_joins_no_short_words_and_nonsense_still_finds_nothing(
    client, site_tree, alternating
):
    add_page(site_tree["lv"], StandardPage, title="Vide un veselība", listing_summary="Vide.")
    assert "Vide un veselība" not in titles(client.get(LV, {"q": "vīza"}))
    for nonsense in ("iestāžux", "darbiniecqq", "zzzs", "qwxzv"):
        assert titles(client.get(LV, {"q": nonsense})) == [], nonsense
        assert titles(client.get(LV, {"q": nonsense, "exact": "1"})) == [], nonsense


@pytest.mark.skipif(
    "os.environ.get('DATABASE_URL', '').startswith('postgres')",
    reason="the title's prefix matching is SQLite's (PostgreSQL matches whole terms)",
)
def test_a_word_typed_in_part_finds_the_title_that_begins_with_it(client, site_tree):
    add_page(site_tree["lv"], StandardPage, title="Supervīzija kopienā", listing_summary="Teksts.")
    add_page(site_tree["lv"], StandardPage, title="Klasifikācija", listing_summary="Teksts.")
    # "superviz" ends in a consonant the analysis normalises ("supervid"), and "klasi" too
    # ("klas" → "klat"): the title is still matched by its written beginning.
    for typed, title in [
        ("supervīz", "Supervīzija kopienā"),
        ("superviz", "Supervīzija kopienā"),
        ("klasi", "Klasifikācija"),
    ]:
        assert titles(client.get(LV, {"q": typed, "exact": "1"})) == [title], typed
    # Stems under four letters are not matched by prefix, nor by their other spelling:
    # "vide" ("vid") finds neither "Videoieraksti" nor "vīza" ("viz").
    add_page(site_tree["lv"], StandardPage, title="Videoieraksti", listing_summary="Teksts.")
    add_page(site_tree["lv"], StandardPage, title="Vīza", listing_summary="Teksts.")
    assert titles(client.get(LV, {"q": "vide", "exact": "1"})) == []


def test_all_words_must_match_before_any_word_does(client, pages):
    both = titles(client.get(LV, {"q": "darbinieks pašvaldībā"}))
    assert both == ["Sociālais darbinieks pašvaldībā"]
    # No page has both words: the pages with either are shown rather than nothing.
    either = titles(client.get(LV, {"q": "senioriem bēgļiem"}))
    assert set(either) == {"Sociālais darbs ar senioriem", "Darbs ar bēgļiem"}


def test_title_matches_rank_above_body_matches(client, pages):
    add_page(
        pages["worker"].get_parent(),
        StandardPage,
        title="Kopienas centrs",
        listing_summary="Telpa kopienai.",
    )
    found = titles(client.get(LV, {"q": "kopiena"}))
    assert found[0] == "Kopienas centrs"
    assert "Sociālais darbs ar senioriem" in found


def test_the_query_words_are_marked_in_the_excerpt_in_any_form(client, pages):
    response = client.get(LV, {"q": "ģimene"})
    marks = [mark.get_text() for mark in soup(response).select(".search-hit__excerpt mark")]
    assert "ģimenēm" in marks


def test_excerpts_are_escaped(client, site_tree):
    add_page(
        site_tree["lv"],
        StandardPage,
        title="Drošība",
        listing_summary='<script>alert("x")</script> drošība klientiem',
    )
    response = client.get(LV, {"q": "klientiem"})
    assert b"<script>alert" not in response.content
    assert soup(response).select_one(".search-hit__excerpt mark").get_text() == "klientiem"


# Languages --------------------------------------------------------------------------------


def test_latvian_search_never_shows_english_pages_and_vice_versa(client, pages):
    lv = titles(client.get(LV, {"q": "sociālais darbinieks"}))
    en = titles(client.get(EN, {"q": "social worker"}))
    # Both words first; pages with one of the two follow (a search needs all words but one).
    assert lv[0] == "Sociālais darbinieks pašvaldībā"
    assert "The social worker in a municipality" not in lv
    assert en[0] == "The social worker in a municipality"
    assert not [title for title in en if "Sociāl" in title]
    assert titles(client.get(EN, {"q": "darbinieks"})) == []
    assert "The social worker in a municipality" not in titles(client.get(LV, {"q": "social"}))


def test_english_pages_are_analysed_as_english(client, pages):
    assert titles(client.get(EN, {"q": "supporting workers"})) == [
        "The social worker in a municipality"
    ]


def test_unpublished_and_private_pages_are_not_found(client, pages):
    pages["seniors"].unpublish()
    assert titles(client.get(LV, {"q": "senioriem"})) == []
    PageViewRestriction.objects.create(
        page=pages["refugees"], restriction_type=PageViewRestriction.PASSWORD, password="x"
    )
    assert titles(client.get(LV, {"q": "bēgļiem"})) == []


# Facets -----------------------------------------------------------------------------------


def test_facets_count_the_matches_and_combine_with_the_query(client, pages):
    response = client.get(LV, {"q": "sociālais"})
    # The home page's hero text speaks of "sociālā darba" too.
    assert set(titles(response)) == {
        "Sociālais darbinieks pašvaldībā",
        "Sociālais darbs ar senioriem",
        "Darbs ar bēgļiem",
        "Sākums",
    }
    assert facet(response, "topic") == ({"Ģimenes": 2, "Seniori": 1}, None)
    # The home page is found, but a section of the site is no content type to filter by.
    assert list(facet(response, "type")[0].values()) == [3]

    chosen = client.get(LV, {"q": "sociālais", "topic": "ģimenes"})
    assert set(titles(chosen)) == {"Sociālais darbinieks pašvaldībā", "Darbs ar bēgļiem"}
    # The topic facet still offers the other topic with what choosing it would give.
    assert facet(chosen, "topic") == ({"Ģimenes": 2, "Seniori": 1}, "Ģimenes")
    assert list(facet(chosen, "type")[0].values()) == [2]


def test_facet_links_keep_the_query_and_toggle_the_choice(client, pages):
    response = client.get(LV, {"q": "sociālais", "page": "1"})
    link = soup(response).select_one("#facet-topic").find_parent("section").select_one("a")
    assert link["href"].startswith("?")
    assert "q=soci%C4%81lais" in link["href"] and "topic=" in link["href"]
    assert "page=" not in link["href"]
    selected = client.get(LV + link["href"])
    remove = soup(selected).select_one("a.facet__choice--selected")["href"]
    assert "topic=" not in remove and "q=" in remove


def test_year_facet_comes_from_the_pages_own_year(client, pages, monkeypatch):
    monkeypatch.setattr(
        StandardPage, "get_search_year", lambda page: 2019 if "bēg" in page.title else None
    )
    pages["refugees"].save_revision().publish()
    response = client.get(LV, {"q": "sociālais"})
    assert facet(response, "year") == ({"2019": 1}, None)
    assert titles(client.get(LV, {"q": "sociālais", "year": "2019"})) == ["Darbs ar bēgļiem"]


@pytest.mark.parametrize(
    "params",
    [
        {"type": "nothing.here"},
        {"type": "website.nomodel"},
        {"type": "%"},
        {"year": "abcd"},
        {"year": "99999999999999999999"},
        {"topic": "no-such-topic"},
        {"topic": "' OR 1=1 --"},
    ],
)
def test_invalid_filter_values_are_ignored(client, pages, params):
    response = client.get(LV, {"q": "sociālais", **params})
    assert response.status_code == 200
    assert len(titles(response)) == 4


def test_type_filter_narrows_to_that_type(client, pages):
    assert len(titles(client.get(LV, {"q": "sociālais", "type": "website.standardpage"}))) == 3
    assert titles(client.get(LV, {"q": "sociālais", "type": "website.homepage"})) == ["Sākums"]


# Empty query, pagination, promotions ------------------------------------------------------


def test_an_empty_query_lists_the_newest_content_with_facets(client, pages):
    response = client.get(LV)
    assert response.status_code == 200
    found = titles(response)
    assert found[:3] == [
        "Darbs ar bēgļiem",
        "Sociālais darbs ar senioriem",
        "Sociālais darbinieks pašvaldībā",
    ]
    assert facet(response, "topic")[0] == {"Ģimenes": 2, "Seniori": 1}


def test_results_are_paginated_and_bad_page_numbers_are_tolerated(client, site_tree):
    for number in range(23):
        add_page(site_tree["lv"], StandardPage, title=f"Metodika {number}", slug=f"m-{number}")
    first = client.get(LV, {"q": "metodika"})
    assert "23" in soup(first).select_one(".search-summary").get_text()
    assert len(titles(first)) == 10
    third = client.get(LV, {"q": "metodika", "page": "3"})
    assert len(titles(third)) == 3
    assert titles(client.get(LV, {"q": "metodika", "page": "abc"})) == titles(first)
    assert titles(client.get(LV, {"q": "metodika", "page": "9999"})) == titles(third)
    pages_seen = titles(first) + titles(client.get(LV, {"q": "metodika", "page": "2"}))
    assert len(set(pages_seen + titles(third))) == 23


def test_promoted_pages_come_first_and_are_not_repeated(client, pages):
    promotion_query = Query.get("sociālais darbs")
    SearchPromotion.objects.create(
        query=promotion_query, page=pages["refugees"], sort_order=0, description="Ieteicam."
    )
    response = client.get(LV, {"q": "Sociālais   darbs"})
    promoted = soup(response).select(".search-promoted .card__title a")
    assert [a.get_text(strip=True) for a in promoted] == ["Darbs ar bēgļiem"]
    assert "Darbs ar bēgļiem" not in titles(response)
    # On the English site the Latvian page is not promoted.
    english = client.get(EN, {"q": "sociālais darbs"})
    assert not soup(english).select(".search-promoted")


def test_a_changed_page_shows_its_new_title_at_once(client, pages):
    assert titles(client.get(LV, {"q": "bēgļiem"})) == ["Darbs ar bēgļiem"]
    page = pages["refugees"]
    page.title = "Darbs ar bēgļiem un patvēruma meklētājiem"
    page.save_revision().publish()
    assert titles(client.get(LV, {"q": "bēgļiem"})) == [page.title]


def test_a_large_catalogue_is_frozen_out_of_the_collectors_walks_and_still_replaced(
    client, pages, monkeypatch
):
    """website.memory: the collector skips a big catalogue; a changed page still shows."""
    monkeypatch.setattr(catalogue, "SETTLE_FROM", 1)  # the test site's catalogue counts as big
    try:
        gc.unfreeze()
        assert titles(client.get(LV, {"q": "bēgļiem"})) == ["Darbs ar bēgļiem"]
        built = next(entry[2] for entry in catalogue._built.values() if entry[2].items)
        item = next(iter(built.items.values()))
        assert gc.get_freeze_count() > len(built.items)
        assert not any(obj is item for obj in gc.get_objects())
        page = pages["refugees"]
        page.title = "Darbs ar bēgļiem un patvēruma meklētājiem"
        page.save_revision().publish()
        assert titles(client.get(LV, {"q": "bēgļiem"})) == [page.title]
    finally:
        gc.unfreeze()


def test_search_page_queries_do_not_grow_with_the_number_of_matches(client, site_tree):
    def count(n):
        for number in range(n):
            add_page(
                site_tree["lv"], StandardPage, title=f"Kopiena {n}-{number}", slug=f"k{n}-{number}"
            )
        client.get(LV, {"q": "kopiena"})  # the catalogue is built once per change
        with CaptureQueriesContext(connection) as queries:
            assert client.get(LV, {"q": "kopiena"}).status_code == 200
        return len(queries)

    client.get(LV)  # the first visit ever creates the site's settings row (a content change)
    assert count(4) == count(12)


def test_checking_the_spelling_reads_no_word_twice(client, pages):
    """The spelling check looks each word up; the matching after it must not do so again."""

    def count(**params):
        client.get(LV, {"q": "darbs ar bēgļiem", **params})  # the catalogue, once per change
        with CaptureQueriesContext(connection) as queries:
            response = client.get(LV, {"q": "darbs ar bēgļiem", **params})
        assert titles(response)[0] == "Darbs ar bēgļiem"
        return len(queries)

    client.get(LV)  # the first visit ever creates the site's settings row (a content change)
    assert count() == count(exact="1")


def test_reading_a_word_through_its_index_changes_no_setting_for_what_follows(client, pages):
    """PostgreSQL: a word's matches are read with sequential scans off; the rest of the
    transaction (here the test's own, as a caller's atomic block would be) plans as before."""
    if connection.vendor != "postgresql":
        pytest.skip("a PostgreSQL planner setting")
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = on")
    response = client.get(LV, {"q": "sociālais darbs"})
    assert titles(response)[0].startswith("Sociālais darb")
    with connection.cursor() as cursor:
        cursor.execute("SHOW enable_seqscan")
        assert cursor.fetchone() == ("on",)


# Bad input --------------------------------------------------------------------------------

HOSTILE = [
    "x" * 10_000,
    "sociālais " * 2_000,
    "!!!???...",
    "%",
    "_",
    "%_%",
    '"',
    "'",
    '"sociālais',
    "\\",
    "\\\\'\"",
    "AND OR NOT * ? ~ ( ) [ ] { } :",
    "sociālais AND NOT darbs",
    "darbs*",
    "title:darbs",
    "'; DROP TABLE wagtailcore_page; --",
    "1' OR '1'='1",
    "😀🎉 sociālais 👍",
    "\x00sociālais\x00",
    "NEAR(darbs sociālais)",
    "-darbs",
    "^darbs",
    "@@ to_tsquery('x')",
    "&|!",
]


@pytest.mark.parametrize("query", HOSTILE)
def test_hostile_queries_answer_200_without_errors_in_the_log(client, pages, caplog, query):
    with caplog.at_level(logging.WARNING):
        response = client.get(LV, {"q": query})
    assert response.status_code == 200
    assert [r for r in caplog.records if r.levelno >= logging.ERROR] == []
    shown = soup(response).select_one("#search-q")["value"]
    assert len(shown) <= engine.MAX_QUERY_LENGTH


def test_invalid_utf8_in_the_query_string_answers_200(client, pages):
    response = client.get(LV + "?q=%ff%fe%80soci%C4%81lais&topic=%c3%28&page=%ff")
    assert response.status_code == 200


def test_queries_are_cut_to_a_sane_length():
    assert len(engine.clean_query("ā" * 10_000)) == engine.MAX_QUERY_LENGTH
    words = " ".join(f"vārds{n}" for n in range(100))
    assert len(engine.analysed_query(words, "lv").split()) == engine.MAX_QUERY_WORDS


# Documents --------------------------------------------------------------------------------


def pdf_document(title, lines):
    document = get_document_model()(title=title)
    document.file.save(
        f"{title}.pdf", ContentFile(make_pdf(title, lines), name="x.pdf"), save=False
    )
    document.save()
    return document


def test_pdf_text_is_read_on_save_and_found_with_the_page_that_links_it(client, site_tree):
    document = pdf_document(
        "Metodiskais materiāls", ["Mobilā komanda apmeklē klientus lauku teritorijās."]
    )
    assert "Mobilā komanda" in document.extracted_text
    add_page(
        site_tree["lv"],
        StandardPage,
        title="Metodika kopienām",
        body=[("document", {"document": document, "title": "Materiāls"})],
    )
    assert titles(client.get(LV, {"q": "mobilas komandas"})) == ["Metodika kopienām"]


def test_a_replaced_document_updates_the_pages_that_link_it(client, site_tree):
    document = pdf_document("Vadlīnijas", ["Pirmā versija."])
    add_page(
        site_tree["lv"],
        StandardPage,
        title="Vadlīniju lapa",
        body=[("document", {"document": document, "title": "Vadlīnijas"})],
    )
    assert titles(client.get(LV, {"q": "attālinātas konsultācijas"})) == []
    document.file.save(
        "vadlinijas-2.pdf",
        ContentFile(make_pdf("Vadlīnijas", ["Attālinātās konsultācijas klientiem."]), name="v.pdf"),
        save=True,
    )
    assert titles(client.get(LV, {"q": "attālinātas konsultācijas"})) == ["Vadlīniju lapa"]


def test_an_upload_is_read_before_it_is_stored_and_stored_whole():
    content = make_pdf("Kopienas darbs", ["Brīvprātīgie palīdz kaimiņiem."])
    document = get_document_model()(title="Kopienas darbs")
    document.file = ContentFile(content, name="kopienas-darbs.pdf")  # as the upload form does
    document.save()
    assert "Brīvprātīgie" in document.extracted_text
    with document.file.open("rb") as stored:
        assert stored.read() == content


@pytest.mark.parametrize(
    "content",
    [b"", b"%PDF-1.4 broken", b"not a pdf at all", make_pdf("x", ["y"])[:200]],
    ids=["empty", "broken", "not-a-pdf", "cut-short"],
)
def test_broken_pdfs_are_saved_without_text(content):
    document = get_document_model()(title="Bojāts")
    document.file.save("bojats.pdf", ContentFile(content, name="b.pdf"), save=False)
    document.save()
    assert document.pk and document.extracted_text == ""


def test_encrypted_pdfs_are_saved_without_their_text():
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("Helvetica", size=12)
    pdf.cell(text="Slepens teksts")
    pdf.set_encryption(owner_password="owner", user_password="user")
    document = get_document_model()(title="Šifrēts")
    document.file.save("sifrets.pdf", ContentFile(bytes(pdf.output()), name="s.pdf"), save=False)
    document.save()
    assert document.extracted_text == ""


# Facts table ------------------------------------------------------------------------------


def test_entries_follow_publish_unpublish_and_delete(pages):
    seniors = pages["seniors"]
    entry = SearchEntry.objects.get(object_id=seniors.pk)
    assert entry.live and entry.locale_id == seniors.locale_id
    seniors.unpublish()
    assert not SearchEntry.objects.get(object_id=seniors.pk).live
    seniors.delete()
    assert not SearchEntry.objects.filter(object_id=seniors.pk).exists()


def test_update_index_rebuilds_the_entries(pages):
    from django.core.management import call_command

    SearchEntry.objects.all().delete()
    call_command("update_index", backend_name="default", verbosity=0)
    ids = set(SearchEntry.objects.values_list("object_id", flat=True))
    assert {pages["seniors"].pk, pages["worker_en"].pk} <= ids
