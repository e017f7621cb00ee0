"""Documents and images obey their collection's and their pages' view restrictions, on every path.

Each test asks the way an attacker would: another method, a Range or If-Range header, a
conditional request, the image's original file or a rendition's, the media folder directly.
"""

import io

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from PIL import Image as PILImage
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection, CollectionViewRestriction, PageViewRestriction

from tests.utils import add_page
from website.models import StandardPage

pytestmark = pytest.mark.django_db

SECRET = b"%PDF-1.4\n% SLEPENS-SATURS-7731 only for the logged in\n" + b"x" * 5000
PUBLIC = b"%PDF-1.4\n% public text\n" + b"y" * 5000
PASSWORD = "paroles-vards"


def body(response):
    return b"".join(response.streaming_content) if response.streaming else response.content


def png_bytes(colour="red", size=(60, 40)):
    buffer = io.BytesIO()
    PILImage.new("RGB", size, colour).save(buffer, "PNG")
    return buffer.getvalue()


@pytest.fixture
def collections(db):
    root = Collection.get_first_root_node()
    by_kind = {"public": root.add_child(name="Publiskā")}
    for kind in ("password", "login", "groups"):
        collection = root.add_child(name=f"Slēgtā {kind}")
        restriction = CollectionViewRestriction.objects.create(
            collection=collection,
            restriction_type=kind,
            password=PASSWORD if kind == "password" else "",
        )
        if kind == "groups":
            restriction.groups.add(Group.objects.get(name="Moderatori"))
        by_kind[kind] = collection
    # A restriction on a parent collection covers its children.
    by_kind["child"] = by_kind["login"].add_child(name="Apakškolekcija")
    return by_kind


def make_document(collection, content=SECRET, name="plans.pdf"):
    document = get_document_model()(title="Plāns", collection=collection)
    document.file.save(name, ContentFile(content), save=False)
    document.file_size = len(content)
    document.save()
    return document


def make_image(collection, title="Attēls"):
    image = get_image_model()(title=title, description="Apraksts", collection=collection)
    image.file.save("foto.png", ImageFile(io.BytesIO(png_bytes()), name="foto.png"), save=False)
    image.save()
    return image


RESTRICTED_KINDS = ["password", "login", "groups", "child"]
# Every way of asking for the whole file or a part of it.
ASKING = [
    ("GET", {}),
    ("HEAD", {}),
    ("GET", {"HTTP_RANGE": "bytes=0-"}),
    ("GET", {"HTTP_RANGE": "bytes=0-99"}),
    ("GET", {"HTTP_RANGE": "bytes=-100"}),
    ("HEAD", {"HTTP_RANGE": "bytes=0-"}),
    ("GET", {"HTTP_RANGE": "bytes=0-", "HTTP_IF_RANGE": "anything"}),
    ("GET", {"HTTP_RANGE": "bytes=0-1,5-9"}),
    ("GET", {"HTTP_IF_NONE_MATCH": "*"}),
    ("GET", {"HTTP_IF_MODIFIED_SINCE": "Thu, 01 Jan 1970 00:00:00 GMT"}),
]


def ask(client, method, url, headers):
    return getattr(client, method.lower())(url, **headers)


def assert_refused(response, secret=b"SLEPENS"):
    assert response.status_code in (302, 401, 403, 404) or (
        # Wagtail's password form answers 200 with the form, never with the file.
        response.status_code == 200 and "text/html" in response["Content-Type"]
    ), response.status_code
    assert response.status_code not in (206, 304)
    assert "Content-Range" not in response
    assert secret not in body(response)
    assert "X-Accel-Redirect" not in response
    assert "public" not in response.get("Cache-Control", "")


@pytest.mark.parametrize("kind", RESTRICTED_KINDS)
@pytest.mark.parametrize(("method", "headers"), ASKING)
def test_a_restricted_document_is_never_served_to_the_public(
    client, collections, kind, method, headers
):
    document = make_document(collections[kind])
    assert_refused(ask(client, method, document.url, headers))


@pytest.mark.parametrize(("method", "headers"), ASKING[:7])
def test_a_document_is_served_once_its_password_is_given(client, collections, method, headers):
    document = make_document(collections["password"])
    form = client.get(document.url)
    assert b"password" in body(form).lower()
    restriction = CollectionViewRestriction.objects.get(collection=collections["password"])
    client.post(
        f"/documents/authenticate_with_password/{restriction.pk}/",
        {"password": PASSWORD, "return_url": document.url},
    )
    response = ask(client, method, document.url, headers)
    assert response.status_code in (200, 206)
    assert response["Cache-Control"].startswith("private")
    if method == "GET" and "HTTP_IF_RANGE" not in headers:
        assert body(response) in (SECRET, SECRET[:100], SECRET[-100:])


def test_a_login_restricted_document_sends_to_the_login_and_serves_the_logged_in(
    client, collections
):
    document = make_document(collections["login"])
    response = client.get(document.url)
    assert response.status_code == 302
    assert "next=" in response["Location"]
    user = get_user_model().objects.create_user("lasitajs", password="x")
    client.force_login(user)
    response = client.get(document.url, HTTP_RANGE="bytes=0-9")
    assert response.status_code == 206
    assert body(response) == SECRET[:10]


def test_a_group_restricted_document_refuses_other_logged_in_users(client, collections):
    document = make_document(collections["groups"])
    client.force_login(get_user_model().objects.create_user("citi", password="x"))
    assert_refused(client.get(document.url, HTTP_RANGE="bytes=0-"))
    moderator = get_user_model().objects.create_user("moderators", password="x")
    moderator.groups.add(Group.objects.get(name="Moderatori"))
    client.force_login(moderator)
    assert body(client.get(document.url)) == SECRET


def test_a_public_document_is_served_whole_and_in_parts(client, collections):
    document = make_document(collections["public"], content=PUBLIC)
    whole = client.get(document.url)
    assert whole.status_code == 200
    assert body(whole) == PUBLIC
    assert whole["Content-Length"] == str(len(PUBLIC))
    assert "Content-Encoding" not in whole
    part = client.get(document.url, HTTP_RANGE="bytes=0-")
    assert part.status_code == 206
    assert body(part) == PUBLIC
    head = client.head(document.url, HTTP_RANGE="bytes=10-19")
    assert head.status_code == 206
    assert head["Content-Length"] == "10"
    assert body(head) == b""


def test_a_public_document_answers_conditional_requests(client, collections):
    document = make_document(collections["public"], content=PUBLIC)
    first = client.get(document.url)
    assert first["ETag"]
    assert first["Last-Modified"]
    again = client.get(document.url, HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304
    assert body(again) == b""
    since = client.get(document.url, HTTP_IF_MODIFIED_SINCE=first["Last-Modified"])
    assert since.status_code == 304
    # If-Range with the current ETag gets the part, with an old one the whole file.
    current = client.get(document.url, HTTP_RANGE="bytes=0-4", HTTP_IF_RANGE=first["ETag"])
    assert current.status_code == 206
    stale = client.get(document.url, HTTP_RANGE="bytes=0-4", HTTP_IF_RANGE='"old"')
    assert stale.status_code == 200
    assert body(stale) == PUBLIC


@pytest.mark.parametrize("method", ["POST", "PUT", "DELETE", "PATCH"])
def test_documents_answer_only_reading_methods(client, collections, method):
    document = make_document(collections["login"])
    response = client.generic(method, document.url, HTTP_RANGE="bytes=0-")
    assert response.status_code == 405
    assert b"SLEPENS" not in body(response)


def test_a_document_with_a_missing_file_is_404_not_500(client, collections):
    document = make_document(collections["public"], content=PUBLIC)
    document.file.storage.delete(document.file.name)
    assert client.get(document.url).status_code == 404
    assert client.get(document.url, HTTP_RANGE="bytes=0-").status_code == 404


def test_document_files_are_not_reachable_through_the_media_folder(client, collections):
    for kind in ("public", "login"):
        document = make_document(collections[kind])
        response = client.get(f"/media/{document.file.name}", HTTP_RANGE="bytes=0-")
        assert response.status_code == 404
        assert b"SLEPENS" not in body(response)


# Images -------------------------------------------------------------------------------------


def image_urls(image):
    rendition = image.get_rendition("fill-20x20")
    return [f"/media/{image.file.name}", rendition.url]


@pytest.mark.parametrize("kind", RESTRICTED_KINDS)
@pytest.mark.parametrize(("method", "headers"), ASKING[:5])
def test_a_restricted_image_and_its_renditions_are_never_served_to_the_public(
    client, collections, kind, method, headers
):
    image = make_image(collections[kind])
    for url in image_urls(image):
        response = ask(client, method, url, headers)
        assert_refused(response, secret=b"PNG")


def test_a_public_image_and_its_renditions_are_served(client, collections):
    image = make_image(collections["public"])
    for url in image_urls(image):
        response = client.get(url)
        assert response.status_code == 200, url
        assert body(response).startswith(b"\x89PNG")
        assert response["Content-Type"] == "image/png"
        assert "public" in response["Cache-Control"]
        assert client.get(url, HTTP_IF_NONE_MATCH=response["ETag"]).status_code == 304


def test_a_login_restricted_image_is_served_to_the_logged_in(client, collections):
    image = make_image(collections["login"])
    client.force_login(get_user_model().objects.create_user("lasitajs", password="x"))
    for url in image_urls(image):
        response = client.get(url)
        assert response.status_code == 200
        assert response["Cache-Control"].startswith("private")


@pytest.mark.parametrize(
    "path",
    ["", "original_images/", "original_images/nav.png", "images/../settings.py", "x/../../etc"],
)
def test_unknown_media_paths_are_not_found(client, collections, path):
    response = client.get(f"/media/{path}", follow=True)
    assert response.status_code == 404


# Files used only by restricted pages -----------------------------------------------------------


def links_to(document):
    return [("document", {"document": document, "title": "Plāns"})]


def test_a_file_used_only_by_a_restricted_page_follows_that_page(client, collections, site_tree):
    document = make_document(collections["public"])
    page = add_page(site_tree["lv"], StandardPage, title="Iekšējā lapa", body=links_to(document))
    PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.LOGIN)
    assert_refused(client.get(document.url, HTTP_RANGE="bytes=0-"))
    # Once a public page links it too, it is public.
    add_page(site_tree["lv"], StandardPage, title="Publiskā lapa", body=links_to(document))
    assert body(client.get(document.url)) == SECRET


def test_a_file_used_only_by_an_unpublished_page_is_not_public(client, collections, site_tree):
    document = make_document(collections["public"])
    add_page(
        site_tree["lv"], StandardPage, title="Melnraksts", publish=False, body=links_to(document)
    )
    assert_refused(client.get(document.url))
    assert_refused(client.get(document.url, HTTP_RANGE="bytes=0-"))


# Search ----------------------------------------------------------------------------------------


def search_titles(client, query):
    from bs4 import BeautifulSoup

    response = client.get("/lv/meklet/", {"q": query})
    soup = BeautifulSoup(response.content, "html.parser")
    return [link.get_text(strip=True) for link in soup.select(".search-hit__title a, h2 a, h3 a")]


def pdf_document(collection, words):
    from website.demo.loader import make_pdf

    content = make_pdf("Plāns", [words])
    return make_document(collection, content=content, name="ieksejais.pdf")


def test_the_text_of_a_restricted_document_is_not_searchable_through_a_public_page(
    client, collections, site_tree
):
    public = pdf_document(collections["public"], "Atklātais dokuments par kopienu")
    secret = pdf_document(collections["login"], "Zvejniekciema slepenvārds")
    add_page(
        site_tree["lv"],
        StandardPage,
        title="Publiska lapa ar pielikumiem",
        body=[*links_to(public), *links_to(secret)],
    )
    assert "Publiska lapa ar pielikumiem" in search_titles(client, "kopienu")
    assert search_titles(client, "slepenvārds") == []
    assert search_titles(client, "Zvejniekciema") == []


def test_restricting_a_collection_later_removes_its_documents_text_from_search(
    client, collections, site_tree
):
    document = pdf_document(collections["public"], "Zvejniekciema slepenvārds")
    add_page(site_tree["lv"], StandardPage, title="Lapa ar pielikumu", body=links_to(document))
    assert search_titles(client, "slepenvārds") == ["Lapa ar pielikumu"]
    CollectionViewRestriction.objects.create(
        collection=collections["public"], restriction_type=CollectionViewRestriction.LOGIN
    )
    assert search_titles(client, "slepenvārds") == []
    # …and moving the document to a restricted collection does the same.
    CollectionViewRestriction.objects.filter(collection=collections["public"]).delete()
    assert search_titles(client, "slepenvārds") == ["Lapa ar pielikumu"]
    document.collection = collections["password"]
    document.save()
    assert search_titles(client, "slepenvārds") == []
