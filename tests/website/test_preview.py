"""The admin's preview panel frames the page being edited: previews may be framed by the admin
itself (same origin) and by nothing else, while public pages may be framed by nobody.

The browser obeys the strictest of Content-Security-Policy frame-ancestors and X-Frame-Options,
so both headers are checked, as an editor (not a superuser) requests them, with the production
value of X_FRAME_OPTIONS.
"""

import pytest

from dictionary.models import DictionaryPage, Term
from tests.utils import add_page, standard_page_form
from website.models import StandardPage

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _production_framing(settings):
    settings.X_FRAME_OPTIONS = "DENY"


def frame_ancestors(response):
    header = response.get("Content-Security-Policy", "")
    for part in header.split(";"):
        words = part.split()
        if words and words[0] == "frame-ancestors":
            return words[1:]
    return None


def assert_framable_by_the_admin_only(response):
    assert response.status_code == 200
    assert frame_ancestors(response) == ["'self'"], response.get("Content-Security-Policy")
    assert response["X-Frame-Options"] == "SAMEORIGIN"


def assert_framable_by_nobody(response):
    assert frame_ancestors(response) == ["'none'"]
    assert response["X-Frame-Options"] == "DENY"


def page_form(title, slug="par-projektu", **fields):
    fields.setdefault("introduction", "Ievads priekšskatījumam.")
    return standard_page_form(title, slug, **fields)


def test_the_preview_of_a_new_page_can_be_framed_by_the_admin_only(editor_client, site_tree):
    url = f"/admin/pages/add/website/standardpage/{site_tree['lv'].pk}/preview/"
    posted = editor_client.post(url, page_form("Par projektu"))
    assert posted.json()["is_valid"]
    response = editor_client.get(url)
    assert_framable_by_the_admin_only(response)
    assert "Ievads priekšskatījumam." in response.text
    # The rest of the policy is the public page's: the preview shows what readers will get.
    assert "script-src 'self'" in response["Content-Security-Policy"]


def test_the_preview_of_a_published_page_differs_from_the_page_itself(editor_client, site_tree):
    page = add_page(site_tree["lv"], StandardPage, title="Kontakti", introduction="Tālrunis.")
    url = f"/admin/pages/{page.pk}/edit/preview/"
    editor_client.post(url, page_form("Kontakti", slug="kontakti", introduction="Jauns tālrunis."))
    preview = editor_client.get(url)
    assert_framable_by_the_admin_only(preview)
    assert "Jauns tālrunis." in preview.text

    # The same page served to readers (and to the editor outside the admin) is not framable.
    assert_framable_by_nobody(editor_client.get("/lv/kontakti/"))
    assert_framable_by_nobody(editor_client.__class__().get("/lv/kontakti/"))


def test_nothing_a_reader_sends_turns_the_public_policy_into_the_preview_one(client, site_tree):
    add_page(site_tree["lv"], StandardPage, title="Kontakti", introduction="Tālrunis.")
    for query in ("", "?preview=1", "?is_preview=1&mode="):
        response = client.get(
            "/lv/kontakti/" + query, HTTP_IS_PREVIEW="1", HTTP_X_WAGTAIL_PREVIEW="1"
        )
        assert_framable_by_nobody(response)


def test_the_preview_of_a_dictionary_entry_can_be_framed_by_the_admin_only(
    editor_client, site_tree
):
    from tests.dictionary.test_demo_and_admin import entry_form

    add_page(site_tree["lv"], DictionaryPage, title="Vārdnīca", slug="vardnica")
    term = Term(headword="supervīzija", definition="Atbalsts.", live=False)
    term.save()
    url = f"/admin/snippets/dictionary/term/preview/{term.pk}/"
    editor_client.post(url, entry_form(headword="supervīzija", definition="Profesionāls atbalsts."))
    response = editor_client.get(url)
    assert_framable_by_the_admin_only(response)
    assert "Profesionāls atbalsts." in response.text


def test_the_admin_itself_is_not_framable(editor_client, site_tree):
    response = editor_client.get("/admin/")
    assert response["X-Frame-Options"] == "DENY"
