from datetime import date, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page, PageViewRestriction

from campaign.models import (
    CampaignPage,
    DiaryEntryPage,
    MemorandumPage,
    PortraitPage,
)
from tests.campaign.conftest import make_image, paragraph
from tests.utils import add_page, soup, text, translate
from website.models import HomePage, StandardPage

pytestmark = pytest.mark.django_db


def test_campaign_page_renders_in_both_languages(client, campaign, portrait, diary_entry):
    lv = soup(client.get("/lv/celamies-kopa/"))
    en = soup(client.get("/en/lets-rise-together/"))
    assert lv.html["lang"] == "lv" and en.html["lang"] == "en"
    assert lv.h1.get_text(strip=True) == "Ceļamies kopā"
    assert en.h1.get_text(strip=True) == "Let's Rise Together"
    assert "Informatīvā kampaņa par sociālo darbu." in text(lv)
    assert "Sociālo darbinieku portreti" in text(lv)
    assert "Portraits of social workers" in text(en)
    assert lv.select_one('a[href="https://celamieskopa.lv/"]')
    # The lists: the portrait card and the diary entry card, each in its language.
    assert lv.select_one(".portrait-card a")["href"] == "/lv/celamies-kopa/ilze/"
    assert en.select_one(".portrait-card a")["href"] == "/en/lets-rise-together/ilze/"
    assert lv.select_one(".campaign__diary .card a")["href"] == "/lv/celamies-kopa/pirmdiena/"
    assert "2022. gada 18. maijs" in text(lv.select_one(".campaign__diary"))
    assert "18 May 2022" in text(en.select_one(".campaign__diary"))


def test_portrait_page_renders_in_both_languages(client, portrait):
    lv = soup(client.get("/lv/celamies-kopa/ilze/"))
    en = soup(client.get("/en/lets-rise-together/ilze/"))
    assert lv.h1.get_text(strip=True) == "Ilze: darbs ar ģimenēm"
    facts = text(lv.select_one(".portrait__facts"))
    assert "Ilze (vārds mainīts)" in facts
    assert "sociālā darbiniece" in facts
    assert "Kuldīgas novads (plānošanas reģions: Kurzeme)" in facts
    assert lv.select_one(".portrait__photo img")["alt"] == "Sociālā darbiniece pie galda"
    assert en.select_one(".portrait__photo img")["alt"] == "A social worker at a table"
    assert "Kuldīga Municipality" in text(en) and "the name has been changed" in text(en)
    assert lv.select_one("blockquote").get_text(strip=True) == "Ģimene pati atrod risinājumu."
    assert "Ilze works with families." in text(en)


def test_diary_entry_renders_in_both_languages_with_its_author(client, diary_entry):
    lv = soup(client.get("/lv/celamies-kopa/pirmdiena/"))
    en = soup(client.get("/en/lets-rise-together/monday/"))
    assert lv.h1.get_text(strip=True) == "Pirmdiena"
    assert lv.select_one("time")["datetime"] == "2022-05-18"
    assert "2022. gada 18. maijs · Ilze, sociālā darbiniece" in text(lv)
    assert "18 May 2022 · Ilze, social worker" in text(en)
    assert "At eight the school calls." in text(en)
    # The English entry still points at the Latvian portrait; readers get the English one.
    assert en.select_one(".diary-entry__author a")["href"] == "/en/lets-rise-together/ilze/"
    assert lv.select_one(".diary-entry__author a")["href"] == "/lv/celamies-kopa/ilze/"


def test_portrait_lists_its_diary_entries_in_its_language(client, diary_entry):
    lv = soup(client.get("/lv/celamies-kopa/ilze/"))
    en = soup(client.get("/en/lets-rise-together/ilze/"))
    assert [a["href"] for a in lv.select(".diary-list a")] == ["/lv/celamies-kopa/pirmdiena/"]
    assert [a["href"] for a in en.select(".diary-list a")] == ["/en/lets-rise-together/monday/"]


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


def test_example_content_is_labelled_for_readers(client, portrait):
    assert not soup(client.get("/lv/celamies-kopa/ilze/")).select_one(".campaign-example")
    page = portrait["lv"]
    page.is_example = True
    page.save_revision().publish()
    notice = soup(client.get("/lv/celamies-kopa/ilze/")).select_one(".campaign-example")
    assert "nav īsta cilvēka stāsts" in notice.get_text()


def test_tree_rules():
    assert CampaignPage in HomePage.allowed_subpage_models()
    assert set(CampaignPage.allowed_subpage_models()) == {
        PortraitPage,
        DiaryEntryPage,
        MemorandumPage,
    }
    assert CampaignPage.allowed_parent_page_models() == [HomePage]
    for model in (PortraitPage, DiaryEntryPage, MemorandumPage):
        assert model.allowed_parent_page_models() == [CampaignPage]
        assert model.allowed_subpage_models() == []
    assert PortraitPage not in StandardPage.allowed_subpage_models()


def test_one_campaign_per_home_and_one_memorandum_per_campaign(campaign, memorandum):
    assert not CampaignPage.can_create_at(Page.objects.get(pk=campaign["lv"].get_parent().pk))
    assert not MemorandumPage.can_create_at(campaign["lv"])
    assert PortraitPage.can_create_at(campaign["lv"])


def add_diary_entries(campaign, portrait, count, start=0):
    first = date(2021, 1, 1)
    for number in range(start, start + count):
        add_page(
            campaign["lv"],
            DiaryEntryPage,
            title=f"Ieraksts {number}",
            slug=f"ieraksts-{number}",
            author=portrait["lv"],
            date=first + timedelta(days=number),
            body=paragraph(f"Teksts {number}."),
            listing_image=make_image(f"Ieraksts{number}"),
        )


def diary_titles(response):
    return [a.get_text(strip=True) for a in soup(response).select(".campaign__diary .card a")]


def test_diary_entries_are_newest_first_and_paginated(client, campaign, portrait):
    add_diary_entries(campaign, portrait, 8)
    first = diary_titles(client.get("/lv/celamies-kopa/"))
    assert first == [f"Ieraksts {n}" for n in range(7, 1, -1)]
    assert diary_titles(client.get("/lv/celamies-kopa/?page=2")) == ["Ieraksts 1", "Ieraksts 0"]
    # Bad page numbers give a normal page, never an error.
    assert diary_titles(client.get("/lv/celamies-kopa/?page=abc")) == first
    assert diary_titles(client.get("/lv/celamies-kopa/?page=999")) == ["Ieraksts 1", "Ieraksts 0"]
    heading = soup(client.get("/lv/celamies-kopa/?page=2")).select_one("#diary-heading")
    assert heading.get_text(strip=True) == "Dienasgrāmatu ieraksti"


def test_campaign_page_queries_do_not_grow_with_portraits_and_entries(client, campaign, portrait):
    def add_portraits(start, count):
        for number in range(start, start + count):
            add_page(
                campaign["lv"],
                PortraitPage,
                title=f"Portrets {number}",
                slug=f"portrets-{number}",
                person_name=f"Vārds {number}",
                role="sociālais darbinieks",
                municipality="Madonas novads",
                photo=make_image(f"Portrets{number}"),
                story=paragraph("Stāsts."),
            )

    def count_queries():
        client.get("/lv/celamies-kopa/")  # renditions are created on the first view
        with CaptureQueriesContext(connection) as queries:
            assert client.get("/lv/celamies-kopa/").status_code == 200
        return len(queries)

    add_portraits(0, 2)
    add_diary_entries(campaign, portrait, 2)
    few = count_queries()
    add_portraits(2, 4)
    add_diary_entries(campaign, portrait, 4, start=2)
    assert count_queries() == few


def test_private_diary_entries_are_not_listed(client, campaign, portrait, diary_entry):
    PageViewRestriction.objects.create(
        page=diary_entry["lv"], restriction_type=PageViewRestriction.LOGIN
    )
    assert diary_titles(client.get("/lv/celamies-kopa/")) == []


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
