import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page

from dictionary.models import DictionaryPage, FormerSlug, SubjectField, Term
from tests.dictionary.conftest import build_term, make_term, relate
from tests.utils import add_page, soup, translate
from website.models import HomePage, StandardPage

pytestmark = pytest.mark.django_db


def texts(elements):
    return [element.get_text(" ", strip=True) for element in elements]


def test_the_dictionary_sits_under_the_home_page_and_has_no_children(site_tree):
    assert DictionaryPage in HomePage.allowed_subpage_models()
    assert DictionaryPage.allowed_parent_page_models() == [HomePage]
    assert DictionaryPage.allowed_subpage_models() == []
    assert DictionaryPage.max_count_per_parent == 1
    assert not DictionaryPage.can_create_at(add_page(site_tree["lv"], StandardPage, title="Par"))


def test_index_shows_the_whole_latvian_alphabet_and_links_letters_with_entries(client, dictionary):
    make_term("ģimenes asistents", equivalents=["family assistant"])
    make_term("supervīzija", equivalents=["supervision"])
    make_term("sociālais darbs", equivalents=["social work"])
    make_term("čeku kontrole", approved=False)  # a draft: its letter stays unlinked

    response = client.get("/lv/vardnica/")
    assert response.status_code == 200
    html = soup(response)
    assert html.html["lang"] == "lv"
    assert html.h1.get_text(strip=True) == "Vārdnīca"
    items = html.select(".alphabet__list li")
    letters = [item.select_one("[aria-hidden]").get_text() for item in items]
    assert letters == list("AĀBCČDEĒFGĢHIĪJKĶLĻMNŅOPRSŠTUŪVZŽ")
    links = html.select(".alphabet a")
    linked = {a.select_one("[aria-hidden]").get_text(): a["href"] for a in links}
    assert linked == {"Ģ": "/lv/vardnica/burts/%C4%A3/", "S": "/lv/vardnica/burts/s/"}
    assert "S: 2 šķirkļi" in html.select_one(".alphabet").get_text()
    assert "Č: šķirkļu nav" in html.select_one(".alphabet").get_text()


def test_english_index_lists_the_english_alphabet_by_equivalent(client, dictionary):
    make_term("ģimenes asistents", equivalents=["family assistant"])
    make_term("supervīzija", equivalents=["supervision"])
    response = client.get("/en/dictionary/")
    html = soup(response)
    assert html.html["lang"] == "en"
    letters = [li.select_one("[aria-hidden]").get_text() for li in html.select(".alphabet li")]
    assert letters == list("ABCDEFGHIJKLMNOPQRSTUVWXYZ")
    linked = [a["href"] for a in html.select(".alphabet a")]
    assert linked == ["/en/dictionary/letter/f/", "/en/dictionary/letter/s/"]
    assert "Search the dictionary" in response.text


def test_letter_pages_follow_the_latvian_alphabet(client, dictionary):
    for headword in ("supervīzija", "sociālā palīdzība", "supervizors", "sociālais darbs"):
        make_term(headword)
    make_term("šķirklis")
    make_term("sociālais darbinieks", approved=False)

    s_page = soup(client.get("/lv/vardnica/burts/s/"))
    assert texts(s_page.select(".entry-list__term a")) == [
        "sociālais darbs",
        "sociālā palīdzība",
        "supervizors",
        "supervīzija",
    ]
    assert s_page.h1.get_text(strip=True) == "Burts S"
    assert s_page.select_one(".alphabet a[aria-current=page]")["href"] == "/lv/vardnica/burts/s/"
    sh_page = soup(client.get("/lv/vardnica/burts/%C5%A1/"))
    assert texts(sh_page.select(".entry-list__term a")) == ["šķirklis"]
    # A letter without entries has a page saying so; a letter that is not Latvian has none.
    assert "vēl nav neviena šķirkļa" in client.get("/lv/vardnica/burts/%C4%8D/").text
    assert client.get("/lv/vardnica/burts/w1/").status_code == 404
    assert client.get("/lv/vardnica/burts/%D1%84/").status_code == 404


def test_english_letter_pages_list_equivalents_in_english_order(client, dictionary):
    make_term("sociālais darbinieks", equivalents=["social worker"])
    make_term("sociālais darbs", equivalents=["social work"])
    make_term("supervīzija", equivalents=["supervision"])
    make_term("darba slodze", equivalents=["workload", "caseload"])

    html = soup(client.get("/en/dictionary/letter/s/"))
    rows = html.select(".entry-list__item")
    assert [row.select_one(".entry-list__term a").get_text() for row in rows] == [
        "social work",
        "social worker",
        "supervision",
    ]
    first = rows[0]
    assert first.select_one("a")["href"] == "/en/dictionary/socialais-darbs/"
    assert "sociālais darbs" in first.select_one(".entry-list__other").get_text()
    assert first.select_one(".entry-list__other")["lang"] == "lv"
    # Every equivalent is listed, each leading to the same entry.
    c_page = soup(client.get("/en/dictionary/letter/c/"))
    assert texts(c_page.select(".entry-list__term a")) == ["caseload"]
    assert c_page.select_one(".entry-list__term a")["href"] == "/en/dictionary/darba-slodze/"


def test_each_language_answers_only_its_own_paths(client, dictionary):
    make_term("supervīzija", equivalents=["supervision"])
    assert client.get("/lv/vardnica/burts/s/").status_code == 200
    assert client.get("/en/dictionary/letter/s/").status_code == 200
    assert client.get("/en/dictionary/burts/s/").status_code == 404
    assert client.get("/lv/vardnica/letter/s/").status_code == 404
    assert client.get("/lv/vardnica/meklet/?q=supe").status_code == 200
    assert client.get("/en/dictionary/meklet/?q=supe").status_code == 404


@pytest.fixture
def entry(dictionary):
    parent = SubjectField.objects.create(name="Sociālā darba profesija", name_en="Profession")
    field = SubjectField.objects.create(name="Atbalsts", name_en="Support", parent=parent)
    return make_term(
        "supervīzija",
        "Profesionāla atbalsta process ar supervizoru.",
        equivalents=["supervision", "clinical supervision"],
        synonyms=["supervīzijas process"],
        definition_en="A process of professional support with a supervisor.",
        notes="Piezīme par supervīziju.",
        notes_en="A note on supervision.",
        examples="Pašvaldība kompensē supervīzijas izmaksas.",
        source="Sociālā darba vārdnīca",
        source_page="12",
        part_of_speech="noun",
        grammatical_gender="feminine",
        subject_field=field,
    )


def test_entry_page_in_latvian(client, entry):
    response = client.get("/lv/vardnica/supervizija/")
    assert response.status_code == 200
    html = soup(response)
    assert html.h1.get_text(strip=True) == "supervīzija"
    assert html.title.get_text().startswith("supervīzija | Vārdnīca")
    labels, values = texts(html.select(".term__facts dt")), texts(html.select(".term__facts dd"))
    facts = dict(zip(labels, values, strict=True))
    assert facts == {
        "Angliski": "supervision; clinical supervision",
        "Sinonīmi": "supervīzijas process",
        "Joma": "Sociālā darba profesija › Atbalsts",
    }
    assert html.select_one(".term__grammar").get_text() == "lietvārds, sieviešu dzimte"
    definition = html.select_one(".term__definition").text
    assert definition == "Profesionāla atbalsta process ar supervizoru."
    assert "Piezīme par supervīziju." in response.text
    assert "Pašvaldība kompensē supervīzijas izmaksas." in texts(html.select(".term__examples li"))
    assert html.select_one(".term__source").get_text(" ", strip=True) == (
        "Avots: Sociālā darba vārdnīca, 12. lpp."
    )
    crumbs = texts(html.select(".breadcrumbs li"))
    assert crumbs == ["Sākums", "Vārdnīca", "supervīzija"]


def test_entry_page_in_english_reads_in_english(client, entry):
    response = client.get("/en/dictionary/supervizija/")
    html = soup(response)
    assert html.html["lang"] == "en"
    assert html.h1.get_text(strip=True) == "supervision"
    assert html.select_one(".term__headword strong").get_text() == "supervīzija"
    definition = html.select_one(".term__definition")
    assert definition.get_text() == "A process of professional support with a supervisor."
    assert definition["lang"] == "en"
    assert "A note on supervision." in response.text
    assert "Profession › Support" in response.text
    assert "noun, feminine" in response.text


def test_an_untranslated_definition_is_given_in_latvian_and_marked_so(client, dictionary):
    make_term("aprūpe", "Palīdzība ikdienā.", equivalents=["care"])
    html = soup(client.get("/en/dictionary/aprupe/"))
    definition = html.select_one(".term__definition")
    assert definition.get_text() == "Palīdzība ikdienā."
    assert definition["lang"] == "lv"
    assert "has not been translated into English yet" in html.get_text()


def test_related_terms_are_linked_from_both_entries(client, dictionary):
    supervision = make_term("supervīzija", equivalents=["supervision"])
    supervisor = make_term("supervizors", equivalents=["supervisor"])
    burnout = make_term("profesionālā izdegšana", equivalents=["burnout"])
    hidden = make_term("slepens termins", approved=False)
    relate(supervision, supervisor, burnout, hidden)

    own = soup(client.get("/lv/vardnica/supervizija/"))
    related = own.select("#term-related ~ ul a")
    assert texts(related) == ["profesionālā izdegšana", "supervizors"]
    back = soup(client.get("/lv/vardnica/supervizors/"))
    assert [a["href"] for a in back.select("#term-related ~ ul a")] == ["/lv/vardnica/supervizija/"]
    english = soup(client.get("/en/dictionary/supervizors/"))
    link = english.select_one("#term-related ~ ul a")
    assert (link.get_text(), link["href"], link["lang"]) == (
        "supervision",
        "/en/dictionary/supervizija/",
        "en",
    )


def test_see_also_lists_entries_sharing_a_word(client, dictionary):
    make_term("sociālais darbs")
    make_term("kopienas sociālais darbs")
    make_term("sociālais darbinieks")
    make_term("aprūpe")
    html = soup(client.get("/lv/vardnica/socialais-darbs/"))
    see_also = texts(html.select("#term-see-also ~ ul a"))
    assert see_also == ["kopienas sociālais darbs", "sociālais darbinieks"]


def test_where_the_term_is_used_finds_pages_in_any_inflected_form(client, dictionary, site_tree):
    make_term("supervīzija", equivalents=["supervision"])
    page = add_page(
        site_tree["lv"],
        StandardPage,
        title="Atbalsts speciālistiem",
        slug="atbalsts",
        introduction="Pašvaldības kompensē supervīzijas izmaksas sociālajiem darbiniekiem.",
    )
    translate(
        page,
        slug="support",
        title="Support for practitioners",
        introduction="Municipalities pay for supervision of social workers.",
    )
    add_page(site_tree["lv"], StandardPage, title="Kontakti", introduction="Tālrunis un adrese.")

    lv = soup(client.get("/lv/vardnica/supervizija/"))
    assert [(a.get_text(), a["href"]) for a in lv.select("#term-used-on ~ ul a")] == [
        ("Atbalsts speciālistiem", "/lv/atbalsts/")
    ]
    en = soup(client.get("/en/dictionary/supervizija/"))
    assert [a["href"] for a in en.select("#term-used-on ~ ul a")] == ["/en/support/"]


def defined_term(html):
    """The entry's DefinedTerm (beside it, the breadcrumbs' BreadcrumbList)."""
    scripts = html.find_all("script", type="application/ld+json")
    return next(data for data in (json.loads(s.string) for s in scripts) if "termCode" in data)


def test_defined_term_json_ld(client, entry):
    html = soup(client.get("/lv/vardnica/supervizija/"))
    data = defined_term(html)
    assert data["@type"] == "DefinedTerm"
    assert data["name"] == "supervīzija"
    assert data["url"] == "http://testserver/lv/vardnica/supervizija/"
    assert data["alternateName"] == ["supervīzijas process"]
    assert data["inDefinedTermSet"]["@type"] == "DefinedTermSet"
    assert data["inDefinedTermSet"]["url"] == "http://testserver/lv/vardnica/"
    english = soup(client.get("/en/dictionary/supervizija/"))
    data = defined_term(english)
    assert (data["name"], data["inLanguage"]) == ("supervision", "en")
    assert data["description"] == "A process of professional support with a supervisor."


def test_json_ld_cannot_be_closed_by_the_content(client, dictionary):
    make_term("tests", "Teksts </script><script>alert(1)</script> & vēl.")
    response = client.get("/lv/vardnica/tests/")
    html = soup(response)
    assert all("</script>" not in (s.string or "") for s in html.find_all("script"))
    data = defined_term(html)
    assert data["description"] == "Teksts </script><script>alert(1)</script> & vēl."


def test_the_language_switcher_leads_to_the_same_entry(client, entry):
    html = soup(client.get("/lv/vardnica/supervizija/"))
    switch = html.select_one(".lang-switch a[hreflang=en]")
    assert switch["href"] == "/en/dictionary/supervizija/"
    assert html.select_one(".lang-switch__note") is None
    alternates = {
        link["hreflang"]: link["href"] for link in html.select("link[rel=alternate][hreflang]")
    }
    assert alternates["en"] == "http://testserver/en/dictionary/supervizija/"
    english = soup(client.get("/en/dictionary/supervizija/"))
    assert english.select_one(".lang-switch a[hreflang=lv]")["href"] == "/lv/vardnica/supervizija/"


def test_drafts_are_never_shown(client, dictionary):
    make_term("supervīzija", equivalents=["supervision"])
    make_term("supervizors", equivalents=["supervisor"], approved=False)
    assert client.get("/lv/vardnica/supervizors/").status_code == 404
    assert client.get("/en/dictionary/supervizors/").status_code == 404
    assert "supervizors" not in client.get("/lv/vardnica/burts/s/").text
    assert "supervisor" not in client.get("/en/dictionary/letter/s/").text
    results = soup(client.get("/lv/vardnica/meklet/?q=superviz"))
    assert texts(results.select(".entry-list__term a")) == ["supervīzija"]
    suggested = client.get("/lv/vardnica/ieteikumi/?q=supervizo").json()
    assert [item["label"] for item in suggested] == ["supervīzija"]
    assert "supervizors" not in client.get("/lv/vardnica/lejupielade/csv/").content.decode()
    assert "supervizors" not in client.get("/lv/vardnica/lejupielade/tbx/").content.decode()


def test_unpublished_changes_of_an_approved_entry_wait_for_publishing(client, dictionary):
    term = make_term("supervīzija", "Apstiprinātā definīcija.")
    term.definition = "Melnraksta definīcija."
    term.save_revision()
    response = client.get("/lv/vardnica/supervizija/")
    assert "Apstiprinātā definīcija." in response.text
    assert "Melnraksta definīcija." not in response.text
    term.latest_revision.publish()
    assert "Melnraksta definīcija." in client.get("/lv/vardnica/supervizija/").text


def test_an_entry_keeps_its_old_addresses_when_its_term_changes(client, dictionary):
    term = make_term("narratīvā pieeja", equivalents=["narrative approach"])
    assert term.slug == "narrativa-pieeja"
    old = f"/lv/vardnica/{term.slug}/"
    term.headword = "naratīvā pieeja"
    term.save_revision().publish()
    term.refresh_from_db()
    assert term.slug == "narativa-pieeja"

    response = client.get(old)
    assert response.status_code == 301
    assert response["Location"] == "/lv/vardnica/narativa-pieeja/"
    english = client.get(old.replace("/lv/vardnica/", "/en/dictionary/"))
    assert english["Location"] == "/en/dictionary/narativa-pieeja/"
    assert client.get("/lv/vardnica/narativa-pieeja/").status_code == 200

    # The old address stays with this entry even when a new entry takes the old term.
    newcomer = make_term("narratīvā pieeja")
    assert newcomer.slug == "narrativa-pieeja-2"
    assert client.get(old)["Location"] == "/lv/vardnica/narativa-pieeja/"
    # Back to the first term: its first address is current again, not a redirect.
    newcomer.delete()
    term.headword = "narratīvā pieeja"
    term.save_revision().publish()
    term.refresh_from_db()
    assert term.slug == "narrativa-pieeja"
    assert client.get(old).status_code == 200
    assert list(FormerSlug.objects.values_list("slug", flat=True)) == ["narativa-pieeja"]


def test_addresses_never_clash_with_the_dictionarys_own_routes(dictionary):
    assert build_term("meklēt").slug == "meklet-2"
    assert build_term("burts").slug == "burts"  # "burts/<letter>/" has two parts: no clash
    assert build_term("Meklēt!").slug == "meklet-3"


def test_bad_page_numbers_give_the_first_or_last_page(client, dictionary):
    for number in range(55):
        build_term(f"sociālais termins {number:02d}")
    first = soup(client.get("/lv/vardnica/burts/s/?page=abc"))
    assert first.select_one(".pagination [aria-current=page]").get_text() == "1"
    last = soup(client.get("/lv/vardnica/burts/s/?page=9999"))
    assert last.select_one(".pagination [aria-current=page]").get_text() == "2"
    assert len(last.select(".entry-list__item")) == 5
    assert client.get("/lv/vardnica/meklet/?q=termins&page=-1").status_code == 200


def _queries(client, url):
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


@pytest.mark.parametrize(
    "url",
    [
        "/lv/vardnica/",
        "/en/dictionary/",
        "/lv/vardnica/burts/s/",
        "/en/dictionary/letter/s/",
        "/lv/vardnica/meklet/?q=socialais",
        "/en/dictionary/search/?q=social",
        "/lv/vardnica/ieteikumi/?q=soc",
        "/en/dictionary/suggest/?q=soc",
        "/lv/vardnica/socialais-termins-00/",
    ],
)
def test_queries_do_not_grow_with_the_number_of_entries(client, dictionary, url):
    def add(start, count):
        for number in range(start, start + count):
            term = build_term(
                f"sociālais termins {number:02d}",
                equivalents=[f"social term {number:02d}", f"social word {number:02d}"],
                synonyms=[f"sociāls vārds {number:02d}"],
            )
            if number:
                relate(term, Term.objects.get(headword="sociālais termins 00"))

    add(0, 4)
    client.get(url)  # warm the per-site caches (chrome, site root paths)
    few = _queries(client, url)
    add(4, 8)
    client.get(url)  # adding entries changed the content version: warm the caches again
    # Never more (autocomplete may need one query fewer once the first one fills the list).
    assert _queries(client, url) <= few


def test_the_home_page_offers_the_dictionary_search(client, dictionary):
    make_term("supervīzija")
    html = soup(client.get("/lv/"))
    section = html.select_one(".home-section--dictionary")
    assert section.h2.get_text() == "Vārdnīca"
    form = section.select_one("form.dictionary-search")
    assert form["action"] == "/lv/vardnica/meklet/"
    assert form["data-suggest-url"] == "/lv/vardnica/ieteikumi/"
    assert section.select_one(".alphabet a")["href"] == "/lv/vardnica/burts/s/"
    english = soup(client.get("/en/"))
    assert english.select_one(".home-section--dictionary form")["action"] == (
        "/en/dictionary/search/"
    )


def test_no_home_section_without_a_dictionary(client, site_tree):
    assert "home-section--dictionary" not in client.get("/lv/").text


def test_entries_can_be_found_by_the_sitewide_search_backend(dictionary):
    """What the site search connects to: Term is indexed with its analysed text."""
    from sitesearch.analysis import analyse

    make_term("supervīzija", equivalents=["supervision"])
    make_term("aprūpe", approved=False)
    found = Term.objects.filter(live=True).search(analyse("supervizijai"))
    assert [term.headword for term in found] == ["supervīzija"]
    assert list(Term.objects.filter(live=True).search(analyse("aprupe"))) == []
    assert Term.objects.get(headword="supervīzija").url == "/lv/vardnica/supervizija/"


def test_dictionary_pages_live_only(client, dictionary):
    dictionary["en"].unpublish()
    assert DictionaryPage.for_language("en") is None
    assert client.get("/en/dictionary/").status_code == 404
    assert Page.objects.filter(pk=dictionary["lv"].pk).live().exists()
