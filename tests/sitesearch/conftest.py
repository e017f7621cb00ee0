"""Pages the site search's page tests search: three in Latvian, one translated to English."""

from tests.shared import shared_fixture
from tests.sitesearch.helpers import paragraphs
from tests.utils import add_page, translate
from website.models import StandardPage


@shared_fixture
def pages(site_tree):
    lv = site_tree["lv"]
    worker = add_page(
        lv,
        StandardPage,
        title="Sociālais darbinieks pašvaldībā",
        listing_summary="Kā strādā sociālais darbinieks ar ģimenēm un bērniem.",
        topics=["Ģimenes"],
    )
    seniors = add_page(
        lv,
        StandardPage,
        title="Sociālais darbs ar senioriem",
        listing_summary="Atbalsts vecāka gadagājuma cilvēkiem mājās.",
        body=paragraphs("Supervīzija palīdz speciālistiem kopienā un sociālajā darbā."),
        topics=["Seniori"],
    )
    refugees = add_page(
        lv,
        StandardPage,
        title="Darbs ar bēgļiem",
        listing_summary="Starpkultūru sociālais darbs 2022. gadā.",
        topics=["Ģimenes"],
    )
    worker_en = translate(
        worker,
        slug="social-worker",
        title="The social worker in a municipality",
        listing_summary="How social workers support families and children.",
    )
    return {"worker": worker, "seniors": seniors, "refugees": refugees, "worker_en": worker_en}
