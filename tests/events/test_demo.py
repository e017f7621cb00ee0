"""The Events section of the demo site: the seed's events in both languages, two upcoming."""

from datetime import date

import pytest
from wagtail.models import Page, Revision

import events.demo
from events.models import ConferencePage, DiscussionPage, EventPage, SeminarPage
from tests.utils import assert_demo_loads_once, load_demo

pytestmark = pytest.mark.django_db


def counts():
    return {"pages": Page.objects.count(), "revisions": Revision.objects.count()}


def test_demo_events_load_in_both_languages_and_only_once(client, locales):
    assert_demo_loads_once(events.demo)

    for language in ("lv", "en"):
        in_language = {"locale__language_code": language}
        conferences = ConferencePage.objects.live().filter(**in_language)
        assert sorted(page.year for page in conferences) == list(range(2016, 2024))
        # 17 discussions of 2016–2023 and an upcoming example.
        assert DiscussionPage.objects.live().filter(**in_language).count() == 18
        # 8 yearly seminars, the Kuldīga and Preiļi regional events, an upcoming example.
        assert SeminarPage.objects.live().filter(**in_language).count() == 11
        assert EventPage.objects.live().filter(**in_language).upcoming().count() == 2

    conference = ConferencePage.objects.get(locale=locales["lv"], start__year=2022)
    assert conference.title == "Viņi ir mēs" and conference.date_is_approximate
    assert conference.materials.count() == 1
    kuldiga = SeminarPage.objects.get(locale=locales["lv"], title="2020. gads Kurzeme (Kuldīga)")
    assert [(o.town, o.region) for o in kuldiga.occurrences.all()] == [("Kuldīga", "kurzeme")]

    assert client.get("/lv/pasakumi/").status_code == 200
    assert client.get("/en/events/?region=latgale").status_code == 200
    assert client.get("/lv/pasakumi/2022-vini-ir-mes/").status_code == 200
    assert client.get("/en/events/2022-they-are-us/").status_code == 200


def test_a_later_run_moves_finished_examples_to_upcoming_dates(locales, monkeypatch):
    with monkeypatch.context() as patched:
        # A run long ago: its examples are over by now.
        patched.setattr(events.demo.timezone, "localdate", lambda **kwargs: date(2001, 1, 1))
        load_demo(events.demo)
    assert not EventPage.objects.upcoming().exists()

    load_demo(events.demo)
    for language in ("lv", "en"):
        upcoming = EventPage.objects.filter(locale=locales[language]).upcoming()
        assert upcoming.count() == 2
    first = counts()
    load_demo(events.demo)
    assert counts() == first
