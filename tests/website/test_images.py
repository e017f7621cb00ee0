"""A broken image never breaks a page, and a broken upload is refused with a Latvian message.

A truncated PNG or a malformed GIF may reach storage by a failed copy, a restore or an old
upload: pages that show it leave the picture out (and log it) instead of answering 500.
"""

import io
import logging

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image as PILImage
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file

from tests.periodical.conftest import make_issue, periodical  # noqa: F401 - a fixture
from tests.utils import add_page
from website.models import HomeFeaturedItem, StandardPage

pytestmark = pytest.mark.django_db


def png(size=(120, 80)):
    buffer = io.BytesIO()
    PILImage.new("RGB", size, "teal").save(buffer, "PNG")
    return buffer.getvalue()


def gif():
    buffer = io.BytesIO()
    PILImage.new("P", (40, 40)).save(buffer, "GIF")
    return buffer.getvalue()


BROKEN = {
    # The header and the first bytes: Pillow reads the size, then fails on the pixels.
    "truncated PNG": ("foto.png", png()[:90]),
    # A GIF header followed by garbage where the image data should be.
    "malformed GIF": ("foto.gif", gif()[:13] + b"\x2c\x00\x00\x00\x00\xff\xff" + b"\x00" * 30),
}


def broken_image(kind):
    name, content = BROKEN[kind]
    image = get_image_model().objects.create(
        title="Salauzts", description="Salauzts attēls", file=get_test_image_file()
    )
    # Replace the stored file's bytes, as a failed copy or restore would leave them.
    with image.file.storage.open(image.file.name, "wb") as handle:
        handle.write(content)
    image.renditions.all().delete()
    return image


@pytest.mark.parametrize("kind", list(BROKEN))
def test_pages_showing_a_broken_image_leave_it_out(client, periodical, kind, caplog):  # noqa: F811
    image = broken_image(kind)
    home = periodical["lv"].get_parent().specific
    home.hero_image = image
    home.save_revision().publish()
    featured = add_page(home, StandardPage, title="Ar attēlu", listing_image=image)
    HomeFeaturedItem.objects.create(home=home, page=featured)
    home.save_revision().publish()
    issue = make_issue(periodical["lv"], 1, 2023, cover_image=image)
    with caplog.at_level(logging.WARNING):
        for url in ("/lv/", periodical["lv"].url, issue.url, featured.url):
            response = client.get(url)
            assert response.status_code == 200, url
            html = response.content.decode()
            assert "not-found" not in html
    assert any(
        "Salauzts" in record.getMessage() or str(image.pk) in record.getMessage()
        for record in caplog.records
    )


@pytest.fixture
def editor_client(client, db):
    user = get_user_model().objects.create_user("redaktors", password="x")
    user.groups.add(Group.objects.get(name="Redaktori"))
    client.force_login(user)
    return client


@pytest.mark.parametrize("kind", list(BROKEN))
def test_uploading_a_broken_image_is_refused_in_latvian(editor_client, kind):
    name, content = BROKEN[kind]
    response = editor_client.post(
        "/admin/images/add/",
        {"title": "Salauzts", "description": "Apraksts", "file": SimpleUploadedFile(name, content)},
        HTTP_ACCEPT_LANGUAGE="lv",
    )
    assert response.status_code == 200
    assert "bojāt" in response.content.decode()
    assert not get_image_model().objects.exists()


@pytest.mark.parametrize("kind", list(BROKEN))
def test_a_broken_image_in_the_multiple_upload_is_refused(editor_client, kind):
    name, content = BROKEN[kind]
    response = editor_client.post(
        "/admin/images/multiple/add/", {"files[]": SimpleUploadedFile(name, content)}
    )
    assert response.status_code == 200
    data = response.json()
    assert data["success"] is False
    assert "bojāt" in data["error_message"]
    assert not get_image_model().objects.exists()


def test_a_good_image_is_still_accepted(editor_client):
    response = editor_client.post(
        "/admin/images/add/",
        {"title": "Labs", "description": "Apraksts", "file": SimpleUploadedFile("a.png", png())},
    )
    assert response.status_code == 302
    assert get_image_model().objects.count() == 1


def test_renditions_made_together_are_the_stored_ones_when_another_request_stored_one_first():
    """srcset_image makes its renditions in one go (bulk_create ignoring conflicts): when
    another request stores one of them in the meantime, the page must link the stored file, or
    the picture answers 404 (the site serves only renditions it has a row for)."""
    from django.core.files.base import ContentFile
    from wagtail.images.models import Filter

    image = get_image_model().objects.create(
        title="Vāks", description="Vāks", file=get_test_image_file(size=(600, 850))
    )
    renditions = image.get_rendition_model().objects
    wagtail_bulk_create = renditions.bulk_create
    theirs = {}

    def another_request_stores_one_first(objects, **kwargs):
        small = Filter("fill-300x425")
        theirs["row"] = renditions.create(
            image=image,
            filter_spec=small.spec,
            focal_point_key=small.get_cache_key(image),
            file=ContentFile(png((300, 425)), name="theirs.png"),
        )
        return wagtail_bulk_create(objects, **kwargs)

    renditions.bulk_create = another_request_stores_one_first
    try:
        shown = image.get_renditions("fill-300x425", "fill-600x850")
    finally:
        del renditions.bulk_create
    stored = {row.filter_spec: row.file.name for row in image.renditions.all()}
    assert {spec: rendition.file.name for spec, rendition in shown.items()} == stored
    assert stored["fill-300x425"] == theirs["row"].file.name
    storage = theirs["row"].file.storage
    assert all(storage.exists(name) for name in stored.values())
    # The file made for nothing is gone: only the stored renditions' files are left.
    folder = stored["fill-300x425"].rsplit("/", 1)[0]
    made = {f"{folder}/{name}" for name in storage.listdir(folder)[1] if ".fill-" in name}
    assert made <= set(stored.values())
