"""What editors meet in the Wagtail admin (in Latvian, as they use it)."""

import pytest
from bs4 import BeautifulSoup
from wagtail.users.models import UserProfile

from events.models import ConferencePage, SeminarPage
from tests.events.helpers import add_form, riga

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor(client, admin_user):
    profile = UserProfile.get_for_user(admin_user)
    profile.preferred_language = "lv"
    profile.save()
    client.force_login(admin_user)
    return client


def test_end_before_start_is_refused_with_a_clear_message(editor, event_index):
    url, data = add_form(editor, ConferencePage, event_index["lv"])
    data.update(
        {
            "title": "Konference",
            "slug": "konference",
            "theme": "Tēma",
            "start": "2027-05-10 16:00",
            "end": "2027-05-10 10:00",
        }
    )
    response = editor.post(url, data)
    assert response.status_code == 200  # the form again, not a redirect
    errors = BeautifulSoup(response.content, "html.parser").select(".error-message")
    messages = " ".join(error.get_text(" ", strip=True) for error in errors)
    assert "Pasākums nevar beigties, pirms tas sācies." in messages
    assert not ConferencePage.objects.exists()


def test_start_and_end_are_required_for_a_conference(editor, event_index):
    url, data = add_form(editor, ConferencePage, event_index["lv"])
    data.update({"title": "Konference", "slug": "konference", "theme": "Tēma"})
    response = editor.post(url, data)
    assert response.status_code == 200
    assert not ConferencePage.objects.exists()
    html = BeautifulSoup(response.content, "html.parser")
    assert html.select_one("[name=start]").has_attr("required")


def test_a_seminar_takes_its_dates_from_the_occurrences_entered(editor, event_index):
    url, data = add_form(editor, SeminarPage, event_index["lv"])
    # The seminar form has no start and end of its own: they come from the occurrences.
    assert "start" not in data and "end" not in data
    data.update(
        {
            "title": "Metodiskais seminārs",
            "slug": "metodiskais-seminars",
            "topic": "Vardarbība",
            "occurrences-TOTAL_FORMS": "2",
            "occurrences-0-start": "2027-05-12 10:00",
            "occurrences-0-end": "2027-05-12 14:00",
            "occurrences-0-town": "Kuldīga",
            "occurrences-0-region": "kurzeme",
            "occurrences-0-ORDER": "1",
            "occurrences-1-start": "2027-05-05 10:00",
            "occurrences-1-end": "2027-05-05 14:00",
            "occurrences-1-town": "Preiļi",
            "occurrences-1-region": "latgale",
            "occurrences-1-ORDER": "2",
            "action-publish": "action-publish",
        }
    )
    response = editor.post(url, data)
    assert response.status_code == 302, response.content.decode()[:3000]
    page = SeminarPage.objects.get(slug="metodiskais-seminars")
    assert page.live
    assert page.start == riga(2027, 5, 5, 10)
    assert page.end == riga(2027, 5, 12, 14)
    assert sorted(o.town for o in page.occurrences.all()) == ["Kuldīga", "Preiļi"]


def test_an_occurrence_that_ends_before_it_starts_is_refused(editor, event_index):
    url, data = add_form(editor, SeminarPage, event_index["lv"])
    data.update(
        {
            "title": "Seminārs",
            "slug": "seminars",
            "occurrences-TOTAL_FORMS": "1",
            "occurrences-0-start": "2027-05-12 14:00",
            "occurrences-0-end": "2027-05-12 10:00",
            "occurrences-0-ORDER": "1",
        }
    )
    response = editor.post(url, data)
    assert response.status_code == 200
    assert "Pasākums nevar beigties, pirms tas sācies." in response.content.decode()
    assert not SeminarPage.objects.exists()


def test_every_event_type_opens_in_the_admin(editor, event_index):
    for model_name in ("conferencepage", "discussionpage", "seminarpage"):
        response = editor.get(f"/admin/pages/add/events/{model_name}/{event_index['lv'].pk}/")
        assert response.status_code == 200
        assert "Datums ir aptuvens" in response.content.decode()
    # Editors choose one of the three types; the shared base is not offered.
    response = editor.get(f"/admin/pages/{event_index['lv'].pk}/add_subpage/")
    offered = {
        link["href"].split("/")[5]
        for link in BeautifulSoup(response.content, "html.parser").select("a[href]")
        if link["href"].startswith("/admin/pages/add/events/")
    }
    assert offered == {"conferencepage", "discussionpage", "seminarpage"}
