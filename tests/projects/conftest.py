"""A project index and a project page with two indicators, in Latvian and English."""

from datetime import date
from decimal import Decimal

from projects.models import (
    Indicator,
    IndicatorValue,
    ProjectIndexPage,
    ProjectPage,
    SupervisionApproach,
)
from tests.shared import shared_fixture
from tests.utils import add_bilingual_page

OUTPUT = [(2015, 569, None), (2016, 1161, 592), (2017, 1450, 289), (2022, 2393, 138)]
RESULT = [(2016, 1069), (2015, 569), (2019, 1350)]


def output_indicator(name="Iznākuma rādītājs", rows=OUTPUT):
    return Indicator(
        name=name,
        unit="unikālas personas",
        measure=Indicator.CUMULATIVE,
        target=2000,
        values=[
            IndicatorValue(year=year, value=value, increment=increment)
            for year, value, increment in rows
        ],
    )


def result_indicator(name="Rezultāta rādītājs", rows=RESULT):
    return Indicator(
        name=name,
        measure=Indicator.ANNUAL,
        target=1400,
        values=[IndicatorValue(year=year, value=value) for year, value in rows],
    )


@shared_fixture
def project_index(site_tree):
    return add_bilingual_page(
        site_tree["lv"],
        ProjectIndexPage,
        lv={"title": "Projekti", "slug": "projekti", "introduction": "Ministrijas projekti."},
        en={"slug": "projects", "title": "Projects", "introduction": "The ministry's projects."},
    )


def project_fields(**overrides):
    fields = {
        "title": "Profesionāla sociālā darba attīstība pašvaldībās",
        "slug": "profesionala-sociala-darba-attistiba-pasvaldibas",
        "esf_project": "9.2.1.1/15/I/001",
        "project_number": "9.2.1.1/15/I/001",
        "fund": "Eiropas Sociālais fonds (ESF)",
        "start_date": date(2015, 4, 1),
        "end_date": date(2022, 12, 1),
        "total_funding": Decimal("8526615"),
        "esf_funding": Decimal("7247622"),
        "target_group": "Pašvaldību sociālā darba speciālisti.",
        "aim": "Paaugstināt sociālo dienestu darba efektivitāti.",
        "activities": [
            ("activity", {"title": "Apmācības un supervīzija", "summary": "Grupās 12–18."}),
            ("activity", {"title": "Metodiku izstrāde", "summary": ""}),
        ],
        "figures_heading": "Citi notikumi un skaitļi",
        "figures": [
            ("figure", {"value": "12", "text": "pilotprojekti"}),
            ("figure", {"value": "", "text": "Ģimenes asistenta pakalpojuma domnīcas"}),
        ],
        "supervision_approaches": [
            SupervisionApproach(
                start_year=2015, compensation_percent=50, title="1. pieeja", description="50%."
            ),
            SupervisionApproach(start_year=None, compensation_percent=70, title="5. pieeja"),
        ],
        "indicators": [output_indicator(), result_indicator()],
    }
    fields.update(overrides)
    return fields


@shared_fixture
def project(project_index):
    return add_bilingual_page(
        project_index["lv"],
        ProjectPage,
        lv=project_fields(),
        en={
            "slug": "development-of-professional-social-work-in-municipalities",
            "title": "Development of Professional Social Work in Municipalities",
            "aim": "To increase the efficiency of social services.",
            "target_group": "Municipal social work specialists.",
        },
    )
