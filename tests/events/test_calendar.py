"""iCalendar feeds of a programme built once for the module, read back with the icalendar parser
as a calendar app would (test_calendar_own_events.py: the downloads of single events)."""

import pytest
from icalendar import Calendar

from tests.events.helpers import conference, days_from_now, discussion, seminar
from tests.shared import shared_fixture

pytestmark = pytest.mark.django_db

CONTENT_TYPE = "text/calendar; charset=utf-8"


def parse(response):
    assert response.status_code == 200
    assert response["Content-Type"] == CONTENT_TYPE
    return Calendar.from_ical(response.content)


def uids(calendar):
    return [str(event["UID"]) for event in calendar.events]


@shared_fixture
def programme(event_index):
    index = event_index["lv"]
    soon, soon_end = days_from_now(3)
    later, later_end = days_from_now(30)
    past, past_end = days_from_now(-30)
    conference(index, "Nākamā konference", later, later_end)
    conference(index, "Pagājusī konference", past, past_end)
    discussion(index, "Nākamā diskusija", soon, soon_end)
    seminar(
        index,
        "Semināru cikls",
        [
            (past, past_end, "Kuldīga", "kurzeme"),  # the round has begun…
            (soon, soon_end, "Preiļi", "latgale"),  # …and is not over
        ],
    )
    seminar(index, "Nav datuma")
    conference(index, "Aptuveni", later, later_end, date_is_approximate=True)
    english = conference(event_index["en"], "English only", later, later_end)
    return {"soon": soon, "later": later, "english": english}


def summaries(calendar):
    return sorted(str(event["SUMMARY"]) for event in calendar.events)


def test_the_feed_has_every_event_of_the_language(client, programme):
    response = client.get("/lv/pasakumi/ical/")
    assert "Content-Disposition" not in response  # shown or subscribed, not saved
    calendar = parse(response)
    assert summaries(calendar) == [
        "Nākamā diskusija",
        "Nākamā konference",
        "Pagājusī konference",
        "Semināru cikls (Kuldīga)",
        "Semināru cikls (Preiļi)",
    ]
    assert calendar.calendar_name == "Pasākumi"
    assert calendar.refresh_interval.total_seconds() == 12 * 3600
    assert summaries(parse(client.get("/en/events/ical/"))) == ["English only"]


@pytest.mark.parametrize(
    ("kind", "expected"),
    [
        ("conference", ["Nākamā konference", "Pagājusī konference"]),
        ("discussion", ["Nākamā diskusija"]),
        ("seminar", ["Semināru cikls (Kuldīga)", "Semināru cikls (Preiļi)"]),
    ],
)
def test_a_feed_per_type(client, programme, kind, expected):
    calendar = parse(client.get(f"/lv/pasakumi/ical/{kind}/"))
    assert summaries(calendar) == expected
    assert calendar.calendar_name.startswith("Pasākumi: ")


def test_an_unknown_feed_type_is_not_found(client, programme):
    assert client.get("/lv/pasakumi/ical/webinar/").status_code == 404


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("type=conference", ["Nākamā konference", "Pagājusī konference"]),
        ("region=latgale", ["Semināru cikls (Kuldīga)", "Semināru cikls (Preiļi)"]),
        ("type=discussion&region=latgale", []),
        ("type=webinar", None),  # not a choice: ignored, as the list ignores it
    ],
)
def test_the_feed_follows_the_lists_filters(client, programme, query, expected):
    calendar = parse(client.get(f"/lv/pasakumi/ical/?{query}"))
    everything = summaries(parse(client.get("/lv/pasakumi/ical/")))
    assert summaries(calendar) == (everything if expected is None else expected)
    if expected is not None:
        assert calendar.calendar_name.startswith("Pasākumi: ")


def test_a_filtered_list_offers_itself_as_a_calendar(client, programme):
    page = client.get("/lv/pasakumi/", {"type": "conference", "region": "latgale"}).text
    assert "Šis saraksts ar izvēlētajiem filtriem" in page
    assert 'href="/lv/pasakumi/ical/?region=latgale&amp;type=conference"' in page
    assert "Šis saraksts ar izvēlētajiem filtriem" not in client.get("/lv/pasakumi/").text
