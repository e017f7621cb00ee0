import pytest
from django.core.exceptions import ValidationError
from django.utils import translation
from wagtail.models import Page

from events.models import (
    ConferencePage,
    DiscussionPage,
    EventIndexPage,
    EventPage,
    SeminarOccurrence,
    SeminarPage,
)
from tests.events.helpers import conference, discussion, riga, seminar
from website.models import HomePage

pytestmark = pytest.mark.django_db

# The moment the tests stand at: the queries take "now" as a parameter.
NOW = riga(2024, 3, 15, 12, 0)


def titles(queryset):
    return [page.title for page in queryset]


@pytest.fixture
def timeline(event_index):
    index = event_index["lv"]
    return {
        "ended": conference(index, "Beigusies", riga(2024, 3, 14, 10), riga(2024, 3, 14, 16)),
        "last_year": conference(index, "Pērnā", riga(2023, 11, 16, 10)),
        "running": discussion(index, "Notiek", riga(2024, 3, 15, 11), riga(2024, 3, 15, 13)),
        "ends_now": discussion(index, "Beidzas tagad", riga(2024, 3, 15, 10), NOW),
        "tomorrow": discussion(index, "Rīt", riga(2024, 3, 16, 13)),
        "undated": seminar(index, "Vēl bez datuma"),
        "round": seminar(
            index,
            "Semināru cikls",
            [
                (riga(2024, 3, 1, 10), riga(2024, 3, 1, 14), "Kuldīga", "kurzeme"),
                (riga(2024, 4, 5, 10), riga(2024, 4, 5, 14), "Preiļi", "latgale"),
            ],
        ),
    }


def test_upcoming_is_everything_not_over_yet_soonest_first_undated_last(timeline):
    upcoming = EventPage.objects.upcoming(now=NOW)
    # The seminar round started on 1 March but visits Preiļi in April: it is not over.
    assert titles(upcoming) == [
        "Semināru cikls",
        "Beidzas tagad",
        "Notiek",
        "Rīt",
        "Vēl bez datuma",
    ]


def test_past_is_what_has_ended_newest_first(timeline):
    assert titles(EventPage.objects.past(now=NOW)) == ["Beigusies", "Pērnā"]


def test_the_split_moves_with_now(timeline):
    a_day_later = riga(2024, 3, 16, 12)
    assert "Notiek" in titles(EventPage.objects.past(now=a_day_later))
    assert "Notiek" not in titles(EventPage.objects.upcoming(now=a_day_later))
    everything = EventPage.objects.count()
    assert (
        EventPage.objects.upcoming(now=NOW).count() + EventPage.objects.past(now=NOW).count()
        == everything
    )


def test_listing_order_is_upcoming_then_past_by_year(timeline):
    ordered = titles(EventPage.objects.in_listing_order(now=NOW))
    assert ordered == [
        "Semināru cikls",
        "Beidzas tagad",
        "Notiek",
        "Rīt",
        "Vēl bez datuma",
        "Beigusies",
        "Pērnā",
    ]


def test_in_year_uses_latvian_time(event_index):
    index = event_index["lv"]
    # 31 Dec 23:30 in Riga is 21:30 UTC; 1 Jan 00:30 in Riga is still 31 Dec (22:30) in UTC.
    conference(index, "Vecgada vakars", riga(2019, 12, 31, 23, 30), riga(2020, 1, 1, 1))
    conference(index, "Jaungada rīts", riga(2020, 1, 1, 0, 30), riga(2020, 1, 1, 2))
    assert titles(EventPage.objects.in_year(2019)) == ["Vecgada vakars"]
    assert titles(EventPage.objects.in_year(2020)) == ["Jaungada rīts"]
    assert not EventPage.objects.in_year(2021).exists()


def test_in_region_matches_an_event_place_or_a_seminar_visit_once(timeline, event_index):
    conference(event_index["lv"], "Kurzemē", riga(2024, 5, 1, 10), region="kurzeme")
    assert sorted(titles(EventPage.objects.in_region("kurzeme"))) == ["Kurzemē", "Semināru cikls"]
    assert titles(EventPage.objects.in_region("latgale")) == ["Semināru cikls"]
    assert not EventPage.objects.in_region("zemgale").exists()


def test_manager_is_inherited_by_each_type(timeline):
    assert titles(DiscussionPage.objects.upcoming(now=NOW)) == ["Beidzas tagad", "Notiek", "Rīt"]
    assert titles(ConferencePage.objects.past(now=NOW)) == ["Beigusies", "Pērnā"]


def test_seminar_dates_follow_its_occurrences(event_index):
    page = seminar(
        event_index["lv"],
        "Semināri",
        [
            (riga(2021, 9, 9, 10), riga(2021, 9, 9, 14), "Preiļi", "latgale"),
            (riga(2021, 5, 13, 10), riga(2021, 5, 13, 14), "Kuldīga", "kurzeme"),
        ],
    )
    assert page.start == riga(2021, 5, 13, 10)
    assert page.end == riga(2021, 9, 9, 14)

    # Publishing a revision with another visit moves the dates with it.
    page.occurrences.add(
        SeminarOccurrence(
            start=riga(2021, 10, 1, 10), end=riga(2021, 10, 1, 12), town="Cēsis", sort_order=2
        )
    )
    page.save_revision().publish()
    page = SeminarPage.objects.get(pk=page.pk)
    assert page.end == riga(2021, 10, 1, 12)
    assert [o.town for o in page.occurrences.all()] == ["Preiļi", "Kuldīga", "Cēsis"]


def test_seminar_without_occurrences_has_no_dates(event_index):
    page = seminar(event_index["lv"], "Drīzumā")
    assert page.start is None and page.end is None
    with translation.override("en"):
        assert page.when_text == "Date to be announced"
    assert page.calendar_sessions() == []


def test_an_event_cannot_end_before_it_starts(event_index):
    page = ConferencePage(
        title="Atpakaļ laikā", theme="Laiks", start=riga(2024, 5, 2, 10), end=riga(2024, 5, 1, 10)
    )
    with pytest.raises(ValidationError) as error:
        page.clean()
    with translation.override("en"):
        assert error.value.message_dict["end"] == ["The event cannot end before it starts."]


def test_a_conference_needs_its_dates(event_index):
    with pytest.raises(ValidationError) as error:
        ConferencePage(title="Bez datuma", theme="Laiks").clean()
    assert set(error.value.message_dict) == {"start", "end"}


def test_registration_cannot_close_after_the_event(event_index):
    page = DiscussionPage(
        title="Diskusija",
        topic="Tēma",
        start=riga(2024, 5, 1, 10),
        end=riga(2024, 5, 1, 12),
        registration_deadline=riga(2024, 5, 2, 10),
    )
    with pytest.raises(ValidationError) as error:
        page.clean()
    assert "registration_deadline" in error.value.message_dict


def test_an_occurrence_cannot_end_before_it_starts():
    occurrence = SeminarOccurrence(start=riga(2024, 5, 1, 14), end=riga(2024, 5, 1, 10))
    with pytest.raises(ValidationError) as error:
        occurrence.clean()
    assert "end" in error.value.message_dict


def test_tree_rules():
    assert EventIndexPage in HomePage.allowed_subpage_models()
    assert EventIndexPage.allowed_subpage_models() == [ConferencePage, DiscussionPage, SeminarPage]
    assert EventIndexPage.max_count_per_parent == 1
    for model in (ConferencePage, DiscussionPage, SeminarPage):
        assert model.allowed_parent_page_models() == [EventIndexPage]
        assert model.allowed_subpage_models() == []
        assert issubclass(model, EventPage)
    # The shared base holds the fields; editors always pick one of the three types.
    assert not EventPage.is_creatable
    assert EventPage not in EventIndexPage.allowed_subpage_models()
    assert Page not in EventIndexPage.allowed_parent_page_models()


def test_search_year_and_card_texts(event_index):
    page = conference(
        event_index["lv"],
        "Viņi ir mēs",
        riga(2022, 11, 17, 10),
        riga(2022, 11, 17, 16),
        town="Rīga",
        attendance_mode="mixed",
    )
    assert page.get_search_year() == 2022
    with translation.override("en"):
        assert page.card_label == "Conference"
        assert page.card_meta == "17 November 2022, 10:00–16:00 · Rīga, online"
    with translation.override("lv"):
        assert page.card_label == "Konference"
        assert page.card_meta == "2022. gada 17. novembris, 10:00–16:00 · Rīga, tiešsaistē"
    approximate = conference(
        event_index["lv"], "Aptuveni", riga(2019, 4, 12, 10), date_is_approximate=True
    )
    with translation.override("en"):
        assert approximate.when_text == "April 2019 (approximate date)"
    with translation.override("lv"):
        assert approximate.when_text == "2019. gada aprīlis (aptuvens datums)"
