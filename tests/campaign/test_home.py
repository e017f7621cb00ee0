"""The campaign's section on the home page."""

from datetime import date

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext

from campaign.models import DiaryEntryPage
from tests.campaign.conftest import make_image, paragraph
from tests.utils import add_page, translate

pytestmark = pytest.mark.django_db


def add_entries(campaign, portrait, start, count):
    for number in range(start, start + count):
        entry = add_page(
            campaign["lv"],
            DiaryEntryPage,
            title=f"Ieraksts {number}",
            slug=f"ieraksts-{number}",
            author=portrait["lv"],
            date=date(2022, 1, 1 + number),
            body=paragraph("Teksts."),
            listing_image=make_image(f"Attels{number}"),
        )
        translate(entry, slug=f"entry-{number}", title=f"Entry {number}")


def section(client, url):
    html = BeautifulSoup(client.get(url).content, "html.parser")
    return html.select_one(".home-section--campaign")


def test_home_page_shows_the_newest_diary_entries_in_its_language(client, campaign, portrait):
    add_entries(campaign, portrait, 0, 4)
    lv = section(client, "/lv/")
    assert lv.h2.get_text(strip=True) == "Ceļamies kopā"
    assert [a.get_text(strip=True) for a in lv.select(".card__title a")] == [
        "Ieraksts 3",
        "Ieraksts 2",
        "Ieraksts 1",
    ]
    assert lv.select_one(".home-section__more a")["href"] == "/lv/celamies-kopa/"
    en = section(client, "/en/")
    assert en.select_one(".card__title a")["href"] == "/en/lets-rise-together/entry-3/"
    assert en.select_one(".home-section__more a")["href"] == "/en/lets-rise-together/"


def test_home_section_is_left_out_without_diary_entries(client, campaign):
    assert section(client, "/lv/") is None


def test_home_section_costs_the_same_queries_for_any_number_of_entries(client, campaign, portrait):
    def count():
        client.get("/lv/")
        with CaptureQueriesContext(connection) as queries:
            client.get("/lv/")
        return len(queries)

    add_entries(campaign, portrait, 0, 1)
    one = count()
    add_entries(campaign, portrait, 1, 5)
    assert count() == one
