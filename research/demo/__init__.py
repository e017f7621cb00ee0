"""Demo content of the Research section: the project's studies 2017–2023 and its monograph.

Each study and publication gets a generated one-page PDF naming it, so that the pages link real
documents while the demo stays offline.
"""

from pathlib import Path

from research.models import (
    PublicationPage,
    PublicationVolume,
    ResearchIndexPage,
    ResearchPage,
    ResearchReportDocument,
)

DATA = Path(__file__).with_name("research.json")
REQUIRED = ("index", "commissioned_by", "project", "source_url", "studies", "publications")
ORGANISATION = "Labklājības ministrija"


def load(loader):
    data = loader.read_json(DATA, required_keys=REQUIRED)
    loader.step("Research and publications")
    index = loader.section(ResearchIndexPage, data["index"])
    for spec in data["studies"]:
        _study(loader, index, spec, data)
    for spec in data["publications"]:
        _publication(loader, index, spec, data)


def _study(loader, index, spec, data):
    lv = spec["lv"]
    document = loader.pdf_document(
        lv["title"],
        [
            f"Pētījums, {spec['year']}",
            f"Ietekme: {lv['impact']}",
            f"ESF projekts Nr. {data['project']}",
            ORGANISATION,
            f"Demonstrācijas dokuments, kas aizstāj īsto ziņojumu. Pētījumi: {data['source_url']}",
        ],
        spec["document_filename"],
    )
    loader.pair(
        index,
        ResearchPage,
        spec,
        texts=("title", "introduction", "impact", "body"),
        lv={"commissioned_by": data["commissioned_by"]["lv"]},
        en={"commissioned_by": data["commissioned_by"]["en"]},
        year=spec["year"],
        project=data["project"],
        reports=[ResearchReportDocument(document=document)],
    )


def _publication(loader, index, spec, data):
    lv = spec["lv"]
    document = loader.pdf_document(
        lv["title"],
        [
            "Monogrāfija",
            ORGANISATION,
            f"Demonstrācijas dokuments, kas aizstāj īsto izdevumu. Izdevums: {spec['source_url']}",
        ],
        spec["document_filename"],
    )
    loader.pair(
        index,
        PublicationPage,
        spec,
        texts=("title", "introduction"),
        kind=spec["kind"],
        volumes=[PublicationVolume(document=document)],
    )
