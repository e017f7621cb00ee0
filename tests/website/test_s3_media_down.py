"""Media on S3-compatible storage when the storage does not answer (hung or stopped): nobody is
held for long, documents still get their signed link, a page leaves its picture out, an upload
is refused with a clear answer. And backup_site refuses media in a bucket. The storage that
answered before is moto's server on 127.0.0.1 (tests/website/s3_server.py)."""

import socket
import time

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from tests.website.s3_server import (
    apply_s3,
    free_port,
    moto,  # noqa: F401 - a fixture
    s3,  # noqa: F401 - a fixture
)
from tests.website.test_file_access import (
    PUBLIC,
    collections,  # noqa: F401 - a fixture
    make_document,
    make_image,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def silent_storage():
    """An address that accepts connections and never answers (a hung storage)."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(50)
    yield f"http://127.0.0.1:{server.getsockname()[1]}"
    server.close()


@pytest.fixture
def closed_storage():
    """An address nothing listens on (the storage stopped)."""
    return f"http://127.0.0.1:{free_port()}"


@pytest.fixture(params=["silent", "closed"])
def storage_down(request, s3, settings, monkeypatch, collections):  # noqa: F811
    """The site's files made while the storage answered; then the storage stops answering."""
    home = request.getfixturevalue("site_tree")["lv"]
    files = {
        "document": make_document(collections["public"], content=PUBLIC),
        "restricted": make_document(collections["login"]),
        "image": make_image(collections["public"]),
    }
    home.hero_image = files["image"]
    home.save_revision().publish()
    address = request.getfixturevalue(f"{request.param}_storage")
    # The client's limits, smaller than production's so that the test is quick: what is
    # checked is that they are applied at all (botocore's own are 60 s and 5 tries).
    apply_s3(
        settings,
        monkeypatch,
        address,
        s3["bucket"],
        AWS_S3_CONNECT_TIMEOUT="1",
        AWS_S3_READ_TIMEOUT="1",
        AWS_S3_MAX_ATTEMPTS="2",
    )
    return files


def timed(action):
    started = time.monotonic()
    result = action()
    return result, time.monotonic() - started


def test_documents_are_answered_at_once_with_the_storage_down(client, storage_down, monkeypatch):
    """Signing asks the storage nothing: the link is given, the storage is the client's affair.
    Every connection the request opens is recorded: a time bound alone would fail on a loaded
    machine (it did, at 2.4 s with the storage refusing at once) and pass a quick refusal."""
    import urllib3.util.connection

    opened = []
    connect = urllib3.util.connection.create_connection

    def recorded(address, *args, **kwargs):
        opened.append(address)
        return connect(address, *args, **kwargs)

    monkeypatch.setattr(urllib3.util.connection, "create_connection", recorded)
    document = storage_down["document"]
    response = client.get(document.url, HTTP_RANGE="bytes=0-9")
    assert response.status_code == 302
    assert "X-Amz-Signature=" in response["Location"]
    restricted = client.get(storage_down["restricted"].url)
    assert restricted.status_code == 302
    assert "X-Amz" not in restricted["Location"]
    assert opened == []


def test_a_page_whose_picture_cannot_be_made_leaves_it_out_quickly(client, storage_down):
    response, elapsed = timed(lambda: client.get("/lv/"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "not-found" not in html
    assert "/media/images/" not in html
    # Two tries of one second each, for the file's lookup; never botocore's minutes.
    assert elapsed < 8, elapsed


def test_an_upload_with_the_storage_down_is_refused_with_a_clear_answer(
    client,
    admin_user,
    storage_down,
    collections,  # noqa: F811
):
    client.force_login(admin_user)
    response, elapsed = timed(
        lambda: client.post(
            "/admin/documents/add/",
            {
                "title": "Neizdevās",
                "file": SimpleUploadedFile("atskaite.pdf", PUBLIC),
                "collection": collections["public"].pk,
            },
        )
    )
    assert elapsed < 10, elapsed
    # The editor is told the file storage is not answering, and nothing half-made is kept.
    assert response.status_code == 503
    assert "Failu krātuve neatbild" in response.content.decode()
    assert not type(storage_down["document"]).objects.filter(title="Neizdevās").exists()


def test_backup_site_refuses_media_in_a_bucket_instead_of_an_empty_archive(s3, tmp_path):  # noqa: F811
    from django.core.management import CommandError, call_command

    with pytest.raises(CommandError, match="bucket"):
        call_command("backup_site", str(tmp_path / "backup"), verbosity=0)
