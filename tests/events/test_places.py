"""An event's town and planning region are checked against each other (website.places)."""

import pytest
from bs4 import BeautifulSoup
from django.core.exceptions import ValidationError

from events.models import ConferencePage, SeminarOccurrence, SeminarPage
from tests.events.helpers import add_form, riga
from website.choices import PlanningRegion
from website.places import LOCAL_GOVERNMENTS, region_mismatch, region_of

pytestmark = pytest.mark.django_db


def test_towns_and_local_governments_have_their_region():
    assert region_of("Rīga") == PlanningRegion.RIGA
    assert region_of("  riga ") == PlanningRegion.RIGA  # typed without diacritics
    assert region_of("Kuldīga") == PlanningRegion.KURZEME
    assert region_of("Preiļi") == PlanningRegion.LATGALE
    assert region_of("Valmieras novads") == PlanningRegion.VIDZEME
    assert region_of("JELGAVA") == PlanningRegion.ZEMGALE
    # Unknown places are not guessed at: nothing is refused for them.
    assert region_of("Kalnu iela 5") is None
    assert region_mismatch("Kalnu iela 5", "kurzeme") is None
    assert region_mismatch("Rīga", "") is None
    assert region_mismatch("Rīga", "kurzeme") == PlanningRegion.RIGA


def test_the_list_holds_latvias_local_governments_once_each():
    state_cities = {"Rīga", "Daugavpils", "Jelgava", "Jūrmala", "Liepāja", "Rēzekne", "Ventspils"}
    assert state_cities <= set(LOCAL_GOVERNMENTS)
    municipalities = [name for name in LOCAL_GOVERNMENTS if name.endswith(" novads")]
    assert len(municipalities) == len(set(municipalities)) >= 34
    towns = [town for _region, towns in LOCAL_GOVERNMENTS.values() for town in towns]
    assert len(towns) == len(set(towns))


def test_a_conference_in_riga_cannot_be_placed_in_kurzeme(event_index):
    page = ConferencePage(
        title="Konference",
        slug="konference",
        theme="Tēma",
        start=riga(2027, 5, 10, 10),
        end=riga(2027, 5, 10, 16),
        town="Rīga",
        region="kurzeme",
    )
    with pytest.raises(ValidationError) as error:
        page.clean()
    assert "region" in error.value.message_dict
    page.region = "riga"
    page.clean()


def test_an_occurrence_is_checked_too():
    occurrence = SeminarOccurrence(
        start=riga(2027, 5, 12, 10), end=riga(2027, 5, 12, 14), town="Kuldīga", region="latgale"
    )
    with pytest.raises(ValidationError) as error:
        occurrence.clean()
    assert "region" in error.value.message_dict
    occurrence.region = "kurzeme"
    occurrence.clean()


def errors_on(response):
    html = BeautifulSoup(response.content, "html.parser")
    return " ".join(e.get_text(" ", strip=True) for e in html.select(".error-message"))


def test_the_editor_is_told_which_region_the_town_is_in(editor_client, event_index):
    url, data = add_form(editor_client, ConferencePage, event_index["lv"])
    data.update(
        {
            "title": "Konference",
            "slug": "konference",
            "theme": "Tēma",
            "start": "2027-05-10 10:00",
            "end": "2027-05-10 16:00",
            "town": "Rīga",
            "region": "kurzeme",
        }
    )
    response = editor_client.post(url, data)
    assert response.status_code == 200
    assert (
        "Rīga ir plānošanas reģionā „Rīga”, nevis „Kurzeme”: izvēlieties „Rīga” vai labojiet "
        "pilsētu." in errors_on(response)
    )
    assert not ConferencePage.objects.exists()

    data["region"] = "riga"
    assert editor_client.post(url, data).status_code == 302
    assert ConferencePage.objects.get().region == "riga"


def test_a_seminar_visit_in_the_wrong_region_is_refused(editor_client, event_index):
    url, data = add_form(editor_client, SeminarPage, event_index["lv"])
    data.update(
        {
            "title": "Seminārs",
            "slug": "seminars",
            "topic": "Vardarbība",
            "occurrences-TOTAL_FORMS": "1",
            "occurrences-0-start": "2027-05-12 10:00",
            "occurrences-0-end": "2027-05-12 14:00",
            "occurrences-0-town": "Preiļi",
            "occurrences-0-region": "vidzeme",
            "occurrences-0-ORDER": "1",
        }
    )
    response = editor_client.post(url, data)
    assert response.status_code == 200
    assert "Preiļi ir plānošanas reģionā „Latgale”" in errors_on(response)
    assert not SeminarPage.objects.exists()
