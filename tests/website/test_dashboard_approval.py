"""A moderator approving or rejecting from the dashboard is told what happened."""

import pytest
from bs4 import BeautifulSoup
from wagtail.models import Page

from dictionary.models import Term
from tests.utils import add_page
from website.models import StandardPage

pytestmark = pytest.mark.django_db


def in_moderation(parent, editor, title):
    page = add_page(parent, StandardPage, title=title, publish=False)
    page.save_revision(user=editor)
    page.get_workflow().start(page, editor)
    return Page.objects.get(pk=page.pk)


def dashboard_button(client, label_action, obj_pk):
    """The action's address as the dashboard's review panel offers it."""
    html = BeautifulSoup(client.get("/admin/").content, "html.parser")
    for button in html.select("[data-workflow-action-url]"):
        url = button["data-workflow-action-url"]
        if f"/{obj_pk}/{label_action}/" in url:
            return url
    raise AssertionError(f"no {label_action} button for {obj_pk} on the dashboard")


def messages_on(response):
    html = BeautifulSoup(response.content, "html.parser")
    return [item.get_text(" ", strip=True) for item in html.select(".messages li")]


def test_approving_from_the_dashboard_says_the_page_is_published(
    client, moderator, editor, site_tree
):
    page = in_moderation(site_tree["lv"], editor, "Par projektu")
    client.force_login(moderator)
    url = dashboard_button(client, "approve", page.pk)
    response = client.post(url, {"next": "/admin/"}, follow=True)
    assert Page.objects.get(pk=page.pk).live
    assert response.redirect_chain[-1][0] == "/admin/"
    assert messages_on(response) == ["Lapa „Par projektu” apstiprināta un publicēta."]


def test_approving_with_a_comment_in_the_dialog_says_so_on_the_next_page(
    client, moderator, editor, site_tree
):
    page = in_moderation(site_tree["lv"], editor, "Kontakti")
    client.force_login(moderator)
    url = dashboard_button(client, "approve", page.pk)
    response = client.post(
        url, {"comment": "Labi.", "next": "/admin/"}, HTTP_X_REQUESTED_WITH="XMLHttpRequest"
    )
    assert response.json()["step"] == "success"
    assert messages_on(client.get("/admin/")) == ["Lapa „Kontakti” apstiprināta un publicēta."]


def test_requesting_changes_says_the_author_can_edit_again(client, moderator, editor, site_tree):
    page = in_moderation(site_tree["lv"], editor, "Pieejamība")
    client.force_login(moderator)
    url = dashboard_button(client, "reject", page.pk)
    response = client.post(url, {"comment": "Papildiniet.", "next": "/admin/"}, follow=True)
    assert not Page.objects.get(pk=page.pk).live
    assert messages_on(response) == [
        "Lapai „Pieejamība” pieprasīti labojumi: autors to var labot atkal."
    ]


def test_approving_a_dictionary_entry_from_the_dashboard_says_so(
    client, moderator, editor, site_tree
):
    term = Term(headword="supervīzija", definition="Atbalsts.", live=False)
    term.save()
    term.save_revision(user=editor)
    term.get_workflow().start(term, editor)
    client.force_login(moderator)
    url = dashboard_button(client, "approve", term.pk)
    response = client.post(url, {"next": "/admin/"}, follow=True)
    term.refresh_from_db()
    assert term.live
    assert messages_on(response) == [
        "Jūs apstiprinājāt un publicējāt: vārdnīcas šķirklis „supervīzija”."
    ]


def test_an_editor_cannot_approve_and_is_told_nothing_was_done(
    client, moderator, editor, site_tree
):
    page = in_moderation(site_tree["lv"], editor, "Par projektu")
    task_state = page.current_workflow_task_state
    client.force_login(editor)
    response = client.post(
        f"/admin/pages/workflow/action/{page.pk}/approve/{task_state.pk}/",
        {"next": "/admin/"},
        follow=True,
    )
    assert not Page.objects.get(pk=page.pk).live
    assert not any("apstiprināt" in message for message in messages_on(response))
