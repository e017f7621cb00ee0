import pytest
from django.contrib.auth import get_user_model
from wagtail.models import Revision
from wagtail.test.utils.form_data import inline_formset, nested_form_data

from dictionary import demo
from dictionary.models import DictionaryPage, SubjectField, Term, TermRelation
from tests.dictionary.conftest import make_term
from tests.utils import load_demo

pytestmark = pytest.mark.django_db


def counts():
    return {
        "pages": DictionaryPage.objects.count(),
        "terms": Term.objects.count(),
        "approved": Term.objects.approved().count(),
        "relations": TermRelation.objects.count(),
        "fields": SubjectField.objects.count(),
        "revisions": Revision.objects.count(),
    }


def test_demo_content_loads_40_linked_entries_in_both_languages_idempotently(client, locales):
    load_demo(demo)
    first = counts()
    assert first["pages"] == 2
    assert first["terms"] == first["approved"] == 40
    assert first["fields"] == 8
    assert first["relations"] == 94  # as listed in dictionary/demo/terms.json

    assert load_demo(demo).created == 0
    assert counts() == first

    supervision = Term.objects.get(headword="supervīzija")
    assert supervision.subject_field.path("en") == (
        "The social work profession › Professional development and support"
    )
    assert {t.headword for t in supervision.related_terms()} == {
        "supervizors",
        "profesionālā izdegšana",
        "profesionālā pilnveide",
    }
    assert client.get("/lv/vardnica/").status_code == 200
    english = client.get("/en/dictionary/supervizija/")
    assert "A process of professional support" in english.text
    assert "Dictionary of Social Work Terminology" in english.text
    assert Term.objects.get(headword="mērķa grupa").synonym_list == ["mērķgrupa"]


def test_demo_data_of_editors_is_not_overwritten(locales):
    load_demo(demo)
    term = Term.objects.get(headword="aprūpe")
    term.definition = "Redaktora labota definīcija."
    term.save_revision().publish()
    load_demo(demo)
    assert Term.objects.get(headword="aprūpe").definition == "Redaktora labota definīcija."


@pytest.fixture
def admin_client(client, dictionary):
    user = get_user_model().objects.create_superuser("editor", password="editor-password-1")
    client.force_login(user)
    return client


def test_the_admin_lists_searches_and_filters_entries(admin_client):
    make_term("supervīzija", equivalents=["supervision"])
    make_term("supervizors", approved=False)
    make_term("aprūpe")
    listing = admin_client.get("/admin/snippets/dictionary/term/")
    assert listing.status_code == 200
    assert "supervīzija" in listing.text and "aprūpe" in listing.text
    found = admin_client.get("/admin/snippets/dictionary/term/results/?q=supervizijai")
    assert "supervīzija" in found.text
    assert "aprūpe" not in found.text
    drafts = admin_client.get("/admin/snippets/dictionary/term/results/?live=false")
    assert "supervizors" in drafts.text
    assert "supervīzija" not in drafts.text
    term = Term.objects.get(headword="supervīzija")
    assert admin_client.get(f"/admin/snippets/dictionary/term/edit/{term.pk}/").status_code == 200
    assert admin_client.get("/admin/snippets/dictionary/subjectfield/").status_code == 200


def entry_form(related=(), **fields):
    values = {
        "headword": "supervīzija",
        "definition": "Profesionāla atbalsta process.",
        "definition_en": "Professional support.",
        "part_of_speech": "noun",
        "grammatical_gender": "feminine",
        "notes": "",
        "notes_en": "",
        "examples": "",
        "source": "",
        "source_page": "",
        "subject_field": "",
        "equivalents": inline_formset([{"text": "supervision"}, {"text": "clinical supervision"}]),
        "synonyms": inline_formset([]),
        "related_links": inline_formset([{"related": term.pk} for term in related]),
    }
    values.update(fields)
    return nested_form_data(values)


def test_an_editor_creates_and_publishes_an_entry_in_the_admin(admin_client):
    related = make_term("supervizors")
    data = entry_form(related=[related], headword="  supervīzija ")
    data["action-publish"] = "publish"
    response = admin_client.post("/admin/snippets/dictionary/term/add/", data)
    assert response.status_code == 302, response.content.decode()[:2000]
    term = Term.objects.get(headword="supervīzija")
    assert term.live
    assert term.equivalent_list == ["supervision", "clinical supervision"]
    assert term.headword_folded == "supervizija"
    assert term.revisions.count() == 1
    assert "clinical supervision" in admin_client.get("/en/dictionary/letter/c/").text
    assert "supervīzija" in admin_client.get("/lv/vardnica/supervizors/").text


def test_the_admin_preview_shows_the_entry_as_readers_will(admin_client):
    term = make_term("supervīzija", equivalents=["supervision"])
    url = f"/admin/snippets/dictionary/term/preview/{term.pk}/"
    posted = admin_client.post(url, entry_form(definition="Labotā definīcija."))
    assert posted.json()["is_valid"]
    preview = admin_client.get(url)
    assert preview.status_code == 200
    assert '<h1 class="term__title" lang="lv">supervīzija</h1>' in preview.text
    assert "Labotā definīcija." in preview.text
