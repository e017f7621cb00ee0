"""Text in another language than the page's is marked with lang="…" (WCAG 2.1 SC 3.1.2).

A screen reader reads a text in the language of the nearest element that says one (``<html
lang>`` at the top): these tests read the language of each result's title link and excerpt that
way, and check that text in the page's own language carries no attribute of its own.
"""

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.template.loader import render_to_string
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from wagtail.models import Locale

from sitesearch.highlight import excerpt
from tests.dictionary.conftest import build_term, dictionary  # noqa: F401 - a fixture
from tests.periodical.conftest import make_article, make_issue, periodical  # noqa: F401
from tests.utils import add_bilingual_page, add_page, soup
from website.languages import Text
from website.models import StandardPage

pytestmark = pytest.mark.django_db

LV = "/lv/meklet/"
EN = "/en/search/"


def spoken_language(element):
    """The language a screen reader reads this element's text in."""
    while element is not None:
        if element.get("lang"):
            return element["lang"]
        element = element.parent
    return None


def own_lang(element):
    """The element's own lang attribute (None when it inherits the page's)."""
    return element.get("lang")


def result(response, title):
    """(title link, excerpt) of the result with this title."""
    for card in soup(response).select("ol.search-results .search-hit"):
        link = card.select_one(".card__title a")
        if link.get_text(strip=True) == title:
            return link, card.select_one(".search-hit__excerpt")
    raise AssertionError(f"{title!r} is not among the results")


# The periodical's English summary on Latvian pages ------------------------------------------


@pytest.fixture
def article(periodical):  # noqa: F811 - the fixture imported above
    issue = make_issue(periodical["lv"], 1, 2023, title="Kopienas numurs")
    return make_article(
        issue,
        "Kopienas darbs laukos",
        abstract="Raksts par kopienām un to spēku laukos.",
        summary_en="An article on community resilience in rural municipalities.",
    )


def test_an_excerpt_from_the_english_summary_is_marked_english_on_the_latvian_search(
    client, article
):
    response = client.get(LV, {"q": "resilience"})
    link, passage = result(response, "Kopienas darbs laukos")
    assert "resilience" in passage.get_text()
    assert own_lang(passage) == "en"
    assert spoken_language(passage) == "en"
    # The Latvian title is read in the page's language, with no attribute of its own.
    assert own_lang(link) is None
    assert spoken_language(link) == "lv"


def test_an_excerpt_from_the_latvian_abstract_of_the_same_article_is_not_marked(client, article):
    link, passage = result(client.get(LV, {"q": "spēku"}), "Kopienas darbs laukos")
    assert "spēku" in passage.get_text()
    assert own_lang(passage) is None
    assert own_lang(link) is None


def test_the_article_page_itself_still_marks_its_english_summary(client, article):
    html = soup(client.get(article.url))
    marked = [element for element in html.select("[lang=en]") if "resilience" in element.text]
    assert marked


def test_an_excerpt_never_runs_from_a_latvian_field_into_an_english_one():
    passage, language = excerpt(
        ["Latviešu teksts par kopienu.", Text("Community work in English.", "en")], "work", "lv"
    )
    assert language == "en"
    assert "Latviešu" not in passage


# Dictionary entries: Latvian headwords and definitions on the English search ----------------


@pytest.fixture
def terms(dictionary):  # noqa: F811 - the fixture imported above
    translated = build_term(
        "kopienas sociālais darbs",
        "Sociālais darbs ar kopienu kopumā.",
        equivalents=["community social work"],
        definition_en="Social work with a community as a whole.",
    )
    latvian_only = build_term("kopienas resursu karte", "Kopienas resursu apkopojums kartē.")
    return {"translated": translated, "latvian_only": latvian_only}


def test_an_entry_without_english_shows_its_latvian_headword_marked_latvian_on_english_search(
    client, terms
):
    response = client.get(EN, {"q": "kopienas"})
    link, passage = result(response, "kopienas resursu karte")
    assert own_lang(link) == "lv"
    assert spoken_language(link) == "lv"
    assert own_lang(passage) == "lv"
    assert "apkopojums" in passage.get_text()


def test_an_entry_with_english_is_shown_in_english_unmarked_on_english_search(client, terms):
    link, passage = result(client.get(EN, {"q": "community"}), "community social work")
    assert own_lang(link) is None
    assert spoken_language(link) == "en"
    assert own_lang(passage) is None
    assert "community as a whole" in passage.get_text()


def test_entries_on_the_latvian_search_are_not_marked(client, terms):
    response = client.get(LV, {"q": "kopienas"})
    for title in ("kopienas sociālais darbs", "kopienas resursu karte"):
        link, passage = result(response, title)
        assert own_lang(link) is None
        assert own_lang(passage) is None


# Untranslated copies under /en/ (wagtail-localize aliases) -----------------------------------


@pytest.fixture
def copies(site_tree):
    supervision = add_page(
        site_tree["lv"],
        StandardPage,
        title="Supervīzija kopienā",
        listing_summary="Supervīzija palīdz sociālajiem darbiniekiem kopienā.",
    )
    # What "Synchronise" and "Translate" create for a page not translated yet: an alias, live,
    # with the Latvian text, under /en/.
    alias = supervision.copy_for_translation(Locale.objects.get(language_code="en"), alias=True)
    translated = add_bilingual_page(
        site_tree["lv"],
        StandardPage,
        lv={"title": "Supervīzijas grupas", "listing_summary": "Grupas supervīzija reģionos."},
        en={
            "slug": "supervision-groups",
            "title": "Supervision groups",
            "listing_summary": "Group supervision in the regions.",
        },
    )
    return {"alias": alias.specific, "english": translated["en"]}


def test_an_untranslated_copy_on_the_english_search_is_marked_latvian(client, copies):
    assert copies["alias"].live and copies["alias"].locale.language_code == "en"
    response = client.get(EN, {"q": "supervīzija"})
    link, passage = result(response, "Supervīzija kopienā")
    assert own_lang(link) == "lv"
    assert own_lang(passage) == "lv"
    english_link, english_passage = result(
        client.get(EN, {"q": "supervision"}), "Supervision groups"
    )
    assert own_lang(english_link) is None
    assert own_lang(english_passage) is None


def test_a_translated_alias_is_no_longer_marked(client, copies):
    """wagtail-localize turns an alias into a page of its own when it is translated."""
    page = copies["alias"]
    page.alias_of = None
    page.save(update_fields=["alias_of"])
    page.title = "Supervision in the community"
    page.listing_summary = "Supervision helps social workers in the community."
    page.save_revision().publish()
    link, passage = result(
        client.get(EN, {"q": "supervision community"}), "Supervision in the community"
    )
    assert own_lang(link) is None
    assert own_lang(passage) is None


def test_the_shared_card_marks_an_untranslated_copy_in_english_lists(copies):
    with translation.override("en"):
        alias_card = BeautifulSoup(
            render_to_string("components/card.html", {"item": copies["alias"]}), "html.parser"
        )
        english_card = BeautifulSoup(
            render_to_string("components/card.html", {"item": copies["english"]}), "html.parser"
        )
    assert own_lang(alias_card.select_one(".card__title a")) == "lv"
    assert own_lang(alias_card.select_one(".card__summary")) == "lv"
    assert own_lang(english_card.select_one(".card__title a")) is None
    assert own_lang(english_card.select_one(".card__summary")) is None
    with translation.override("lv"):
        latvian = BeautifulSoup(
            render_to_string("components/card.html", {"item": copies["alias"].alias_of.specific}),
            "html.parser",
        )
    assert own_lang(latvian.select_one(".card__title a")) is None


def test_marking_untranslated_copies_costs_no_query_per_result(client, site_tree):
    english = Locale.objects.get(language_code="en")
    made = []

    def count(n):
        for number in range(n):
            page = add_page(
                site_tree["lv"], StandardPage, title=f"Kopiena {n}-{number}", slug=f"k{n}-{number}"
            )
            made.append(page.copy_for_translation(english, alias=True))
        # The first search after a change builds the catalogue and every card it shows.
        with CaptureQueriesContext(connection) as queries:
            response = client.get(EN, {"q": "kopiena"})
        links = soup(response).select("ol.search-results .card__title a")
        assert len(links) == min(len(made), 10)
        assert all(own_lang(link) == "lv" for link in links)
        return len(queries)

    count(1)  # what is read once per process (locales, vocabulary, settings) is read here
    assert count(3) == count(8)
