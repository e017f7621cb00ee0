"""Demo content of the projects section: the two ESF projects, in Latvian and English.

Facts come from the seed (projects.json, indicators.json, campaign.json, supervision.json),
copied into projects.json beside this file. Where the seed notes a discrepancy, the page shows
the figure as stated and the explanation is kept in the editors' notes.
"""

from datetime import date
from decimal import Decimal
from pathlib import Path

from projects.models import (
    Indicator,
    IndicatorValue,
    ProjectIndexPage,
    ProjectPage,
    SupervisionApproach,
)

DATA = Path(__file__).with_name("projects.json")
LANGUAGE_FIELDS = (
    "title",
    "activities",
    "body",
    "listing_summary",
    "fund",
    "implementing_body",
    "funding_details",
    "target_group",
    "aim",
    "expected_results",
    "supervision_introduction",
    "supervision_note",
    "figures_heading",
    "editor_notes",
)


def load(loader):
    data = loader.read_json(DATA, required_keys=("index", "projects"))
    loader.step("Projects: the two ESF projects, their indicators and supervision approaches")
    index = loader.section(ProjectIndexPage, data["index"])
    for spec in data["projects"]:
        _project(loader, index, spec)


def _figures(spec, language):
    return [{"type": "figure", "value": figure} for figure in spec[language]["figures"]]


def _indicators(spec, language, translation_keys=None):
    """Indicator objects for one language; a translation reuses the source's translation keys."""
    indicators = []
    for position, indicator in enumerate(spec["indicators"]):
        extra = {"translation_key": translation_keys[position]} if translation_keys else {}
        indicators.append(
            Indicator(
                name=indicator[language]["name"],
                unit=indicator[language]["unit"],
                measure=indicator["measure"],
                target=indicator["target"],
                editor_note=indicator["editor_note"],
                values=[
                    IndicatorValue(
                        year=row["year"],
                        value=row["value"],
                        increment=row.get("increment"),
                        note=row.get("note", ""),
                    )
                    for row in indicator["values"]
                ],
                **extra,
            )
        )
    return indicators


def _approaches(spec, language, translation_keys=None):
    approaches = []
    for position, approach in enumerate(spec["supervision"]):
        extra = {"translation_key": translation_keys[position]} if translation_keys else {}
        approaches.append(
            SupervisionApproach(
                start_year=approach["start_year"],
                compensation_percent=approach["compensation_percent"],
                title=approach[language]["title"],
                description=approach[language]["description"],
                **extra,
            )
        )
    return approaches


def _project(loader, index, spec):
    contact = loader.person(spec["contact"]) if spec["contact"] else None
    common = {
        "esf_project": spec["esf_project"],
        "project_number": spec["project_number"],
        "measure_number": spec["measure_number"],
        "start_date": date.fromisoformat(spec["start_date"]),
        "end_date": date.fromisoformat(spec["end_date"]),
        "total_funding": Decimal(spec["total_funding"]),
        "esf_funding": Decimal(spec["esf_funding"]),
    }

    def english(page):
        # English indicator names under the Latvian rows' translation keys, so that
        # wagtail-localize keeps treating them as translations of each other.
        indicator_keys = [indicator.translation_key for indicator in page.indicators.all()]
        approach_keys = [approach.translation_key for approach in page.supervision_approaches.all()]
        return {
            "contact_person": contact and contact.get_translation_or_none(loader.locales["en"]),
            "indicators": _indicators(spec, "en", indicator_keys),
            "supervision_approaches": _approaches(spec, "en", approach_keys),
            "figures": _figures(spec, "en"),
        }

    loader.pair(
        index,
        ProjectPage,
        spec,
        texts=LANGUAGE_FIELDS,
        lv={
            "contact_person": contact,
            "indicators": _indicators(spec, "lv"),
            "supervision_approaches": _approaches(spec, "lv"),
            "figures": _figures(spec, "lv"),
        },
        en=english,
        **common,
    )
