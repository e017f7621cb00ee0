"""Documents on the search page: a PDF's text is read on upload and found with the pages that
link it; broken and encrypted files are saved without text."""

import pytest
from django.core.files.base import ContentFile
from wagtail.documents import get_document_model

from tests.sitesearch.helpers import LV, titles
from tests.utils import add_page
from website.demo.loader import make_pdf
from website.models import StandardPage

pytestmark = pytest.mark.django_db


def pdf_document(title, lines):
    document = get_document_model()(title=title)
    document.file.save(
        f"{title}.pdf", ContentFile(make_pdf(title, lines), name="x.pdf"), save=False
    )
    document.save()
    return document


def test_pdf_text_is_read_on_save_and_found_with_the_page_that_links_it(client, site_tree):
    document = pdf_document(
        "Metodiskais materiāls", ["Mobilā komanda apmeklē klientus lauku teritorijās."]
    )
    assert "Mobilā komanda" in document.extracted_text
    add_page(
        site_tree["lv"],
        StandardPage,
        title="Metodika kopienām",
        body=[("document", {"document": document, "title": "Materiāls"})],
    )
    assert titles(client.get(LV, {"q": "mobilas komandas"})) == ["Metodika kopienām"]


def test_a_replaced_document_updates_the_pages_that_link_it(client, site_tree):
    document = pdf_document("Vadlīnijas", ["Pirmā versija."])
    add_page(
        site_tree["lv"],
        StandardPage,
        title="Vadlīniju lapa",
        body=[("document", {"document": document, "title": "Vadlīnijas"})],
    )
    assert titles(client.get(LV, {"q": "attālinātas konsultācijas"})) == []
    document.file.save(
        "vadlinijas-2.pdf",
        ContentFile(make_pdf("Vadlīnijas", ["Attālinātās konsultācijas klientiem."]), name="v.pdf"),
        save=True,
    )
    assert titles(client.get(LV, {"q": "attālinātas konsultācijas"})) == ["Vadlīniju lapa"]


def test_an_upload_is_read_before_it_is_stored_and_stored_whole():
    content = make_pdf("Kopienas darbs", ["Brīvprātīgie palīdz kaimiņiem."])
    document = get_document_model()(title="Kopienas darbs")
    document.file = ContentFile(content, name="kopienas-darbs.pdf")  # as the upload form does
    document.save()
    assert "Brīvprātīgie" in document.extracted_text
    with document.file.open("rb") as stored:
        assert stored.read() == content


@pytest.mark.parametrize(
    "content",
    [b"", b"%PDF-1.4 broken", b"not a pdf at all", make_pdf("x", ["y"])[:200]],
    ids=["empty", "broken", "not-a-pdf", "cut-short"],
)
def test_broken_pdfs_are_saved_without_text(content):
    document = get_document_model()(title="Bojāts")
    document.file.save("bojats.pdf", ContentFile(content, name="b.pdf"), save=False)
    document.save()
    assert document.pk and document.extracted_text == ""


def test_encrypted_pdfs_are_saved_without_their_text():
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("Helvetica", size=12)
    pdf.cell(text="Slepens teksts")
    pdf.set_encryption(owner_password="owner", user_password="user")
    document = get_document_model()(title="Šifrēts")
    document.file.save("sifrets.pdf", ContentFile(bytes(pdf.output()), name="s.pdf"), save=False)
    document.save()
    assert document.extracted_text == ""
