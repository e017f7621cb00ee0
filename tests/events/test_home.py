"""The home page's "upcoming events" section."""

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.events.helpers import conference, days_from_now, discussion, seminar

pytestmark = pytest.mark.django_db


def section(response):
    return BeautifulSoup(response.content, "html.parser").select_one(".home-section--events")


def test_home_shows_the_next_three_events_of_its_language(client, event_index):
    index = event_index["lv"]
    for days, title in ((30, "Trešais"), (3, "Pirmais"), (60, "Ceturtais"), (10, "Otrais")):
        start, end = days_from_now(days)
        discussion(index, title, start, end)
    past, past_end = days_from_now(-3)
    conference(index, "Pagājis", past, past_end)
    start, end = days_from_now(5)
    conference(event_index["en"], "English event", start, end)

    events = section(client.get("/lv/"))
    assert events.h2.get_text(strip=True) == "Gaidāmie pasākumi"
    titles = [a.get_text(strip=True) for a in events.select(".card__title a")]
    assert titles == ["Pirmais", "Otrais", "Trešais"]
    assert events.select_one(".home-section__more a")["href"] == "/lv/pasakumi/"

    english = section(client.get("/en/"))
    assert [a.get_text(strip=True) for a in english.select(".card__title a")] == ["English event"]
    assert english.select_one(".home-section__more a")["href"] == "/en/events/"


def test_no_section_without_upcoming_events(client, event_index):
    past, past_end = days_from_now(-3)
    conference(event_index["lv"], "Pagājis", past, past_end)
    assert section(client.get("/lv/")) is None


def test_home_section_queries_are_fixed(client, event_index):
    def add(count):
        for number in range(count):
            start, end = days_from_now(number + 1)
            seminar(event_index["lv"], f"Seminārs {len(titles)}", [(start, end, "Cēsis", "")])
            titles.append(number)

    def queries():
        client.get("/lv/")
        with CaptureQueriesContext(connection) as captured:
            response = client.get("/lv/")
        assert response.status_code == 200
        return len(captured)

    titles = []
    add(1)
    one = queries()
    add(5)
    assert queries() == one
