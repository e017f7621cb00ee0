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
from website.demo.loader import paragraphs

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
    lv, en = spec["lv"], spec["en"]
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
    page = loader.page(
        index,
        ResearchPage,
        lv["slug"],
        title=lv["title"],
        year=spec["year"],
        introduction=lv["introduction"],
        impact=lv["impact"],
        commissioned_by=data["commissioned_by"]["lv"],
        project=data["project"],
        body=paragraphs(lv.get("body", [])),
        reports=[ResearchReportDocument(document=document)],
    )
    loader.translate(
        page,
        slug=en["slug"],
        title=en["title"],
        introduction=en["introduction"],
        impact=en["impact"],
        commissioned_by=data["commissioned_by"]["en"],
        body=paragraphs(en.get("body", [])),
    )


def _publication(loader, index, spec, data):
    lv, en = spec["lv"], spec["en"]
    document = loader.pdf_document(
        lv["title"],
        [
            "Monogrāfija",
            ORGANISATION,
            f"Demonstrācijas dokuments, kas aizstāj īsto izdevumu. Izdevums: {spec['source_url']}",
        ],
        spec["document_filename"],
    )
    page = loader.page(
        index,
        PublicationPage,
        lv["slug"],
        title=lv["title"],
        kind=spec["kind"],
        introduction=lv["introduction"],
        volumes=[PublicationVolume(document=document)],
    )
    loader.translate(page, slug=en["slug"], title=en["title"], introduction=en["introduction"])
