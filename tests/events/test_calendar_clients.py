"""Every calendar the site serves, read by three independent iCalendar libraries (icalendar,
ics-py and vobject), as the calendar apps of readers read them; and fetched again as a
subscribed app does, with If-None-Match / If-Modified-Since."""

import datetime as dt

import ics
import pytest
import vobject
from django.db.models import F
from django.utils.http import http_date
from icalendar import Calendar
from wagtail.models import Page, PageLogEntry

from events.models import EventPage
from tests.events.helpers import conference, days_from_now, discussion, riga, seminar

pytestmark = pytest.mark.django_db

FEEDS = [
    "/lv/pasakumi/ical/",
    "/lv/pasakumi/ical/conference/",
    "/lv/pasakumi/ical/discussion/",
    "/lv/pasakumi/ical/seminar/",
    "/en/events/ical/",
    "/en/events/ical/conference/",
]


def read_everywhere(content):
    """(uid, summary, start, end) of every event, the same whichever library reads it."""
    text = content.decode("utf-8")
    calendar = Calendar.from_ical(content)
    # RFC 5545: "calendarc = ... 1*component": a calendar holds at least one component.
    assert calendar.subcomponents, "a VCALENDAR without any component"
    found = sorted((str(e["UID"]), str(e["SUMMARY"]), e.start, e.end) for e in calendar.events)

    parsed = ics.Calendar(text)
    assert sorted((e.uid, e.name, e.begin.datetime, e.end.datetime) for e in parsed.events) == found

    card = vobject.readOne(text)
    events = getattr(card, "vevent_list", [])
    assert (
        sorted((e.uid.value, e.summary.value, e.dtstart.value, e.dtend.value) for e in events)
        == found
    )
    # Nothing but what the site writes: no property smuggled in through a line break.
    for event in calendar.events:
        assert not [name for name in event if name.startswith("X-")], event
    return found


@pytest.fixture
def programme(event_index):
    index = event_index["lv"]
    later, later_end = days_from_now(30)
    past, past_end = days_from_now(-30)
    long_ago = (riga(2021, 3, 4, 10), riga(2021, 3, 4, 16))
    conference(index, "Nākamā konference", later, later_end)
    conference(index, "Pagājusī konference", past, past_end)
    discussion(index, "Sena diskusija", *long_ago)
    seminar(
        index,
        "Semināru cikls",
        [(past, past_end, "Kuldīga", "kurzeme"), (later, later_end, "Preiļi", "latgale")],
    )
    conference(index, "Aptuveni", riga(2019, 11, 14, 10), date_is_approximate=True)
    seminar(index, "Nav datuma")
    return event_index


def summaries(client, url):
    return sorted(summary for _uid, summary, _start, _end in read_everywhere(get(client, url)))


def get(client, url, **headers):
    response = client.get(url, headers=headers)
    assert response.status_code == 200, url
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return response.content


def test_every_library_reads_every_feed(client, programme):
    for url in FEEDS:
        read_everywhere(get(client, url))
    for slug in ("nakama-konference", "pagajusi-konference", "seminaru-cikls", "sena-diskusija"):
        assert read_everywhere(get(client, f"/lv/pasakumi/{slug}/ical/"))


def test_feeds_keep_events_after_they_end(client, programme):
    """A subscribed calendar app removes whatever leaves the feed: past events stay in it."""
    assert summaries(client, "/lv/pasakumi/ical/") == [
        "Nākamā konference",
        "Pagājusī konference",
        "Semināru cikls (Kuldīga)",
        "Semināru cikls (Preiļi)",
        "Sena diskusija",
    ]
    assert summaries(client, "/lv/pasakumi/ical/conference/") == [
        "Nākamā konference",
        "Pagājusī konference",
    ]
    assert summaries(client, "/lv/pasakumi/ical/discussion/") == ["Sena diskusija"]


def test_a_feed_without_events_is_still_a_valid_calendar(client, event_index):
    for url in FEEDS:
        calendar = Calendar.from_ical(get(client, url))
        assert read_everywhere(get(client, url)) == []
        assert [c.name for c in calendar.subcomponents] == ["VTIMEZONE"]
        assert str(calendar.subcomponents[0]["TZID"]) == "Europe/Riga"


def test_an_event_without_an_exact_date_has_no_calendar_file(client, programme):
    """Neither an approximate date nor a seminar without visits can be put in a calendar:
    the page offers no download, and the address answers 404 rather than an empty file."""
    for slug in ("aptuveni", "nav-datuma"):
        page = client.get(f"/lv/pasakumi/{slug}/")
        assert page.status_code == 200 and f"/lv/pasakumi/{slug}/ical/" not in page.text
        assert client.get(f"/lv/pasakumi/{slug}/ical/").status_code == 404


def test_line_breaks_in_a_title_neither_break_nor_inject(client, event_index):
    """A title with CR/LF (an import, a crafted POST) is one line of text in the calendar."""
    start, end = days_from_now(7)
    page = conference(
        event_index["lv"],
        "Konference\r\nX-INJECTED:1\r\nBEGIN:VALARM",
        start,
        end,
        slug="ielauzta-konference",
        venue="Zāle\nX-VENUE:1",
        town="Rīga",
    )
    for url in (page.url + "ical/", "/lv/pasakumi/ical/", "/lv/pasakumi/ical/conference/"):
        events = read_everywhere(get(client, url))
        assert [summary for _uid, summary, _s, _e in events] == [
            "Konference X-INJECTED:1 BEGIN:VALARM"
        ]
        calendar = Calendar.from_ical(get(client, url))
        assert not calendar.walk("VALARM")
        assert str(calendar.events[0]["LOCATION"]) == "Zāle X-VENUE:1, Rīga"


# Conditional requests ----------------------------------------------------------------------


CALENDARS = [
    "/lv/pasakumi/ical/",
    "/lv/pasakumi/ical/seminar/",
    "/lv/pasakumi/pagajusi-konference/ical/",
]


def test_an_unchanged_calendar_answers_304(client, programme):
    for url in CALENDARS:
        response = client.get(url)
        etag, modified = response["ETag"], response["Last-Modified"]
        assert etag.startswith('"') and modified.endswith("GMT")
        again = client.get(url, headers={"If-None-Match": etag})
        assert again.status_code == 304 and again.content == b""
        assert again["ETag"] == etag
        assert client.get(url, headers={"If-Modified-Since": modified}).status_code == 304
        assert client.get(url, headers={"If-None-Match": '"other"'}).status_code == 200
        earlier = http_date(
            (dt.datetime.strptime(modified, "%a, %d %b %Y %H:%M:%S GMT") - dt.timedelta(hours=1))
            .replace(tzinfo=dt.UTC)
            .timestamp()
        )
        assert client.get(url, headers={"If-Modified-Since": earlier}).status_code == 200


def test_a_change_makes_the_calendars_answer_in_full(client, programme):
    url = "/lv/pasakumi/ical/"
    first = client.get(url)
    later, later_end = days_from_now(60)
    discussion(programme["lv"], "Jauna diskusija", later, later_end)
    changed = client.get(url, headers={"If-None-Match": first["ETag"]})
    assert changed.status_code == 200 and changed["ETag"] != first["ETag"]
    assert "Jauna diskusija" in changed.content.decode()

    # Unpublishing an event removes it: a client that sends only If-Modified-Since is told.
    an_hour_ago = F("timestamp") - dt.timedelta(hours=1)
    PageLogEntry.objects.update(timestamp=an_hour_ago)
    Page.objects.update(last_published_at=F("last_published_at") - dt.timedelta(hours=1))
    second = client.get(url)
    EventPage.objects.get(slug="jauna-diskusija").unpublish()
    answer = client.get(url, headers={"If-Modified-Since": second["Last-Modified"]})
    assert answer.status_code == 200
    assert "Jauna diskusija" not in answer.content.decode()
    assert client.get(url, headers={"If-None-Match": second["ETag"]}).status_code == 200
