"""The campaign's demo content: both languages, honest about what is example data, idempotent."""

import pytest
from bs4 import BeautifulSoup
from PIL import Image as PILImage
from wagtail.models import Page

import campaign.demo
from campaign.models import CampaignPage, DiaryEntryPage, Municipality, PortraitPage
from tests.utils import assert_demo_loads_once, load_demo

pytestmark = pytest.mark.django_db


def test_demo_content_loads_in_both_languages_and_only_once(client, locales):
    assert_demo_loads_once(campaign.demo, counted=[Municipality.objects.all()])

    lv = CampaignPage.objects.get(locale=locales["lv"])
    en = lv.get_translation(locales["en"])
    assert (lv.slug, en.slug) == ("celamies-kopa", "lets-rise-together")
    assert lv.website_url == "https://celamieskopa.lv/"
    assert PortraitPage.objects.filter(locale=locales["en"], is_example=True).count() == 3
    # Every English diary entry names the English portrait of its author.
    for entry in DiaryEntryPage.objects.filter(locale=locales["en"]).select_related("author"):
        assert entry.author.locale_id == locales["en"].pk


def test_demo_memorandum_counts_31_municipalities_marked_as_demo(client, locales):
    load_demo(campaign.demo)
    assert Municipality.objects.count() == 31
    assert not Municipality.objects.filter(is_demo=False).exists()
    # The seed does not say when or by which decision any of them joined: nothing is invented.
    assert not Municipality.objects.exclude(date_joined=None).exists()
    assert not Municipality.objects.exclude(decision_reference="").exists()
    html = BeautifulSoup(client.get("/lv/celamies-kopa/memorands/").content, "html.parser")
    assert html.select_one(".tracker__total").get_text(strip=True) == (
        "Memorandam pievienojusies 31 pašvaldība."
    )
    assert "Demonstrācijas dati" in html.select_one(".tracker .notice").get_text()
    commitments = [h.get_text(strip=True) for h in html.select(".commitments h3")]
    assert commitments == [
        "Pietiekami administratīvie, finanšu, cilvēkresursi",
        "Profesionālā izaugsme, atalgojums, darba vide",
        "Starpinstitucionālā sadarbība",
    ]
    english = BeautifulSoup(client.get("/en/lets-rise-together/memorandum/").content, "html.parser")
    assert english.select_one(".tracker__total").get_text(strip=True) == (
        "31 municipalities have joined the memorandum."
    )


def test_demo_pages_render(client, locales):
    load_demo(campaign.demo)
    for page in Page.objects.type(CampaignPage, PortraitPage, DiaryEntryPage).live():
        response = client.get(page.url)
        assert response.status_code == 200, page.url
    html = BeautifulSoup(client.get("/en/lets-rise-together/ilze/").content, "html.parser")
    assert "not a real person's story" in html.select_one(".campaign-example").get_text()


def test_each_portrait_is_a_square_picture_in_a_colour_of_its_own(locales):
    load_demo(campaign.demo)
    colours = set()
    for portrait in PortraitPage.objects.filter(locale=locales["lv"]).select_related("photo"):
        with portrait.photo.open_file() as handle, PILImage.open(handle) as photo:
            photo = photo.convert("RGB")
        width, height = photo.size
        # Square as the cards crop it, and never scaled up for the largest one (480 px).
        assert width == height >= 480
        name_band = photo.crop((0, height * 0.84, width, height))
        (_, ground), (_, letters) = sorted(name_band.getcolors(1 << 20), reverse=True)[:2]
        assert letters == (255, 255, 255)
        colours.add(ground)
        assert portrait.person_name in portrait.photo.description
    assert len(colours) == 3
