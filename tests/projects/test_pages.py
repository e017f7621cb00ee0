import re
from decimal import Decimal

from projects.models import ProjectPage
from tests.utils import soup, text

# No module-wide django_db mark: the tests that use the database ask for `project`, built once
# for the module (tests/shared.py); the ESF share test uses none.

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
