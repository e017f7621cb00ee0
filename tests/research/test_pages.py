import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils.text import slugify
from wagtail.models import Page

from research.models import (
    PublicationAuthor,
    PublicationPage,
    PublicationVolume,
    ResearchIndexPage,
    ResearchPage,
    ResearchReportDocument,
)
from research.validators import isbn_is_valid
from tests.methodologies.utils import make_document
from tests.utils import add_bilingual_page, add_page, soup, translate
from website.models import HomePage, Person, StandardPage

pytestmark = pytest.mark.django_db


@pytest.fixture
def index_pages(site_tree):
    return add_bilingual_page(
        site_tree["lv"],
        ResearchIndexPage,
        lv={"title": "Pētījumi", "slug": "petijumi"},
        en={"slug": "research", "title": "Research"},
    )


def add_study(index, year, title, **fields):
    slug = fields.pop("slug", None) or slugify(title)
    return add_page(index, ResearchPage, title=title, slug=slug, year=year, **fields)


@pytest.fixture
def studies(index_pages):
    report = make_document("Ex-ante ziņojums", size=1_288_490)
    ex_ante = add_study(
        index_pages["lv"],
        2017,
        "Ex-ante izvērtējums",
        slug="ex-ante",
        introduction="Pētījums raksturoja sociālo dienestu darbu.",
        impact="Pamats projekta darbībām, jaunu aktivitāšu pievienošana",
        commissioned_by="Labklājības ministrija",
        performed_by="Pētījumu centrs",
        project="9.2.1.1/15/I/001",
        reports=[ResearchReportDocument(document=report)],
        body=[("paragraph", "<h2>Metodes un izlases</h2><p>3012 respondenti.</p>")],
    )
    translate(
        ex_ante,
        slug="ex-ante",
        title="Ex-ante evaluation",
        impact="Basis for the project's activities; new activities added",
        commissioned_by="Ministry of Welfare",
        body=[("paragraph", "<h2>Methods and samples</h2><p>3012 respondents.</p>")],
    )
    add_study(index_pages["lv"], 2023, "Ex-post pētījums", impact="Ieteikumi nākotnei")
    add_study(index_pages["lv"], 2021, "Profesijas standarts", impact="Jauns standarts")
    add_study(index_pages["lv"], 2023, "Ģimenes asistents", impact="Pakalpojumu grozs")
    return ex_ante


def test_research_index_groups_studies_by_year_newest_first(client, studies):
    html = soup(client.get("/lv/petijumi/"))
    assert html.html["lang"] == "lv"
    sections = html.select(".research-year")
    assert [s.h2.get_text() for s in sections] == ["2023", "2021", "2017"]
    assert [a.get_text() for a in sections[0].select("h3 a")] == [
        "Ex-post pētījums",
        "Ģimenes asistents",
    ]
    row = sections[2].select_one(".listing-row")
    impact = row.select_one(".listing-row__note").get_text(" ", strip=True)
    assert impact == "Ietekme: Pamats projekta darbībām, jaunu aktivitāšu pievienošana"
    # Who did it and for whom, and that its report is there; no summary in the list.
    assert row.select_one(".listing-row__meta").get_text(strip=True) == (
        "Veica: Pētījumu centrs · Pasūtītājs: Labklājības ministrija"
    )
    assert [li.get_text() for li in row.select(".listing-row__available li")] == ["Ziņojums"]
    assert "sociālo dienestu darbu" not in row.get_text()
    assert sections[0].select_one(".listing-row__available") is None
    # The year links jump to the year's section.
    assert [a["href"] for a in html.select(".research-years a")] == [
        "#year-2023",
        "#year-2021",
        "#year-2017",
    ]


def test_english_index_lists_only_english_studies(client, studies):
    html = soup(client.get("/en/research/"))
    assert html.html["lang"] == "en"
    assert [a.get_text() for a in html.select(".listing-row h3 a")] == ["Ex-ante evaluation"]
    assert "Impact" in html.select_one(".listing-row__note").get_text()
    meta = html.select_one(".listing-row__meta").get_text(strip=True)
    assert meta.startswith("Performed by: ") and "Commissioned by: Ministry of Welfare" in meta
    assert [li.get_text() for li in html.select(".listing-row__available li")] == ["Report"]


def test_research_page_shows_who_impact_report_and_body_in_both_languages(client, studies):
    lv = soup(client.get("/lv/petijumi/ex-ante/"))
    facts = lv.select_one(".facts").get_text(" ", strip=True)
    for expected in ("2017", "Labklājības ministrija", "Pētījumu centrs", "Nr. 9.2.1.1/15/I/001"):
        assert expected in facts
    assert lv.select_one(".research__impact p").get_text() == (
        "Pamats projekta darbībām, jaunu aktivitāšu pievienošana"
    )
    assert lv.select_one("#reports-heading").get_text() == "Ziņojums"
    report = lv.select_one(".research__documents .block-document")
    assert report.a["href"].startswith("/documents/")
    assert report.select_one(".block-document__meta").get_text() == "(PDF, 1,2\xa0MB)"
    assert "3012 respondenti." in lv.get_text()
    en = soup(client.get("/en/research/ex-ante/"))
    assert en.select_one(".research__impact p").get_text() == (
        "Basis for the project's activities; new activities added"
    )
    assert "Ministry of Welfare" in en.select_one(".facts").get_text()
    # The report is the Latvian file: the English page says so.
    assert "(PDF, 1.2\xa0MB, in Latvian)" in en.get_text()


def test_research_page_search_methods(studies):
    page = ResearchPage.objects.get(pk=studies.pk)
    assert page.get_search_year() == 2017
    assert [d.title for d in page.get_search_documents()] == ["Ex-ante ziņojums"]
    text = " ".join(page.get_search_text_parts())
    assert "jaunu aktivitāšu" in text and "3012 respondenti." in text
    assert page.card_meta == "2017"


def test_research_index_queries_do_not_grow_with_the_number_of_studies(client, index_pages):
    def queries():
        client.get("/lv/petijumi/")
        with CaptureQueriesContext(connection) as captured:
            response = client.get("/lv/petijumi/")
        assert response.status_code == 200
        return len(captured)

    for year in (2017, 2018, 2019):
        add_study(index_pages["lv"], year, f"Pētījums {year}")
    few = queries()
    for number in range(9):
        add_study(index_pages["lv"], 2020 + number % 4, f"Vēl pētījums {number}")
    assert queries() == few


@pytest.fixture
def monograph(index_pages, locales):
    document = make_document("Sociālais darbs ar gadījumu", size=3_000_000)
    author = Person.objects.create(locale=locales["lv"], name="Ilze Ozola")
    page = add_page(
        index_pages["lv"],
        PublicationPage,
        title="Sociālais darbs ar gadījumu",
        slug="socialais-darbs-ar-gadijumu",
        kind=PublicationPage.Kind.MONOGRAPH,
        introduction="Monogrāfija par sociālo darbu ar gadījumu.",
        publisher="Labklājības ministrija",
        year=2022,
        isbn="978-0-306-40615-7",
        authors=[PublicationAuthor(person=author)],
        volumes=[PublicationVolume(title="1. sējums", document=document, isbn="0-306-40615-2")],
    )
    translate(page, slug="social-casework", title="Social Casework")
    return page


def test_publication_page_renders_in_both_languages(client, monograph):
    lv = soup(client.get("/lv/petijumi/socialais-darbs-ar-gadijumu/"))
    assert lv.select_one(".card__label").get_text() == "Monogrāfija"
    facts = lv.select_one(".facts").get_text(" ", strip=True)
    for expected in ("Autors", "Ilze Ozola", "Labklājības ministrija", "2022", "978-0-306-40615-7"):
        assert expected in facts
    volume = lv.select_one(".research__documents li")
    assert "1. sējums" in volume.get_text()
    assert volume.select_one(".block-document__meta").get_text() == "(PDF, 2,9\xa0MB)"
    assert "ISBN 0-306-40615-2" in volume.get_text()
    en = soup(client.get("/en/research/social-casework/"))
    assert en.h1.get_text() == "Social Casework"
    assert en.select_one(".card__label").get_text() == "Monograph"


def test_publications_are_listed_after_the_studies(client, studies, monograph):
    html = soup(client.get("/lv/petijumi/"))
    section = html.select_one("#publications").parent
    assert [a.get_text() for a in section.select(".listing-row__title a")] == [
        "Sociālais darbs ar gadījumu"
    ]
    assert html.select(".research-year")[-1].find_next("section") == section
    row = section.select_one(".listing-row")
    assert row.select_one(".listing-row__when time")["datetime"] == "2022"
    assert row.select_one(".listing-row__meta").get_text(" ", strip=True) == (
        "Monogrāfija · Ilze Ozola · Labklājības ministrija"
    )
    assert [li.get_text() for li in row.select(".listing-row__available li")] == ["1 sējums"]
    en = soup(client.get("/en/research/")).select_one("#publications").parent
    assert en.select_one(".listing-row__meta").get_text(" ", strip=True).startswith("Monograph · ")
    assert [li.get_text() for li in en.select(".listing-row__available li")] == ["1 volume"]


def test_publication_without_volumes_says_it_cannot_be_downloaded_yet(client, index_pages):
    add_page(index_pages["lv"], PublicationPage, title="Teoriju grāmata", slug="teorijas")
    html = soup(client.get("/lv/petijumi/teorijas/"))
    assert "vēl nav pieejams lejupielādei" in html.select_one(".notice").get_text()


@pytest.mark.parametrize(
    ("isbn", "valid"),
    [
        ("978-0-306-40615-7", True),
        ("9780306406157", True),
        ("0-306-40615-2", True),
        ("0 8044 2957 X", True),
        ("978-0-306-40615-8", False),
        ("0-306-40615-3", False),
        ("ISBN", False),
        ("97803064061", False),
    ],
)
def test_isbn_check_digits(isbn, valid):
    assert isbn_is_valid(isbn) is valid


def test_an_invalid_isbn_is_refused(index_pages):
    page = PublicationPage(title="Grāmata", slug="gramata", isbn="978-0-306-40615-8")
    with pytest.raises(ValidationError) as error:
        page.clean_fields(exclude=["path", "depth", "locale", "translation_key", "content_type"])
    assert "isbn" in error.value.message_dict


def test_tree_rules():
    assert ResearchIndexPage in HomePage.allowed_subpage_models()
    assert set(ResearchIndexPage.allowed_subpage_models()) == {ResearchPage, PublicationPage}
    assert ResearchPage.allowed_parent_page_models() == [ResearchIndexPage]
    assert PublicationPage.allowed_parent_page_models() == [ResearchIndexPage]
    assert ResearchPage.allowed_subpage_models() == []
    assert ResearchIndexPage.max_count_per_parent == 1
    assert StandardPage not in ResearchIndexPage.allowed_subpage_models()


def test_only_one_research_index_per_home_page(index_pages, site_tree):
    assert not ResearchIndexPage.can_create_at(site_tree["lv"])
    assert ResearchPage.can_create_at(Page.objects.get(pk=index_pages["lv"].pk).specific)


@pytest.mark.parametrize("model", ["researchpage", "publicationpage"])
def test_editor_can_open_the_research_forms(client, index_pages, admin_user, model):
    client.force_login(admin_user)
    response = client.get(f"/admin/pages/add/research/{model}/{index_pages['lv'].pk}/")
    assert response.status_code == 200


def test_a_publication_row_names_its_first_author_and_et_al(client, index_pages, locales):
    people = [Person.objects.create(locale=locales["lv"], name=name) for name in ("A", "B")]
    add_page(
        index_pages["lv"],
        PublicationPage,
        title="Divu autoru grāmata",
        slug="divu-autoru",
        year=2020,
        authors=[PublicationAuthor(person=person) for person in people],
    )
    section = soup(client.get("/lv/petijumi/")).select_one("#publications").parent
    row = section.select_one(".listing-row")
    assert row.select_one(".listing-row__meta").get_text(" ", strip=True) == "Grāmata · A u. c."
    assert row.select_one(".listing-row__available") is None  # no volume to download yet
