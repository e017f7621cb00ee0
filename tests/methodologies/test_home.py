import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext

from methodologies.wagtail_hooks import HOME_ITEMS
from tests.methodologies.test_listing import create_methodologies

pytestmark = pytest.mark.django_db


def section(response):
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser").select_one(".home-section--methodologies")


def test_home_page_shows_the_newest_methodologies_of_its_language(client, index_pages):
    create_methodologies(index_pages["lv"], 2, year=2019)
    create_methodologies(index_pages["lv"], 3, start=10, year=2022)
    create_methodologies(index_pages["en"], 1, start=50, year=2020)
    lv = section(client.get("/lv/"))
    assert lv.h2.get_text() == "Metodikas"
    assert [a.get_text() for a in lv.select(".card__title a")] == [
        "Metodika 010",
        "Metodika 011",
        "Metodika 012",
    ][:HOME_ITEMS]
    assert lv.select_one(".home-section__more a")["href"] == "/lv/metodikas/"
    assert lv.select_one(".home-section__more a").get_text() == "Visas metodikas"
    en = section(client.get("/en/"))
    assert [a.get_text() for a in en.select(".card__title a")] == ["Metodika 050"]
    assert en.select_one(".home-section__more a")["href"] == "/en/methodologies/"


def test_home_page_has_no_methodology_section_without_methodologies(client, index_pages):
    assert section(client.get("/lv/")) is None


def test_home_section_costs_the_same_queries_for_few_or_many(client, index_pages, target_groups):
    groups = [target_groups["seniors"]["lv"]]
    create_methodologies(index_pages["lv"], 1, groups=groups)

    def queries():
        client.get("/lv/")
        with CaptureQueriesContext(connection) as captured:
            client.get("/lv/")
        return len(captured)

    one = queries()
    create_methodologies(index_pages["lv"], 10, start=1, groups=groups)
    assert queries() == one
