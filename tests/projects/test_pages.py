import re
from datetime import date
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from projects.models import ProjectIndexPage, ProjectPage
from tests.projects.conftest import output_indicator, project_fields
from tests.utils import add_page, soup, text, translate
from website.models import HomePage

pytestmark = pytest.mark.django_db

LV_URL = "/lv/projekti/profesionala-sociala-darba-attistiba-pasvaldibas/"
EN_URL = "/en/projects/development-of-professional-social-work-in-municipalities/"


def facts(html):
    dl = html.select_one(".project__facts")
    # Collapses spaces and newlines but keeps the no-break spaces that group digits.
    return {
        dt.get_text(strip=True): re.sub(
            r"[ \t\n]+", " ", dt.find_next_sibling("dd").get_text()
        ).strip()
        for dt in dl.find_all("dt")
    }


def test_project_page_renders_its_facts_in_both_languages(client, project):
    lv = soup(client.get(LV_URL))
    en = soup(client.get(EN_URL))
    assert lv.html["lang"] == "lv" and en.html["lang"] == "en"
    assert lv.h1.get_text(strip=True) == "Profesionāla sociālā darba attīstība pašvaldībās"
    assert en.h1.get_text(strip=True) == "Development of Professional Social Work in Municipalities"
    assert lv.select_one(".lead").get_text(strip=True) == (
        "Paaugstināt sociālo dienestu darba efektivitāti."
    )
    lv_facts = facts(lv)
    assert lv_facts["Projekta numurs"] == "9.2.1.1/15/I/001"
    assert lv_facts["Īstenošanas laiks"] == "2015. gada aprīlis – 2022. gada decembris"
    assert lv_facts["Kopējais finansējums"] == "8\xa0526\xa0615 eiro"
    # The share is computed from the two amounts (7 247 622 / 8 526 615), not typed.
    assert lv_facts["T. sk. ES fonda finansējums"] == "7\xa0247\xa0622 eiro (85 % no kopsummas)"
    assert lv_facts["Mērķa grupa"] == "Pašvaldību sociālā darba speciālisti."
    en_facts = facts(en)
    assert en_facts["Period"] == "April 2015 – December 2022"
    assert en_facts["Total funding"] == "EUR 8,526,615"
    assert en_facts["Of which EU fund financing"] == "EUR 7,247,622 (85% of the total)"
    assert en_facts["Target group"] == "Municipal social work specialists."


def test_activities_are_a_numbered_list(client, project):
    html = soup(client.get(LV_URL))
    items = html.select(".project__activities ol.activities > li")
    assert [li.select_one(".activities__title").get_text() for li in items] == [
        "Apmācības un supervīzija",
        "Metodiku izstrāde",
    ]
    assert "Grupās 12–18." in text(items[0])


def test_activity_headings_and_text_split_the_list(client, project_index):
    page = add_page(
        project_index["lv"],
        ProjectPage,
        **project_fields(
            slug="otrs",
            activities=[
                ("heading", "Turpinās"),
                ("activity", {"title": "Supervīzija", "summary": ""}),
                ("paragraph", "<p>Projekta darbības ietver arī:</p>"),
                ("activity", {"title": "Līderības mācības", "summary": ""}),
                ("activity", {"title": "Grāmata", "summary": ""}),
            ],
        ),
    )
    html = soup(client.get(page.url))
    section = html.select_one(".project__activities")
    assert section.h3.get_text() == "Turpinās"
    assert [len(ol.find_all("li")) for ol in section.select("ol")] == [1, 2]
    assert "Projekta darbības ietver arī:" in text(section)


def test_supervision_approaches_form_a_timeline(client, project):
    html = soup(client.get(LV_URL))
    items = html.select(".timeline__item")
    assert [item.select_one(".timeline__when").get_text(strip=True) for item in items] == [
        "No 2015. gada",
        "Gads nav norādīts",
    ]
    assert items[0].select_one(".timeline__percent").get_text(strip=True) == (
        "Kompensēti 50 % izmaksu"
    )
    assert items[1].h3.get_text(strip=True) == "5. pieeja"


def test_figures_block(client, project):
    html = soup(client.get(LV_URL))
    section = html.select_one(".project__figures")
    assert section.h2.get_text(strip=True) == "Citi notikumi un skaitļi"
    items = section.select(".figures__item")
    assert items[0].select_one(".figures__value").get_text() == "12"
    assert items[1].select_one(".figures__value") is None


def test_editor_notes_are_not_shown(client, project):
    page = project["lv"]
    page.editor_notes = "Avotos finansējums atšķiras."
    page.save_revision().publish()
    assert "Avotos finansējums atšķiras." not in client.get(LV_URL).text


def test_index_lists_the_projects_in_its_language(client, project):
    lv = soup(client.get("/lv/projekti/"))
    en = soup(client.get("/en/projects/"))
    assert lv.h1.get_text(strip=True) == "Projekti"
    assert [a["href"] for a in lv.select(".project-summary h2 a")] == [LV_URL]
    assert [a["href"] for a in en.select(".project-summary h2 a")] == [EN_URL]
    assert "2015. gada aprīlis – 2022. gada decembris" in text(lv)


def test_tree_rules(project_index):
    assert ProjectIndexPage in HomePage.allowed_subpage_models()
    assert ProjectIndexPage.allowed_subpage_models() == [ProjectPage]
    assert ProjectPage.allowed_parent_page_models() == [ProjectIndexPage]
    assert ProjectPage.allowed_subpage_models() == []
    assert not ProjectIndexPage.can_create_at(project_index["lv"].get_parent())


def test_translation_copies_indicators_in_the_new_language(project):
    english = project["en"]
    indicators = list(english.indicators.all())
    assert [indicator.name for indicator in indicators] == [
        "Iznākuma rādītājs",
        "Rezultāta rādītājs",
    ]
    assert {indicator.locale.language_code for indicator in indicators} == {"en"}
    source_keys = [indicator.translation_key for indicator in project["lv"].indicators.all()]
    assert [indicator.translation_key for indicator in indicators] == source_keys
    assert [row.value for row in indicators[0].rows] == [569, 1161, 1450, 2393]


def test_project_page_queries_do_not_grow_with_indicators(client, project_index):
    def count(url):
        client.get(url)
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        return len(queries)

    small = add_page(project_index["lv"], ProjectPage, **project_fields(slug="mazs"))
    many_rows = [(year, year - 2000, 1) for year in range(2000, 2024)]
    big = add_page(
        project_index["lv"],
        ProjectPage,
        **project_fields(
            slug="liels",
            indicators=[output_indicator(f"Rādītājs {n}", many_rows) for n in range(6)],
        ),
    )
    assert count(big.url) == count(small.url)


def test_index_queries_do_not_grow_with_projects(client, project_index):
    def count():
        client.get("/lv/projekti/")
        with CaptureQueriesContext(connection) as queries:
            client.get("/lv/projekti/")
        return len(queries)

    add_page(project_index["lv"], ProjectPage, **project_fields(slug="p0"))
    one = count()
    for number in range(1, 4):
        add_page(project_index["lv"], ProjectPage, **project_fields(slug=f"p{number}"))
    assert count() == one


def test_project_without_funding_or_end_date_renders(client, project_index):
    page = add_page(
        project_index["lv"],
        ProjectPage,
        **project_fields(
            slug="bez-summas",
            total_funding=None,
            esf_funding=None,
            end_date=None,
            start_date=date(2022, 10, 1),
            indicators=[],
            supervision_approaches=[],
            figures=[],
        ),
    )
    html = soup(client.get(page.url))
    assert facts(html)["Īstenošanas laiks"] == "2022. gada oktobris"
    assert "Kopējais finansējums" not in facts(html)
    assert html.select_one(".project__supervision") is None
    assert "Šī projekta rādītāji vēl nav publicēti." in text(
        html.select_one(".project__indicators")
    )


def test_esf_share_is_computed():
    page = ProjectPage(total_funding=Decimal("12470000"), esf_funding=Decimal("10599500"))
    assert page.esf_share == Decimal("85.0")
    assert ProjectPage(total_funding=Decimal("3"), esf_funding=Decimal("1")).esf_share == Decimal(
        "33.3"
    )
    assert ProjectPage(total_funding=None, esf_funding=Decimal("1")).esf_share is None


def test_indicator_measures(project):
    output, result = project["lv"].indicators.all()
    assert output.is_cumulative and not result.is_cumulative
    assert [row.year for row in result.rows] == [2015, 2016, 2019]


def test_counts_read_one_way_in_each_language(client, project_index):
    """Figures typed as "3 099" and as "2603" and the indicators' values read alike: Latvian
    groups thousands with a no-break space, English with a comma; years and text stay as typed."""
    figures = [
        ("figure", {"value": "3 099", "text": "personas"}),
        ("figure", {"value": "2603", "text": "no tām"}),
        ("figure", {"value": "85 %", "text": "ESF+"}),
    ]
    lv = add_page(
        project_index["lv"], ProjectPage, **project_fields(slug="skaitli", figures=figures)
    )
    en = translate(lv, slug="figures", title="Figures")
    expected = {lv.url: ("3\xa0099", "2\xa0603", "1\xa0161"), en.url: ("3,099", "2,603", "1,161")}
    for url, (planned, improved, total) in expected.items():
        html = soup(client.get(url))
        values = [v.get_text() for v in html.select(".figures__value")]
        assert values == [planned, improved, "85 %"], url
        row = [cell.get_text(strip=True) for cell in html.select(".indicator tbody tr")[1]("td")]
        assert html.select(".indicator tbody tr")[1].th.get_text() == "2016"
        assert row == [total, "+592"], url
