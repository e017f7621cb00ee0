"""Media on S3-compatible storage, against a real S3 API: moto's server on 127.0.0.1.

The site is configured as base.py configures it for a bucket (website.settings.media_storage),
and what a client sees is checked with a plain HTTP client (requests) on the storage's side
of the redirect, and with boto3 and the server's own request log on the bucket's side:
the files are in the bucket and nowhere else, a document or picture that may be had is a
short-lived signed link on which the storage answers Range, the site never reads a file to
hand it out, a restricted one gets no link at all, and a storage that does not answer holds
nobody for long.
"""

import hashlib
import hmac
import re
from datetime import UTC, datetime
from unittest import mock
from urllib.parse import parse_qsl, quote, urlencode, urlsplit

import pytest
import requests
from bs4 import BeautifulSoup
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from wagtail.models import CollectionViewRestriction

from tests.website.s3_server import (
    CREDENTIALS,
    SIGNED_SECONDS,
    bucket_keys,
    files_under,
    moto,  # noqa: F401 - a fixture
    refuses_without_a_link,
    s3,  # noqa: F401 - a fixture
    signed_link,
    storage_requests_during,
)
from tests.website.test_file_access import (
    PASSWORD,
    PUBLIC,
    SECRET,
    collections,  # noqa: F401 - a fixture
    make_document,
    make_image,
    png_bytes,
)
from website.storage import S3MediaStorage

pytestmark = pytest.mark.django_db

# The files are in the bucket -------------------------------------------------------------------


def test_uploads_go_to_the_bucket_and_nothing_to_the_media_folder(
    client,
    admin_user,
    s3,  # noqa: F811
    settings,
    collections,  # noqa: F811
):
    document = make_document(collections["public"], content=PUBLIC, name="plans.pdf")
    image = make_image(collections["public"])
    rendition = image.get_rendition("fill-20x20")
    # And through the admin, as an editor uploads.
    client.force_login(admin_user)
    response = client.post(
        "/admin/documents/add/",
        {
            "title": "Augšupielādēts",
            "file": SimpleUploadedFile("atskaite.pdf", PUBLIC),
            "collection": collections["public"].pk,
        },
    )
    assert response.status_code == 302, response.content[:500]
    uploaded = type(document).objects.get(title="Augšupielādēts")

    keys = bucket_keys(s3)
    for name in (document.file.name, image.file.name, rendition.file.name, uploaded.file.name):
        assert name in keys
    body = s3["client"].get_object(Bucket=s3["bucket"], Key=document.file.name)["Body"].read()
    assert body == PUBLIC
    assert files_under(settings.MEDIA_ROOT) == []
    # Every address is the site's own: the bucket is never linked directly.
    assert rendition.url.startswith("/media/images/")
    assert image.file.url == f"/media/{image.file.name}"
    assert document.url.startswith("/documents/")


# Public documents: a signed link, on which the storage answers Range ---------------------------


def test_a_public_document_is_a_short_lived_signed_link_that_answers_range(
    client,
    s3,  # noqa: F811
    collections,  # noqa: F811
):
    document = make_document(collections["public"], content=PUBLIC, name="plāns 2024.pdf")
    response = client.get(document.url)
    location, query = signed_link(response, s3)
    assert query["response-content-type"] == "application/pdf"
    disposition = query["response-content-disposition"]
    assert disposition.startswith("inline")
    assert "pl%C4%81ns_2024.pdf" in disposition
    # The redirect is kept no longer than the link works.
    max_age = int(re.search(r"max-age=(\d+)", response["Cache-Control"]).group(1))
    assert 0 < max_age < SIGNED_SECONDS

    part = requests.get(location, headers={"Range": "bytes=10-19"}, timeout=10)
    assert part.status_code == 206
    assert part.content == PUBLIC[10:20]
    assert part.headers["Content-Range"] == f"bytes 10-19/{len(PUBLIC)}"
    assert part.headers["Content-Type"] == "application/pdf"
    assert part.headers["Content-Disposition"] == disposition

    whole = requests.get(location, timeout=10)
    assert whole.status_code == 200
    assert hashlib.sha256(whole.content).hexdigest() == hashlib.sha256(PUBLIC).hexdigest()


@pytest.mark.parametrize(
    ("method", "headers"),
    [
        ("GET", {}),
        ("GET", {"HTTP_RANGE": "bytes=10-19"}),
        ("HEAD", {}),
        ("HEAD", {"HTTP_RANGE": "bytes=0-"}),
    ],
)
def test_the_site_answers_every_request_with_the_link(
    client,
    s3,  # noqa: F811
    collections,  # noqa: F811
    method,
    headers,
):
    """Range is the storage's job: the site gives the same redirect whatever is asked."""
    document = make_document(collections["public"], content=PUBLIC)
    response = getattr(client, method.lower())(document.url, **headers)
    signed_link(response, s3)
    assert "Content-Range" not in response


def test_a_document_to_download_gets_attachment_and_its_type(client, s3, collections):  # noqa: F811
    document = make_document(collections["public"], content=b"a;b\n1;2\n", name="tabula.csv")
    location, query = signed_link(client.get(document.url), s3)
    assert query["response-content-disposition"].startswith("attachment")
    answer = requests.get(location, timeout=10)
    assert answer.content == b"a;b\n1;2\n"
    assert answer.headers["Content-Disposition"].startswith("attachment")
    assert answer.headers["Content-Type"] == document.content_type


def test_the_site_never_reads_a_file_to_hand_it_out(client, s3, collections):  # noqa: F811
    document = make_document(collections["public"], content=PUBLIC)
    image = make_image(collections["public"])
    rendition = image.get_rendition("fill-20x20")
    urls = [document.url, f"/media/{image.file.name}", rendition.url]
    with (
        mock.patch.object(S3MediaStorage, "open", side_effect=AssertionError("read")),
        mock.patch.object(S3MediaStorage, "exists", side_effect=AssertionError("looked up")),
        mock.patch.object(S3MediaStorage, "size", side_effect=AssertionError("looked up")),
    ):
        for url in urls:
            for headers in ({}, {"HTTP_RANGE": "bytes=10-19"}):
                response, seen = storage_requests_during(
                    s3["server"], lambda url=url, headers=headers: client.get(url, **headers)
                )
                signed_link(response, s3)
                # The storage itself received nothing: no GetObject, not even a HEAD.
                assert seen == [], seen


def sigv4_signature(url, secret_key):
    """The signature AWS's Signature Version 4 gives this presigned GET link, computed here from
    the algorithm's description (docs.aws.amazon.com, "Authenticating Requests: Using Query
    Parameters"), not by botocore; moto does not check signatures or expiry itself."""

    def encode(text):
        return quote(text, safe="-_.~")

    parts = urlsplit(url)
    query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True)]
    query = [(k, v) for k, v in query if k != "X-Amz-Signature"]
    canonical_query = "&".join(f"{encode(k)}={encode(v)}" for k, v in sorted(query))
    fields = dict(query)
    canonical_request = "\n".join(
        ["GET", parts.path, canonical_query, f"host:{parts.netloc}\n", "host", "UNSIGNED-PAYLOAD"]
    )
    _key_id, date, region, service, terminator = fields["X-Amz-Credential"].split("/")
    scope = "/".join([date, region, service, terminator])
    string_to_sign = "\n".join(
        [
            "AWS4-HMAC-SHA256",
            fields["X-Amz-Date"],
            scope,
            hashlib.sha256(canonical_request.encode()).hexdigest(),
        ]
    )
    key = f"AWS4{secret_key}".encode()
    for part in (date, region, service, terminator):
        key = hmac.new(key, part.encode(), hashlib.sha256).digest()
    return hmac.new(key, string_to_sign.encode(), hashlib.sha256).hexdigest()


def changed(url, name, value):
    parts = urlsplit(url)
    query = [(k, value if k == name else v) for k, v in parse_qsl(parts.query)]
    return parts._replace(query=urlencode(query)).geturl()


def test_the_link_is_signed_for_this_file_its_headers_and_its_lifetime(client, s3, collections):  # noqa: F811
    document = make_document(collections["public"], content=PUBLIC, name="plans.pdf")
    location, query = signed_link(client.get(document.url), s3)
    secret = CREDENTIALS["AWS_SECRET_ACCESS_KEY"]
    assert query["X-Amz-Algorithm"] == "AWS4-HMAC-SHA256"
    assert query["X-Amz-SignedHeaders"] == "host"
    assert sigv4_signature(location, secret) == query["X-Amz-Signature"]
    # Signed now, valid for MEDIA_SIGNED_URL_SECONDS: a real S3 refuses it after that.
    signed_at = datetime.strptime(query["X-Amz-Date"], "%Y%m%dT%H%M%SZ").replace(tzinfo=UTC)
    assert abs((datetime.now(UTC) - signed_at).total_seconds()) < 60
    # Whoever has the link cannot make it last longer, serve other headers or another file.
    for name, value in (
        ("X-Amz-Expires", "604800"),
        ("response-content-disposition", "attachment; filename=x.html"),
        ("response-content-type", "text/html"),
    ):
        forged = changed(location, name, value)
        assert sigv4_signature(forged, secret) != query["X-Amz-Signature"]
    other = location.replace("plans.pdf", "cits.pdf")
    assert other != location
    assert sigv4_signature(other, secret) != query["X-Amz-Signature"]


# Restricted documents: no link until the restriction is met ------------------------------------

ASKING = [
    ("GET", {}),
    ("GET", {"HTTP_RANGE": "bytes=10-19"}),
    ("HEAD", {}),
    ("HEAD", {"HTTP_RANGE": "bytes=0-"}),
]


@pytest.mark.parametrize("kind", ["password", "login", "groups", "child"])
@pytest.mark.parametrize(("method", "headers"), ASKING)
def test_a_restricted_document_gets_no_link(client, s3, collections, kind, method, headers):  # noqa: F811
    document = make_document(collections[kind])
    response, seen = storage_requests_during(
        s3["server"], lambda: getattr(client, method.lower())(document.url, **headers)
    )
    refuses_without_a_link(response, s3)
    assert seen == []


@pytest.mark.parametrize(("method", "headers"), ASKING)
def test_a_password_protected_document_gets_its_link_once_unlocked(
    client,
    s3,  # noqa: F811
    collections,  # noqa: F811
    method,
    headers,
):
    document = make_document(collections["password"])
    restriction = CollectionViewRestriction.objects.get(collection=collections["password"])
    client.post(
        f"/documents/authenticate_with_password/{restriction.pk}/",
        {"password": "nepareiza", "return_url": document.url},
    )
    refuses_without_a_link(getattr(client, method.lower())(document.url, **headers), s3)
    client.post(
        f"/documents/authenticate_with_password/{restriction.pk}/",
        {"password": PASSWORD, "return_url": document.url},
    )
    response = getattr(client, method.lower())(document.url, **headers)
    location, _query = signed_link(response, s3)
    # Kept by nobody: not the front cache, not the browser.
    assert "private" in response["Cache-Control"]
    assert "no-store" in response["Cache-Control"]
    part = requests.get(location, headers={"Range": "bytes=10-19"}, timeout=10)
    assert part.status_code == 206
    assert part.content == SECRET[10:20]


def test_a_login_restricted_document_gets_its_link_once_logged_in(client, s3, collections):  # noqa: F811
    document = make_document(collections["login"])
    refuses_without_a_link(client.get(document.url, HTTP_RANGE="bytes=0-"), s3)
    client.force_login(get_user_model().objects.create_user("lasitajs", password="x"))
    location, _query = signed_link(client.get(document.url, HTTP_RANGE="bytes=0-"), s3)
    assert hashlib.sha256(requests.get(location, timeout=10).content).digest() == (
        hashlib.sha256(SECRET).digest()
    )


# Images -----------------------------------------------------------------------------------------


def test_a_public_image_and_its_rendition_come_from_the_bucket(client, s3, collections):  # noqa: F811
    image = make_image(collections["public"])
    rendition = image.get_rendition("fill-20x20")
    for url, key in (
        (rendition.url, rendition.file.name),
        (f"/media/{image.file.name}", image.file.name),
    ):
        location, query = signed_link(client.get(url), s3)
        assert query["response-content-type"] == "image/png"
        answer = requests.get(location, timeout=10)
        assert answer.status_code == 200
        assert answer.headers["Content-Type"] == "image/png"
        stored = s3["client"].get_object(Bucket=s3["bucket"], Key=key)["Body"].read()
        assert answer.content == stored
        assert answer.content.startswith(b"\x89PNG")
    # The original is what was uploaded.
    original = requests.get(client.get(f"/media/{image.file.name}")["Location"], timeout=10)
    assert original.content == png_bytes()


def test_a_page_shows_its_pictures_through_the_site(client, s3, site_tree, collections):  # noqa: F811
    home = site_tree["lv"]
    home.hero_image = make_image(collections["public"])
    home.save_revision().publish()
    html = client.get("/lv/").content.decode()
    sources = [img["src"] for img in BeautifulSoup(html, "html.parser").select("img[src]")]
    pictures = [src for src in sources if "/media/" in src]
    assert pictures, sources
    for src in pictures:
        assert src.startswith("/media/images/")
        location, _query = signed_link(client.get(src), s3)
        assert requests.get(location, timeout=10).content.startswith(b"\x89PNG")
    assert s3["server"].endpoint not in html


@pytest.mark.parametrize("kind", ["password", "login", "groups"])
def test_a_restricted_image_gets_no_link(client, s3, collections, kind):  # noqa: F811
    image = make_image(collections[kind])
    rendition = image.get_rendition("fill-20x20")
    for url in (f"/media/{image.file.name}", rendition.url):
        for method, headers in ASKING:
            response = getattr(client, method.lower())(url, **headers)
            refuses_without_a_link(response, s3)


def test_a_login_restricted_image_gets_its_link_once_logged_in(client, s3, collections):  # noqa: F811
    image = make_image(collections["login"])
    client.force_login(get_user_model().objects.create_user("lasitajs", password="x"))
    response = client.get(f"/media/{image.file.name}")
    location, _query = signed_link(response, s3)
    assert "no-store" in response["Cache-Control"]
    assert requests.get(location, timeout=10).content == png_bytes()
