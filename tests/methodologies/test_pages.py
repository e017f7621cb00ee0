import pytest

from methodologies.models import (
    MethodologyAuthor,
    MethodologyGuideline,
    MethodologyPage,
    MethodologyRelatedPage,
)
from tests.methodologies.utils import make_document
from tests.utils import add_page, soup, translate
from website.models import Person

pytestmark = pytest.mark.django_db


@pytest.fixture
def seniors(index_pages, target_groups, locales):
    material = make_document("Metodiskais materiāls senioriem", size=2_516_582)
    training = make_document("Klātienes mācību programma senioriem", size=150_000)
    guideline = make_document("Vadlīnijas distancēšanās laikā", size=20_480)
    author = Person.objects.create(locale=locales["lv"], name="Anna Kalniņa", role="pētniece")
    author_en = author.copy_for_translation(locales["en"])
    author_en.role = "researcher"
    author_en.save()
    page = add_page(
        index_pages["lv"],
        MethodologyPage,
        title="Metodika darbam ar senioriem",
        slug="seniori",
        introduction="Kā strādāt ar senioriem viņu dzīvesvietā.",
        target_groups=[target_groups["seniors"]["lv"]],
        year=2021,
        methodical_material=material,
        training_programme=training,
        elearning_url="https://macibas.example.lv/seniori",
        guidelines=[MethodologyGuideline(document=guideline, title="Papildu vadlīnijas")],
        authors=[MethodologyAuthor(person=author)],
        pilot_municipalities=12,
        pilot_participants=60,
        pilot_information="Pilotprojekts ilga sešus mēnešus.",
        body=[("paragraph", "<p>Metodika balstās uz gadījuma vadīšanu.</p>")],
        topics=["sociālais darbs ar senioriem"],
    )
    translate(
        page,
        slug="seniors",
        title="Methodology for work with seniors",
        introduction="How to work with seniors where they live.",
        pilot_information="The pilot lasted six months.",
        body=[("paragraph", "<p>The methodology builds on case management.</p>")],
    )
    return page


def test_methodology_renders_its_components_in_order_in_latvian(client, seniors):
    html = soup(client.get("/lv/metodikas/seniori/"))
    assert html.html["lang"] == "lv"
    assert html.h1.get_text(strip=True) == "Metodika darbam ar senioriem"
    labels = [h.get_text(strip=True) for h in html.select(".components .component__title")]
    assert labels == [
        "Metodiskais materiāls",
        "Klātienes mācību programma",
        "E-mācību programma",
        "Papildu vadlīnijas",
    ]
    material = html.select_one(".component--methodical_material .block-document")
    assert material.a.get_text(strip=True) == "Metodiskais materiāls senioriem"
    assert material.a["href"].startswith("/documents/")
    # Type and size in Latvian number format (filesizeformat keeps the number and unit together).
    meta = material.select_one(".block-document__meta").get_text(strip=True)
    assert meta == "(PDF, 2,4\xa0MB)"
    elearning = html.select_one(".component--elearning a")
    assert elearning["href"] == "https://macibas.example.lv/seniori"
    facts = html.select_one(".facts").get_text(" ", strip=True)
    assert "Seniori" in facts and "2021" in facts and "Anna Kalniņa" in facts
    assert "Pilotprojekts ilga sešus mēnešus." in html.get_text()
    assert "Metodika balstās uz gadījuma vadīšanu." in html.get_text()
    assert html.select_one(".facts a")["href"] == "/lv/metodikas/?target=seniori"


def test_english_translation_names_the_english_target_group_and_person(client, seniors):
    html = soup(client.get("/en/methodologies/seniors/"))
    assert html.html["lang"] == "en"
    labels = [h.get_text(strip=True) for h in html.select(".components .component__title")]
    assert labels[0] == "Methodological material"
    facts = html.select_one(".facts").get_text(" ", strip=True)
    # The translation was copied with the Latvian group and person; it shows their translations.
    assert "Seniors" in facts and "Seniori" not in facts
    assert "researcher" in facts
    assert html.select_one(".facts a")["href"] == "/en/methodologies/?target=seniors"
    # The material is the Latvian document: its link says so, to readers and screen readers.
    material = html.select_one(".component--methodical_material .block-document")
    assert material.select_one(".block-document__meta").get_text() == "(PDF, 2.4\xa0MB, in Latvian)"
    assert (material.a["lang"], material.a["hreflang"]) == ("lv", "lv")


def test_methodology_without_components_says_materials_are_not_published(client, index_pages):
    add_page(index_pages["lv"], MethodologyPage, title="Ģimenes ar bērniem", slug="gimenes")
    html = soup(client.get("/lv/metodikas/gimenes/"))
    assert not html.select(".components")
    assert "Šīs metodikas materiāli vēl nav publicēti." in html.select_one(".notice").get_text()


def test_related_pages_show_in_the_readers_language(client, seniors, index_pages):
    community = add_page(index_pages["lv"], MethodologyPage, title="Kopiena", slug="kopiena")
    translate(community, slug="community", title="Community")
    MethodologyRelatedPage.objects.create(page=seniors, related_page=community)
    # The English translation keeps the link to the Latvian page, as a copied page does.
    seniors_en = seniors.get_translation(
        community.get_translation_or_none(index_pages["en"].locale).locale
    )
    MethodologyRelatedPage.objects.create(page=seniors_en.specific, related_page=community)
    lv = soup(client.get("/lv/metodikas/seniori/"))
    en = soup(client.get("/en/methodologies/seniors/"))
    assert [a["href"] for a in lv.select("#related-heading ~ ul a")] == ["/lv/metodikas/kopiena/"]
    assert [a["href"] for a in en.select("#related-heading ~ ul a")] == [
        "/en/methodologies/community/"
    ]


def test_index_page_renders_in_both_languages(client, seniors):
    lv = soup(client.get("/lv/metodikas/"))
    en = soup(client.get("/en/methodologies/"))
    assert lv.h1.get_text(strip=True) == "Metodikas"
    assert en.h1.get_text(strip=True) == "Methodologies"
    assert [a.get_text() for a in lv.select(".listing-row__title a")] == [
        "Metodika darbam ar senioriem"
    ]
    assert [a.get_text() for a in en.select(".listing-row__title a")] == [
        "Methodology for work with seniors"
    ]
    assert en.select_one(".listing-row__kind").get_text(strip=True) == "Seniors"
    assert en.select_one(".listing-row__when").get_text(strip=True) == "2021"
    assert lv.select_one("label[for=filter-target]").get_text(strip=True) == "Mērķa grupa"


def test_search_text_covers_target_groups_components_and_documents(seniors, index_pages):
    page = MethodologyPage.objects.get(pk=seniors.pk)
    documents = page.get_search_documents()
    assert [doc.title for doc in documents] == [
        "Metodiskais materiāls senioriem",
        "Klātienes mācību programma senioriem",
        "Vadlīnijas distancēšanās laikā",
    ]
    assert page.get_search_year() == 2021
    text = " ".join(page.get_search_text_parts())
    for expected in ("Seniori", "gadījuma vadīšanu", "sociālais darbs ar senioriem"):
        assert expected in text


def test_search_finds_a_methodology_by_inflected_words(seniors):
    from wagtail.search.backends import get_search_backend

    from sitesearch.analysis import analyse

    page = MethodologyPage.objects.get(pk=seniors.pk)
    get_search_backend().add(page)
    # Neither word appears in the page in this form: the analysed text is stemmed.
    results = MethodologyPage.objects.live().search(analyse("senioru", "lv"), operator="or")
    assert page in list(results)
    results = MethodologyPage.objects.live().search(analyse("pilotprojektā", "lv"))
    assert page in list(results)


def test_draft_methodology_is_not_listed(client, index_pages):
    add_page(
        index_pages["lv"], MethodologyPage, title="Melnraksts", slug="melnraksts", publish=False
    )
    assert "Melnraksts" not in client.get("/lv/metodikas/").text


def test_text_of_the_component_pdfs_is_searched_with_the_page(index_pages):
    from django.core.files.base import ContentFile
    from wagtail.documents import get_document_model

    from sitesearch.analysis import analyse
    from website.demo.loader import make_pdf

    document = get_document_model()(title="Vadlīnijas")
    content = make_pdf("Vadlīnijas", ["Attālinātā supervīzija kovidpandēmijas laikā"])
    document.file.save("vadlinijas.pdf", ContentFile(content), save=False)
    document.save()
    page = add_page(
        index_pages["lv"],
        MethodologyPage,
        title="Kopiena",
        slug="kopiena",
        guidelines=[MethodologyGuideline(document=document)],
    )
    page = MethodologyPage.objects.get(pk=page.pk)
    assert analyse("kovidpandēmijas", "lv") in page.search_analysed_text
