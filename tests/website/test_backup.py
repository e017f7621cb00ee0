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


@pytest.mark.django_db(transaction=True)
def test_backup_restores_into_an_empty_database(tmp_path, settings, client):
    call_command("load_demo_content", **QUIET)
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


def test_restore_names_a_missing_backup(tmp_path, db):
    with pytest.raises(CommandError, match="No database backup"):
        call_command("restore_site", str(tmp_path / "nothing"), **QUIET)
