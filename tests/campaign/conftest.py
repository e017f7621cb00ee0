"""A campaign in both languages: the campaign page, a portrait, a diary entry, the memorandum."""

from datetime import date

from campaign.models import CampaignPage, DiaryEntryPage, MemorandumPage, PortraitPage
from tests.shared import shared_fixture
from tests.utils import add_bilingual_page


def make_image(title="Foto", alt="Sociālā darbiniece pie galda", size=(900, 700)):
    from django.core.files.base import ContentFile
    from wagtail.images import get_image_model

    from website.demo.artwork import draw

    filename = f"{title.lower()}.png"
    # A named file: Django reads an image's dimensions only from a file that has a name.
    content = ContentFile(draw("illustration", size, label=title), name=filename)
    image = get_image_model()(title=title, description=alt)
    image.file.save(filename, content)
    return image


def paragraph(text):
    return [("paragraph", f"<p>{text}</p>")]


@shared_fixture
def campaign(site_tree):
    return add_bilingual_page(
        site_tree["lv"],
        CampaignPage,
        lv={
            "title": "Ceļamies kopā",
            "slug": "celamies-kopa",
            "introduction": "Informatīvā kampaņa par sociālo darbu.",
            "website_url": "https://celamieskopa.lv/",
        },
        en={
            "slug": "lets-rise-together",
            "title": "Let's Rise Together",
            "introduction": "An information campaign on social work.",
        },
    )


@shared_fixture
def portrait(campaign):
    return add_bilingual_page(
        campaign["lv"],
        PortraitPage,
        lv={
            "title": "Ilze: darbs ar ģimenēm",
            "slug": "ilze",
            "person_name": "Ilze",
            "is_pseudonym": True,
            "role": "sociālā darbiniece",
            "municipality": "Kuldīgas novads",
            "planning_region": "kurzeme",
            "photo": make_image(),
            "photo_alt": "Sociālā darbiniece pie galda",
            "quote": "Ģimene pati atrod risinājumu.",
            "story": paragraph("Ilze strādā ar ģimenēm."),
        },
        en={
            "slug": "ilze",
            "title": "Ilze: working with families",
            "role": "social worker",
            "municipality": "Kuldīga Municipality",
            "photo_alt": "A social worker at a table",
            "quote": "A family finds its own solution.",
            "story": paragraph("Ilze works with families."),
        },
    )


@shared_fixture
def diary_entry(campaign, portrait):
    # As wagtail-localize leaves it: the translation still points at the Latvian portrait.
    return add_bilingual_page(
        campaign["lv"],
        DiaryEntryPage,
        lv={
            "title": "Pirmdiena",
            "slug": "pirmdiena",
            "author": portrait["lv"],
            "date": date(2022, 5, 18),
            "body": paragraph("Astoņos no rīta zvana skola."),
        },
        en={"slug": "monday", "title": "Monday", "body": paragraph("At eight the school calls.")},
    )


@shared_fixture
def memorandum(campaign):
    commitments = [
        ("commitment", {"title": "Pietiekami resursi", "text": ""}),
        ("commitment", {"title": "Profesionālā izaugsme", "text": "Atalgojums un darba vide."}),
        ("commitment", {"title": "Starpinstitucionālā sadarbība", "text": ""}),
    ]
    return add_bilingual_page(
        campaign["lv"],
        MemorandumPage,
        lv={
            "title": "Memorands",
            "slug": "memorands",
            "introduction": "Pašvaldības apņemas stiprināt sociālo darbu.",
            "commitments": commitments,
        },
        en={
            "slug": "memorandum",
            "title": "Memorandum",
            "introduction": "Municipalities commit to strengthening social work.",
            "commitments": [
                ("commitment", {"title": "Sufficient resources", "text": ""}),
                ("commitment", {"title": "Professional growth", "text": "Pay and workplace."}),
                ("commitment", {"title": "Inter-institutional cooperation", "text": ""}),
            ],
        },
    )
