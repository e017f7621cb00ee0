"""The campaign with one portrait and no diary entry yet (conftest.py's portrait, built once for
the module): the portrait page and its example label; diary entries added: newest first,
paginated, and a number of queries that does not grow."""

from datetime import date, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from campaign.models import DiaryEntryPage, PortraitPage
from tests.campaign.conftest import make_image, paragraph
from tests.campaign.test_pages import diary_titles
from tests.utils import add_page, soup, text

pytestmark = pytest.mark.django_db


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


def test_example_content_is_labelled_for_readers(client, portrait):
    assert not soup(client.get("/lv/celamies-kopa/ilze/")).select_one(".campaign-example")
    page = portrait["lv"]
    page.is_example = True
    page.save_revision().publish()
    notice = soup(client.get("/lv/celamies-kopa/ilze/")).select_one(".campaign-example")
    assert "nav īsta cilvēka stāsts" in notice.get_text()


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
