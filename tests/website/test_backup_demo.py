"""A backup of the whole demo site (demo_content, tests/conftest.py) restored on a new machine.
A module of its own: the test empties the database, which the demo's other tests need."""

import os

import pytest
from django.core.management import CommandError, call_command
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page, Revision

QUIET = {"stdout": open(os.devnull, "w")}


def inventory():
    documents = get_document_model().objects.all()
    return {
        "pages": sorted(Page.objects.values_list("url_path", "locale__language_code", "live")),
        "revisions": Revision.objects.count(),
        "documents": sorted(documents.values_list("title", "file_hash")),
        "images": get_image_model().objects.count(),
    }


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_backup_restores_into_an_empty_database(demo_media, tmp_path, settings, client):
    before = inventory()
    assert before["pages"] and before["revisions"]

    call_command("backup_site", str(tmp_path / "backup"), **QUIET)
    with pytest.raises(CommandError, match="has content"):
        call_command("restore_site", str(tmp_path / "backup"), **QUIET)

    # A new machine: empty database, empty media folder.
    call_command("flush", interactive=False, verbosity=0)
    settings.MEDIA_ROOT = tmp_path / "restored-media"
    call_command("restore_site", str(tmp_path / "backup"), **QUIET)

    assert inventory() == before
    for document in get_document_model().objects.all():
        assert document.file.storage.exists(document.file.name)
    assert client.get("/lv/").status_code == 200
    assert client.get("/en/").status_code == 200
