"""Every upload form says which file types and sizes it accepts before an editor picks a file."""

import json

import pytest
from bs4 import BeautifulSoup

pytestmark = pytest.mark.django_db

DOCUMENTS = (
    "Pieņemtie faili: PDF, DOCX, ODT, PPTX, XLSX, CSV, MP3, M4A, OGG, VTT, katrs līdz 100,0 MB. "
    "Saturam jāatbilst faila tipam (pārdēvētu failu nepieņem)."
)
IMAGES = (
    "Pieņemtie attēli: AVIF, GIF, JPG, JPEG, PNG, WEBP, katrs līdz 15,0 MB un 40 miljoniem pikseļu."
)


def text_of(response):
    body = response.content.decode()
    if response["Content-Type"].startswith("application/json"):
        body = json.loads(body)["html"]
    return " ".join(BeautifulSoup(body, "html.parser").get_text(" ").split())


@pytest.mark.parametrize(
    ("url", "rules"),
    [
        ("/admin/documents/multiple/add/", DOCUMENTS),
        ("/admin/documents/add/", DOCUMENTS),
        ("/admin/documents/chooser/", DOCUMENTS),  # the chooser's upload tab, in a page
        ("/admin/images/multiple/add/", IMAGES),
        ("/admin/images/add/", IMAGES),
        ("/admin/images/chooser/", IMAGES),
    ],
)
def test_the_upload_forms_say_what_they_accept(editor_client, site_tree, url, rules):
    response = editor_client.get(url)
    assert response.status_code == 200
    assert rules in text_of(response)
