"""The production stack (tests/deploy/stack.py) as a crawler and a reader of files meet it: every
page of the sitemap and everything it links to, static files, compression, and documents and
images sent by nginx after the site checked access."""

import gzip
import json
from concurrent.futures import ThreadPoolExecutor
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import pytest
import requests
from lxml import etree

from tests.deploy.stack import (
    FILE_PREFIXES,
    PASSWORD,
    SECRET,
)

pytestmark = [pytest.mark.stack, pytest.mark.xdist_group("stack")]


class Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.found = set()

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name in ("src", "href") and value:
                self.found.add(value)
            elif name == "srcset" and value:
                self.found.update(part.split()[0] for part in value.split(",") if part.strip())


def local_path(stack, url, page_url):
    absolute = urljoin(page_url, url)
    parts = urlsplit(absolute)
    if parts.scheme not in ("http", "https") or f"{parts.scheme}://{parts.netloc}" != stack.base:
        return None
    return parts.path + (f"?{parts.query}" if parts.query else "")


def on_disk(stack, accel):
    assert accel.startswith("/_media/"), accel
    return stack.media_root / unquote(accel.removeprefix("/_media/"))


@pytest.fixture(scope="module")
def files(stack):
    """A public document, documents behind a password and behind a login, a restricted image."""
    script = f"""
import io, json
from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from PIL import Image
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection, CollectionViewRestriction

root = Collection.get_first_root_node()
made = {{}}
for kind in ("public", "password", "login"):
    collection = root.add_child(name="Stack " + kind)
    if kind != "public":
        CollectionViewRestriction.objects.create(
            collection=collection, restriction_type=kind,
            password={PASSWORD!r} if kind == "password" else "")
    content = b"%PDF-1.4\\n% " + (b"public" if kind == "public" else {SECRET!r}) + b" x" * 40000
    document = get_document_model()(title="Stack " + kind, collection=collection)
    document.file.save("stack-" + kind + ".pdf", ContentFile(content), save=False)
    document.save()
    made[kind] = {{"url": document.url, "size": len(content)}}
    if kind == "login":
        buffer = io.BytesIO()
        Image.new("RGB", (300, 200), "navy").save(buffer, "PNG")
        image = get_image_model()(title="Stack secret", collection=collection)
        image.file.save("stack-secret.png", ImageFile(buffer, name="stack-secret.png"), save=False)
        image.save()
        made["image"] = {{"original": image.file.url,
                         "rendition": image.get_rendition("fill-100x100").url}}
print(json.dumps(made))
"""
    return json.loads(stack.manage("shell", "-c", script).strip().splitlines()[-1])


# Every page of the sitemap, and everything they link to -----------------------------------------


def test_every_sitemap_page_and_everything_it_links_to_answers(stack):
    sitemap = requests.get(f"{stack.base}/sitemap.xml", timeout=30)
    assert sitemap.status_code == 200
    tree = etree.fromstring(sitemap.content)
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    pages = [loc.text for loc in tree.iterfind(".//s:loc", ns)]
    assert len(pages) > 20
    assert all(page.startswith(stack.base + "/") for page in pages), "every address on SITE_URL"

    def get(url):
        return url, requests.get(url, timeout=60, allow_redirects=False)

    links = {}
    with ThreadPoolExecutor(4) as pool:
        for url, response in pool.map(get, pages):
            assert response.status_code == 200, url
            parser = Links()
            parser.feed(response.text)
            for link in parser.found:
                path = local_path(stack, link, url)
                if path is not None:
                    links.setdefault(path, url)
        files = sorted(p for p in links if p.startswith(FILE_PREFIXES))
        others = sorted(p for p in links if not p.startswith(FILE_PREFIXES) and p not in pages)
        assert any(p.startswith("/media/images/") for p in files)
        assert any(p.startswith("/documents/") for p in files)
        broken = [
            (path, response.status_code, links[path])
            for path, response in pool.map(get, [stack.base + p for p in others])
            if response.status_code >= 400
        ]
        assert broken == []

    def fetch_file(path):
        # nginx answers Range on the uncompressed file (a .gz of gzip_static is sent whole).
        headers = {"Range": "bytes=0-99", "Accept-Encoding": "identity"}
        through_nginx = requests.get(stack.base + path, headers=headers, timeout=60)
        return path, through_nginx

    with ThreadPoolExecutor(4) as pool:
        answers = list(pool.map(fetch_file, files))
    broken = [(path, r.status_code, links[path]) for path, r in answers if r.status_code != 206]
    assert broken == []
    # Images and documents: the site checked access and handed the file to nginx.
    for path, through_nginx in answers:
        if path.startswith("/static/"):
            continue
        app = requests.get(stack.app + path, headers={"Host": "127.0.0.1"}, timeout=60)
        assert app.status_code == 200 and app.content == b"", path
        stored = on_disk(stack, app.headers["X-Accel-Redirect"]).read_bytes()
        assert through_nginx.content == stored[:100], path
    print(f"\n{len(pages)} pages, {len(others)} other links, {len(files)} files")


# Static files ---------------------------------------------------------------------------------


def test_static_files_are_sent_by_nginx_and_kept_a_year_when_fingerprinted(stack):
    home = requests.get(f"{stack.base}/lv/", timeout=30).text
    parser = Links()
    parser.feed(home)
    css = next(link for link in parser.found if link.endswith(".css") and "/static/" in link)
    response = requests.get(stack.base + css, timeout=30)
    assert response.status_code == 200
    assert response.headers["Cache-Control"] == "public, max-age=31536000, immutable"
    collected = Path(stack.env["STATIC_ROOT"]) / css.removeprefix("/static/")
    assert response.content == collected.read_bytes()
    assert css not in (stack.folder / "gunicorn-access.log").read_text()


@pytest.mark.parametrize("path", ["/lv/", "/sitemap.xml", "/lv/sekot/atom/"])
def test_pages_feeds_and_sitemaps_are_compressed_for_clients_that_accept_it(stack, path):
    url = stack.base + path
    for _ in range(2):  # the second from the front cache, compressed on the way out too
        plain = requests.get(url, headers={"Accept-Encoding": "identity"}, timeout=30)
        packed = requests.get(url, headers={"Accept-Encoding": "gzip"}, timeout=30, stream=True)
        raw = packed.raw.read(decode_content=False)
        assert plain.status_code == packed.status_code == 200
        assert "Content-Encoding" not in plain.headers
        assert packed.headers["Content-Encoding"] == "gzip"
        assert "Accept-Encoding" in packed.headers["Vary"]
        assert gzip.decompress(raw) == plain.content
        assert len(raw) < len(plain.content) / 3, (len(raw), len(plain.content))


# Documents and images through nginx -----------------------------------------------------------


def test_a_public_document_is_sent_by_nginx_whole_and_in_parts(stack, files):
    url = stack.base + files["public"]["url"]
    whole = requests.get(url, timeout=30)
    assert whole.status_code == 200
    assert len(whole.content) == files["public"]["size"]
    assert whole.headers["Content-Type"] == "application/pdf"
    assert whole.headers["Cache-Control"] == "public, max-age=3600"
    part = requests.get(url, headers={"Range": "bytes=100-199"}, timeout=30)
    assert part.status_code == 206
    assert part.headers["Content-Range"] == f"bytes 100-199/{files['public']['size']}"
    assert part.content == whole.content[100:200]
    tail = requests.get(url, headers={"Range": "bytes=-10"}, timeout=30)
    assert tail.status_code == 206 and tail.content == whole.content[-10:]
    # nginx's validators: a conditional request is answered without the file.
    again = requests.get(url, headers={"If-None-Match": whole.headers["ETag"]}, timeout=30)
    assert again.status_code == 304
    # The site's document headers survive the hand-off.
    assert whole.headers["Content-Security-Policy"] == "default-src 'none'"
    assert whole.headers["X-Content-Type-Options"] == "nosniff"


ASKING = [
    {},
    {"Range": "bytes=0-99"},
    {"Range": "bytes=-50"},
    {"If-Range": "x", "Range": "bytes=0-1"},
]


@pytest.mark.parametrize("headers", ASKING)
def test_a_password_document_is_refused_through_nginx_with_and_without_range(stack, files, headers):
    for method in ("GET", "HEAD"):
        response = requests.request(
            method, stack.base + files["password"]["url"], headers=headers, timeout=30
        )
        assert response.status_code == 200, method
        assert "Content-Range" not in response.headers
        assert SECRET not in response.content
        assert "private" in response.headers["Cache-Control"]
        if method == "GET":
            assert b'type="password"' in response.content


@pytest.mark.parametrize("headers", ASKING)
def test_a_login_document_sends_to_the_login_through_nginx(stack, files, headers):
    response = requests.get(
        stack.base + files["login"]["url"], headers=headers, timeout=30, allow_redirects=False
    )
    assert response.status_code == 302
    assert "/login" in response.headers["Location"]
    assert SECRET not in response.content


def test_a_password_document_is_sent_by_nginx_once_the_password_is_given(stack, files):
    session = requests.Session()
    url = stack.base + files["password"]["url"]
    form = session.get(url, timeout=30)
    token = form.text.split('name="csrfmiddlewaretoken" value="', 1)[1].split('"', 1)[0]
    action = form.text.split('class="password-form" action="', 1)[1].split('"', 1)[0]
    session.post(
        urljoin(url, action),
        data={"csrfmiddlewaretoken": token, "password": PASSWORD, "return_url": urlsplit(url).path},
        headers={"Referer": url},
        timeout=30,
    )
    part = session.get(url, headers={"Range": "bytes=0-99"}, timeout=30)
    assert part.status_code == 206
    assert part.headers["Cache-Control"].startswith("private")
    assert SECRET in session.get(url, timeout=30).content
    # …and without the session cookie, nothing.
    assert SECRET not in requests.get(url, headers={"Range": "bytes=0-99"}, timeout=30).content


def test_a_restricted_image_and_its_rendition_are_refused_through_nginx(stack, files):
    for url in files["image"].values():
        response = requests.get(stack.base + url, timeout=30, allow_redirects=False)
        assert response.status_code == 302, url
        assert not response.content.startswith(b"\x89PNG")


def test_the_media_folder_is_not_reachable_around_the_site(stack, files):
    name = files["password"]["url"].rsplit("/", 1)[-1]
    for path in (f"/_media/documents/{name}", f"/media/documents/{name}", "/_media/"):
        response = requests.get(stack.base + path, headers={"Range": "bytes=0-99"}, timeout=30)
        assert response.status_code == 404, path
        assert SECRET not in response.content
    # A client cannot hand a file to nginx itself.
    response = requests.get(
        f"{stack.base}/lv/", headers={"X-Accel-Redirect": f"/_media/documents/{name}"}, timeout=30
    )
    assert SECRET not in response.content
