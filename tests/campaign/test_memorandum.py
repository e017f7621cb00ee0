"""The memorandum page (conftest.py's memorandum, built once for the module): its commitments in
both languages, the campaign's link to it, one of each per campaign and home. Its tracker:
test_tracker.py."""

import pytest
from wagtail.models import Page

from campaign.models import CampaignPage, MemorandumPage, PortraitPage
from tests.utils import soup, text

pytestmark = pytest.mark.django_db


def test_memorandum_renders_its_commitments_in_both_languages(client, memorandum):
    lv = soup(client.get("/lv/celamies-kopa/memorands/"))
    en = soup(client.get("/en/lets-rise-together/memorandum/"))
    assert lv.h1.get_text(strip=True) == "Memorands"
    titles = [h.get_text(strip=True) for h in lv.select(".commitments h3")]
    assert titles == [
        "Pietiekami resursi",
        "Profesionālā izaugsme",
        "Starpinstitucionālā sadarbība",
    ]
    assert "Atalgojums un darba vide." in text(lv.select_one(".commitments"))
    assert [h.get_text(strip=True) for h in en.select(".commitments h3")][2] == (
        "Inter-institutional cooperation"
    )
    assert lv.select_one("h2#commitments-heading").get_text(strip=True) == "Apņemšanās"


def test_campaign_links_to_its_memorandum(client, memorandum):
    link = soup(client.get("/en/lets-rise-together/")).select_one(".campaign__memorandum a")
    assert link["href"] == "/en/lets-rise-together/memorandum/"


def test_one_campaign_per_home_and_one_memorandum_per_campaign(campaign, memorandum):
    assert not CampaignPage.can_create_at(Page.objects.get(pk=campaign["lv"].get_parent().pk))
    assert not MemorandumPage.can_create_at(campaign["lv"])
    assert PortraitPage.can_create_at(campaign["lv"])
