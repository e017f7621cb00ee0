"""Uploads: documents must be what their extension says and within the size limit, images
within their size and pixel limits; anything refused is explained in Latvian and not stored."""

import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image as PILImage
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection

from tests.podcast.samples import image_bytes, m4a_bytes, ogg_vorbis_bytes, webvtt_bytes
from website.demo.loader import make_mp3, make_pdf

pytestmark = pytest.mark.django_db


# Document uploads -------------------------------------------------------------------------


def ooxml(part, extra=()):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr(part, "<document/>")
        for name in extra:
            archive.writestr(name, b"\x00")
    return buffer.getvalue()


def odt():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.text")
        archive.writestr("content.xml", "<office:document-content/>")
    return buffer.getvalue()


EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" + bytes(200)
HTML = b"<!DOCTYPE html><html><body><script>alert(document.cookie)</script></body></html>"


@pytest.fixture
def editor(client, admin_user):
    client.force_login(admin_user)
    return client


def upload(client, name, content, title="Dokuments"):
    return client.post(
        reverse("wagtaildocs:add"),
        {
            "title": title,
            "file": SimpleUploadedFile(name, content),
            "collection": Collection.get_first_root_node().pk,
        },
    )


def stored_files(settings):
    folder = settings.MEDIA_ROOT / "documents"
    return list(folder.iterdir()) if folder.exists() else []


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("programma.pdf", EXE),
        ("lapa.pdf", HTML),
        ("ieraksts.mp3", HTML),
        ("ieraksts.mp3", make_pdf("PDF", ["Nav skaņa."])),
        ("tabula.csv", HTML),
        ("subtitri.vtt", b"00:00:00.000 --> 00:00:02.000\nLabdien!\n"),
        ("atskaite.docx", make_pdf("PDF", ["Nav Word dokuments."])),
        ("atskaite.docx", ooxml("word/document.xml", extra=["word/vbaProject.bin"])),
        ("tabula.xlsx", ooxml("word/document.xml")),
        ("teksts.odt", ooxml("word/document.xml")),
        ("skana.m4a", EXE),
        ("skana.ogg", HTML),
    ],
    ids=lambda value: value if isinstance(value, str) else "content",
)
def test_a_file_that_is_not_what_its_name_says_is_refused(editor, settings, name, content):
    response = upload(editor, name, content)
    assert response.status_code == 200
    extension = name.rsplit(".", 1)[1]
    assert f"Šī faila saturs nav {extension.upper()}" in response.text
    assert get_document_model().objects.count() == 0
    assert stored_files(settings) == []


@pytest.mark.parametrize("name", ["programma.exe", "lapa.html", "attels.svg", "arhivs.zip"])
def test_a_type_outside_the_allow_list_is_refused(editor, settings, name):
    response = upload(editor, name, EXE)
    assert response.status_code == 200
    assert "Šāda veida failus augšupielādēt nevar. Atļautie veidi: PDF" in response.text
    assert get_document_model().objects.count() == 0
    assert stored_files(settings) == []


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("metodika.pdf", make_pdf("Metodika", ["Sociālā darba metodika."])),
        ("epizode.mp3", make_mp3(2, 440.0)),
        ("dati.csv", "reģions;skaits\nKurzeme;12\nLatgale;7\n".encode()),
        ("dati-windows.csv", "reģions;skaits\nVidzeme;4\n".encode("cp1257")),
        ("subtitri.vtt", webvtt_bytes()),
        ("epizode.m4a", m4a_bytes()),
        ("epizode.ogg", ogg_vorbis_bytes()),
        ("atskaite.docx", ooxml("word/document.xml")),
        ("slaidi.pptx", ooxml("ppt/presentation.xml")),
        ("tabula.xlsx", ooxml("xl/workbook.xml")),
        ("teksts.odt", odt()),
    ],
    ids=lambda value: value if isinstance(value, str) else "content",
)
def test_a_file_of_an_allowed_type_is_stored(editor, settings, name, content):
    response = upload(editor, name, content, title=name)
    assert response.status_code == 302, response.text
    document = get_document_model().objects.get(title=name)
    assert document.file.read() == content
    assert len(stored_files(settings)) == 1


def test_an_uploaded_pdf_still_has_its_text_read_for_search(editor):
    upload(editor, "metodika.pdf", make_pdf("Metodika", ["Kopienas sociālais darbs."]))
    assert "Kopienas sociālais darbs" in get_document_model().objects.get().extracted_text


def test_a_document_over_the_size_limit_is_refused(editor, settings):
    settings.WAGTAILDOCS_MAX_UPLOAD_SIZE = 10 * 1024
    content = make_pdf("Liels", ["Teksts. " * 4000])
    assert len(content) > 10 * 1024
    response = upload(editor, "liels.pdf", content)
    assert "Fails pārāk liels" in response.text
    assert get_document_model().objects.count() == 0
    assert stored_files(settings) == []


def test_the_multiple_upload_checks_the_content_too(editor, settings):
    response = editor.post(
        reverse("wagtaildocs:add_multiple"),
        {"files[]": SimpleUploadedFile("lapa.pdf", HTML)},
    )
    assert response.json()["success"] is False
    assert "Šī faila saturs nav PDF" in response.json()["error_message"]
    assert get_document_model().objects.count() == 0
    assert stored_files(settings) == []


def test_renaming_a_document_does_not_recheck_its_stored_file(editor):
    # Files the demo loaders made in code are not uploads; editing their title must still work.
    document = get_document_model()(title="Vecs")
    document.file.save("vecs.mp3", SimpleUploadedFile("vecs.mp3", b"not audio"), save=False)
    document.save()
    response = editor.post(
        reverse("wagtaildocs:edit", args=[document.pk]),
        {"title": "Jauns", "collection": document.collection_id},
    )
    assert response.status_code == 302
    document.refresh_from_db()
    assert document.title == "Jauns"


# Image uploads ----------------------------------------------------------------------------


def upload_image(client, name, content):
    return client.post(
        reverse("wagtailimages:add"),
        {
            "title": "Attēls",
            "description": "Attēla apraksts",
            "file": SimpleUploadedFile(name, content),
            "collection": Collection.get_first_root_node().pk,
        },
    )


def test_an_image_with_too_many_pixels_is_refused(editor, settings):
    # 6400 × 6400 = 40 960 000 pixels, just over WAGTAILIMAGES_MAX_IMAGE_PIXELS; one bit each,
    # so the file itself is small.
    assert settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS == 40_000_000
    buffer = io.BytesIO()
    PILImage.new("1", (6400, 6400), 1).save(buffer, format="PNG")
    response = upload_image(editor, "milzigs.png", buffer.getvalue())
    assert response.status_code == 200
    assert "Attēlā ir pārāk daudz pikseļu" in response.text
    assert get_image_model().objects.count() == 0


def test_an_image_over_the_size_limit_is_refused(editor, settings):
    settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE = 1024
    response = upload_image(editor, "foto.png", image_bytes((400, 400), mode="RGB") + bytes(2048))
    assert response.status_code == 200
    assert "Fails pārāk liels" in response.text
    assert get_image_model().objects.count() == 0


def test_an_image_of_normal_size_is_stored(editor):
    response = upload_image(editor, "foto.png", image_bytes((800, 600)))
    assert response.status_code == 302
    assert get_image_model().objects.count() == 1


@pytest.mark.parametrize("name", ["programma.exe", "programma.pdf", "bez-paplasinajuma"])
def test_a_refused_upload_gets_one_message_only(editor, name):
    from bs4 import BeautifulSoup

    response = upload(editor, name, EXE)
    soup = BeautifulSoup(response.text, "html.parser")
    errors = {e.get_text(" ", strip=True) for e in soup.select(".error-message") if e.get_text()}
    assert len(errors) == 1, errors
    (error,) = errors
    assert "“”" not in error
    assert "Datnes paplašinājums" not in error
