"""Campaign pages with what each test adds itself (the campaign alone, built once for the
module): a portrait without a photo, video stories."""

import pytest

from campaign.models import PortraitPage
from tests.campaign.conftest import paragraph
from tests.utils import add_page, soup, translate

pytestmark = pytest.mark.django_db


def test_translation_of_a_portrait_without_photo_renders(client, campaign):
    page = add_page(
        campaign["lv"],
        PortraitPage,
        title="Bez foto",
        slug="bez-foto",
        person_name="Jānis",
        role="sociālais darbinieks",
        municipality="Rīga",
        story=paragraph("Stāsts."),
    )
    translate(page, slug="no-photo", title="No photo", story=paragraph("Story."))
    html = soup(client.get("/en/lets-rise-together/no-photo/"))
    assert html.select_one(".portrait__photo") is None
    assert html.find("meta", attrs={"name": "twitter:card"})["content"] == "summary"


def test_video_stories_are_embedded_with_their_titles(client, campaign):
    from wagtail.embeds.embeds import get_embed_hash
    from wagtail.embeds.models import Embed

    url = "https://www.youtube.com/watch?v=celamies"
    # A stored embed, as Wagtail keeps them after the first lookup: the test needs no network.
    Embed.objects.create(
        url=url,
        hash=get_embed_hash(url),
        type="video",
        html='<iframe src="https://www.youtube-nocookie.com/embed/celamies"></iframe>',
        provider_name="YouTube",
    )
    page = campaign["lv"]
    page.video_stories = [("video", {"video": url, "title": "Sociālā darbiniece Ilze"})]
    page.save_revision().publish()
    section = soup(client.get("/lv/celamies-kopa/")).select_one(".campaign__videos")
    assert section.h2.get_text(strip=True) == "Video stāsti"
    assert section.select_one("iframe")["src"].startswith("https://www.youtube-nocookie.com/")
    assert section.select_one("figcaption").get_text(strip=True) == "Sociālā darbiniece Ilze"
