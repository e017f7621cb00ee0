"""iCalendar downloads of events each test makes itself (test_calendar.py has the feeds of the
programme it builds once for that module): a conference, a seminar's occurrences, an event
without exact dates, online and mixed events, and feed queries that do not grow."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from events.models import SeminarOccurrence, SeminarPage
from tests.events.helpers import conference, days_from_now, discussion, riga, seminar
from tests.events.test_calendar import parse, uids
from tests.utils import translate

pytestmark = pytest.mark.django_db


def test_a_conference_downloads_as_one_event(client, event_index):
    start, end = riga(2027, 11, 18, 10), riga(2027, 11, 18, 16)
    page = conference(
        event_index["lv"],
        "Sociālā darba konference",
        start,
        end,
        introduction="Gada lielākais pasākums.",
        venue="Latvijas Nacionālā bibliotēka",
        town="Rīga",
    )
    translate(page, slug="social-work-conference", title="Social Work Conference")

    response = client.get("/lv/pasakumi/sociala-darba-konference/ical/")
    assert response["Content-Disposition"] == (
        'attachment; filename="sociala-darba-konference.ics"'
    )
    calendar = parse(response)
    assert len(calendar.events) == 1
    event = calendar.events[0]
    # The same moments, whatever zone they are written in.
    assert event.start == start and event.end == end
    assert str(event["SUMMARY"]) == "Sociālā darba konference"
    assert str(event["LOCATION"]) == "Latvijas Nacionālā bibliotēka, Rīga"
    assert str(event["URL"]) == "http://testserver/lv/pasakumi/sociala-darba-konference/"
    assert "Gada lielākais pasākums." in str(event["DESCRIPTION"])
    assert str(event["UID"]).endswith("@testserver")
    assert calendar.prodid and str(calendar["VERSION"]) == "2.0"

    # Downloading again, or in English, names the same event.
    again = parse(client.get("/lv/pasakumi/sociala-darba-konference/ical/"))
    english = parse(client.get("/en/events/social-work-conference/ical/"))
    assert uids(again) == uids(calendar) == uids(english)
    assert str(english.events[0]["SUMMARY"]) == "Social Work Conference"


def test_a_seminar_has_one_event_per_occurrence_with_stable_uids(client, event_index):
    visits = [
        (riga(2027, 5, 12, 10), riga(2027, 5, 12, 14), "Kuldīga", "kurzeme"),
        (riga(2027, 5, 19, 10), riga(2027, 5, 19, 14), "Preiļi", "latgale"),
        (riga(2027, 10, 6, 9, 30), riga(2027, 10, 6, 13), "Valmiera", "vidzeme"),
    ]
    page = seminar(event_index["lv"], "Vardarbība", visits)
    url = "/lv/pasakumi/vardarbiba/ical/"
    calendar = parse(client.get(url))
    assert len(calendar.events) == 3
    assert [(event.start, event.end) for event in calendar.events] == [
        (start, end) for start, end, _, _ in visits
    ]
    assert [str(event["LOCATION"]) for event in calendar.events] == [
        "Kuldīga",
        "Preiļi",
        "Valmiera",
    ]
    assert str(calendar.events[0]["SUMMARY"]) == "Vardarbība (Kuldīga)"
    first = uids(calendar)
    assert len(set(first)) == 3

    # Editing the seminar (a new revision, one more visit) keeps the existing events' UIDs.
    page = SeminarPage.objects.get(pk=page.pk)
    page.occurrences.add(
        SeminarOccurrence(
            start=riga(2027, 11, 3, 10), end=riga(2027, 11, 3, 14), town="Cēsis", sort_order=3
        )
    )
    page.save_revision().publish()
    after = uids(parse(client.get(url)))
    assert after[:3] == first and len(after) == 4

    # The English translation's visits carry the same UIDs.
    translate(page, slug="violence", title="Violence")
    assert sorted(uids(parse(client.get("/en/events/violence/ical/")))) == sorted(after)


def test_an_event_without_exact_dates_has_no_calendar(client, event_index):
    """An empty VCALENDAR would break RFC 5545 (see test_calendar_clients.py)."""
    seminar(event_index["lv"], "Drīzumā")
    conference(event_index["lv"], "Resursi", riga(2019, 11, 14, 10), date_is_approximate=True)
    assert client.get("/lv/pasakumi/drizuma/ical/").status_code == 404
    assert client.get("/lv/pasakumi/resursi/ical/").status_code == 404


def test_online_and_mixed_events_say_where_to_join(client, event_index):
    start, end = days_from_now(5)
    discussion(
        event_index["lv"],
        "Tiešsaistes diskusija",
        start,
        end,
        attendance_mode="mixed",
        town="Rīga",
        online_url="https://video.example.org/d",
    )
    event = parse(client.get("/lv/pasakumi/tiessaistes-diskusija/ical/")).events[0]
    assert str(event["LOCATION"]) == "Rīga; https://video.example.org/d"


def test_the_feed_queries_do_not_grow_with_the_number_of_events(client, event_index):
    def add(start, count):
        for number in range(start, start + count):
            begin, end = days_from_now(number + 1)
            conference(event_index["lv"], f"Konference {number}", begin, end)
            seminar(
                event_index["lv"],
                f"Seminārs {number}",
                [(begin, end, "Kuldīga", "kurzeme"), (end, end, "Preiļi", "latgale")],
            )

    def queries():
        client.get("/lv/pasakumi/ical/")
        with CaptureQueriesContext(connection) as captured:
            calendar = parse(client.get("/lv/pasakumi/ical/"))
        return len(captured), len(calendar.events)

    add(0, 2)
    few, events = queries()
    assert events == 6
    add(2, 4)
    many, events = queries()
    assert events == 18
    assert many == few
