"""Documents are shared by the Latvian and English pages: a link to a document in the other
language says so (lang and hreflang for browsers and screen readers, "in Latvian" for
everyone), and editors say which language a document is in when they upload it."""

import json

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth.models import Group

from tests.methodologies.utils import make_document
from tests.utils import add_page, translate
from website.models import StandardPage

pytestmark = pytest.mark.django_db


def page_with(document, site_tree):
    body = json.dumps([{"type": "document", "value": {"document": document.pk, "title": ""}}])
    page = add_page(site_tree["lv"], StandardPage, title="Materiāli", slug="materiali", body=body)
    translate(page, slug="materials", title="Materials")
    return page


def link_of(client, url):
    html = BeautifulSoup(client.get(url).content, "html.parser")
    block = html.select_one(".block-document")
    return block.a, block.select_one(".block-document__meta").get_text()


def test_a_latvian_document_on_the_english_page_is_marked_latvian(client, site_tree):
    page_with(make_document("Metodiskais materiāls", size=2048), site_tree)
    link, meta = link_of(client, "/en/materials/")
    assert (link.get_text(), link["lang"], link["hreflang"]) == (
        "Metodiskais materiāls",
        "lv",
        "lv",
    )
    assert meta == "(PDF, 2.0\xa0KB, in Latvian)"
    # On the Latvian page it is the page's own language: nothing to say.
    link, meta = link_of(client, "/lv/materiali/")
    assert not link.has_attr("lang") and not link.has_attr("hreflang")
    assert meta == "(PDF, 2,0\xa0KB)"


def test_an_english_document_on_the_latvian_page_says_so_in_latvian(client, site_tree):
    document = make_document("Methodological material", size=2048)
    document.language = "en"
    document.save()
    page_with(document, site_tree)
    link, meta = link_of(client, "/lv/materiali/")
    assert (link["lang"], link["hreflang"]) == ("en", "en")
    assert meta == "(PDF, 2,0\xa0KB, angļu valodā)"


def test_editors_say_the_language_when_they_upload(client, django_user_model, site_tree):
    from django.core.files.uploadedfile import SimpleUploadedFile
    from wagtail.documents import get_document_model
    from wagtail.models import Collection

    editor = django_user_model.objects.create_user("redaktore", password="not-used")
    editor.groups.add(Group.objects.get(name="Redaktori"))
    client.force_login(editor)
    form = BeautifulSoup(client.get("/admin/documents/add/").content, "html.parser")
    assert [o["value"] for o in form.select("select[name=language] option")] == ["lv", "en"]
    pdf = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
    response = client.post(
        "/admin/documents/add/",
        {
            "title": "Annual report",
            "file": SimpleUploadedFile("report.pdf", pdf, content_type="application/pdf"),
            "collection": Collection.get_first_root_node().pk,
            "language": "en",
            "tags": "",
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    assert get_document_model().objects.get(title="Annual report").language == "en"


def test_an_upload_that_names_no_language_is_latvian(client, django_user_model, site_tree):
    """Wagtail's multiple upload posts the file alone first: the document is stored, in Latvian."""
    from django.core.files.uploadedfile import SimpleUploadedFile
    from wagtail.documents import get_document_model

    editor = django_user_model.objects.create_user("redaktors", password="not-used")
    editor.groups.add(Group.objects.get(name="Redaktori"))
    client.force_login(editor)
    pdf = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
    response = client.post(
        "/admin/documents/multiple/add/",
        {"files[]": SimpleUploadedFile("gada-parskats.pdf", pdf, content_type="application/pdf")},
    )
    assert response.status_code == 200
    assert response.json()["success"], response.json()
    assert get_document_model().objects.get(title="gada-parskats.pdf").language == "lv"
