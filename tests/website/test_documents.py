import pytest
from django.core.files.base import ContentFile
from wagtail.documents import get_document_model
from wagtail.models import Collection, CollectionViewRestriction

pytestmark = pytest.mark.django_db

CONTENT = bytes(range(256)) * 40  # 10 240 bytes


@pytest.fixture
def document(db):
    doc = get_document_model()(title="Ieraksts")
    doc.file.save("ieraksts.mp3", ContentFile(CONTENT), save=False)
    doc.file_size = len(CONTENT)
    doc.save()
    return doc


def body(response):
    return b"".join(response.streaming_content) if response.streaming else response.content


def test_whole_document_announces_byte_ranges(client, document):
    response = client.get(document.url)
    assert response.status_code == 200
    assert response["Accept-Ranges"] == "bytes"
    assert body(response) == CONTENT


@pytest.mark.parametrize(
    ("header", "start", "end"),
    [
        ("bytes=0-99", 0, 99),
        ("bytes=10000-", 10000, 10239),
        ("bytes=-40", 10200, 10239),
        ("bytes=5000-999999", 5000, 10239),
    ],
)
def test_a_range_request_gets_206_with_exactly_those_bytes(client, document, header, start, end):
    response = client.get(document.url, HTTP_RANGE=header)
    assert response.status_code == 206
    assert response["Content-Range"] == f"bytes {start}-{end}/{len(CONTENT)}"
    assert int(response["Content-Length"]) == end - start + 1
    assert body(response) == CONTENT[start : end + 1]
    assert response["Content-Type"] == "audio/mpeg"


def test_an_unsatisfiable_range_gets_416(client, document):
    response = client.get(document.url, HTTP_RANGE="bytes=20000-")
    assert response.status_code == 416
    assert response["Content-Range"] == f"bytes */{len(CONTENT)}"


@pytest.mark.parametrize("header", ["bytes=0-1,5-6", "items=0-5", "bytes=abc"])
def test_ranges_it_does_not_serve_get_the_whole_file(client, document, header):
    response = client.get(document.url, HTTP_RANGE=header)
    assert response.status_code == 200
    assert body(response) == CONTENT


def test_a_stale_if_range_gets_the_whole_file(client, document):
    response = client.get(document.url, HTTP_RANGE="bytes=0-9", HTTP_IF_RANGE='"old"')
    assert response.status_code == 200


def test_wrong_filename_is_404(client, document):
    assert client.get(f"/documents/{document.pk}/other.mp3").status_code == 404


def test_two_range_requests_in_one_session_keep_the_database_connection(client, document):
    # A replaced response must not end the request's connection (PostgreSQL then fails).
    for header in ("bytes=0-9", "bytes=10-19"):
        response = client.get(document.url, HTTP_RANGE=header)
        assert response.status_code == 206
    assert get_document_model().objects.filter(pk=document.pk).exists()


def test_a_replaced_file_gets_its_own_mime_type(document):
    assert document.mime_type == "audio/mpeg"
    document.file.save("ieraksts.pdf", ContentFile(b"%PDF-1.4\n"), save=False)
    document.save()
    document.refresh_from_db()
    assert document.mime_type == "application/pdf"


# Headers: Content-Encoding, CORS for public transcripts ---------------------------------------

VTT = b"WEBVTT\n\n00:00.000 --> 00:02.000\nLabdien.\n"
ORIGIN = "https://player.example"


def make_vtt(collection=None):
    doc = get_document_model()(
        title="Transkripts", **({"collection": collection} if collection else {})
    )
    doc.file.save("transkripts.vtt", ContentFile(VTT), save=False)
    doc.file_size = len(VTT)
    doc.save()
    return doc


@pytest.fixture
def private_collection(db):
    private = Collection.get_first_root_node().add_child(name="Iekšējie")
    CollectionViewRestriction.objects.create(
        collection=private, restriction_type=CollectionViewRestriction.LOGIN
    )
    return private


def test_a_whole_file_has_no_content_encoding(client, document):
    """Wagtail wrote "Content-Encoding: None" (Python's None), a coding no client knows."""
    response = client.get(document.url)
    assert response.status_code == 200
    assert "Content-Encoding" not in response
    assert "Content-Encoding" not in client.get(make_vtt().url)


def test_a_public_transcript_can_be_loaded_by_players_on_other_sites(client):
    transcript = make_vtt()
    response = client.get(transcript.url, HTTP_ORIGIN=ORIGIN)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/vtt")
    assert response["Access-Control-Allow-Origin"] == "*"
    assert body(response) == VTT
    partial = client.get(transcript.url, HTTP_ORIGIN=ORIGIN, HTTP_RANGE="bytes=0-5")
    assert partial.status_code == 206
    assert partial["Access-Control-Allow-Origin"] == "*"


def test_other_public_documents_are_not_shared_with_other_sites(client, document):
    response = client.get(document.url, HTTP_ORIGIN=ORIGIN)
    assert response.status_code == 200
    assert "Access-Control-Allow-Origin" not in response


def test_a_restricted_transcript_is_never_shared_with_other_sites(
    client, django_user_model, private_collection
):
    transcript = make_vtt(private_collection)
    for headers in ({}, {"HTTP_RANGE": "bytes=0-5"}):
        anonymous = client.get(transcript.url, HTTP_ORIGIN=ORIGIN, **headers)
        assert anonymous.status_code == 302  # to the login page
        assert "Access-Control-Allow-Origin" not in anonymous
    # Signed in, the reader gets it, but a page on another site using the reader's cookies
    # still cannot read it.
    client.force_login(django_user_model.objects.create_user("lasitajs", password="x"))
    for headers, status in (({}, 200), ({"HTTP_RANGE": "bytes=0-5"}, 206)):
        response = client.get(transcript.url, HTTP_ORIGIN=ORIGIN, **headers)
        assert response.status_code == status
        assert "Access-Control-Allow-Origin" not in response
