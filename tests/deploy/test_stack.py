"""The production stack of the README, started by `deploy/run-local` on 127.0.0.1 and asked
over HTTP as a browser, a podcast app or an attacker would: Debian's nginx in front of gunicorn
(website.settings.production), the background worker (mail, search indexing), PostgreSQL and
Redis, the demo content loaded.

Marker `stack` (`make test-stack`); it needs nginx (apt-get install nginx), PostgreSQL 15's
binaries and Redis on 127.0.0.1 (`make services`). The stack runs on a PostgreSQL cluster of
its own (run-local's STACK_PRIVATE_POSTGRES=1), which a test stops and starts again; with
STACK_PRIVATE_POSTGRES=0 it uses STACK_DATABASE_URL (dropped and created) instead, and that test
is skipped. STACK_REDIS_URL (emptied) names its Redis database. Mail goes to a local SMTP sink
(aiosmtpd) that the mail test starts; search indexing goes to the OpenSearch test node at
OPENSEARCH_TEST_URL when one answers (`make opensearch-start`). REQUIRE_STACK=1 turns a missing
part into a failure (and REQUIRE_OPENSEARCH=1 a missing node).
"""

import gzip
import json
import os
import re
import shutil
import socket
import subprocess
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import pytest
import requests
from lxml import etree
from wagtail.test.utils.form_data import nested_form_data, streamfield

from tests.sitesearch import opensearch_node
from tests.smtp import SMTPServer

pytestmark = [pytest.mark.stack, pytest.mark.xdist_group("stack")]

ROOT = Path(__file__).resolve().parents[2]
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
# A stack of its own for each test process that starts one (database, Redis database, ports):
# two processes on one database would migrate it at the same time.
WORKER = int(os.environ.get("PYTEST_XDIST_WORKER", "gw0").removeprefix("gw") or 0)
DATABASE_URL = os.environ.get(
    "STACK_DATABASE_URL",
    "postgres://postgres:postgres@127.0.0.1:5432/stack_portal" + (f"_{WORKER}" if WORKER else ""),
)
REDIS_URL = os.environ.get("STACK_REDIS_URL", f"redis://127.0.0.1:6379/{13 - WORKER % 4}")
PORT = int(os.environ.get("STACK_PORT", str(8180 + 20 * WORKER)))
APP_PORT = PORT + 1
PG_PORT = PORT + 5  # the stack's own PostgreSQL
SMTP_PORT = PORT + 6  # the mail sink the mail test starts
PRIVATE_POSTGRES = os.environ.get("STACK_PRIVATE_POSTGRES", "1") == "1"
PG_BIN = Path(os.environ.get("PG_BIN", "/usr/lib/postgresql/15/bin"))
SECRET = b"SLEPENS-SATURS-4410"
PASSWORD = "stack-parole"
FILE_PREFIXES = ("/media/", "/documents/", "/static/")


def unavailable(reason):
    if os.environ.get("REQUIRE_STACK"):
        pytest.fail(reason)
    pytest.skip(reason)


def free(port):
    with socket.socket() as probe:
        return probe.connect_ex(("127.0.0.1", port)) != 0


@dataclass
class Stack:
    folder: Path
    env: dict
    run_env: dict

    base = f"http://127.0.0.1:{PORT}"
    app = f"http://127.0.0.1:{APP_PORT}"

    def run_local(self, action):
        subprocess.run(
            ["deploy/run-local", action, str(self.folder)],
            cwd=ROOT,
            env=self.run_env,
            check=True,
            timeout=120,
        )

    @property
    def media_root(self):
        return Path(self.env["MEDIA_ROOT"])

    def manage(self, *args, stdin=None):
        result = subprocess.run(
            [str(ROOT / ".venv/bin/python"), "manage.py", *args],
            cwd=ROOT,
            env={**os.environ, **self.env},
            input=stdin,
            capture_output=True,
            text=True,
            timeout=300,
        )
        assert result.returncode == 0, result.stderr
        return result.stdout

    def gunicorn(self, port, **overrides):
        """Another gunicorn of the same site, with some settings changed; stopped by the caller."""
        pid = self.folder / f"gunicorn-{port}.pid"
        env = {
            **os.environ,
            **self.env,
            "GUNICORN_BIND": f"127.0.0.1:{port}",
            "GUNICORN_WORKERS": "1",
            "GUNICORN_ERROR_LOG": str(self.folder / f"gunicorn-{port}.log"),
            **overrides,
        }
        subprocess.run(
            [str(ROOT / ".venv/bin/gunicorn"), "-c", "deploy/gunicorn.conf.py", "--daemon"]
            + ["--pid", str(pid), "website.wsgi:application"],
            cwd=ROOT,
            env=env,
            check=True,
        )
        for _ in range(100):
            if pid.exists() and not free(port):
                break
            time.sleep(0.1)
        return pid


def read_env(path):
    env = {}
    for line in path.read_text().splitlines():
        if line and not line.startswith("#"):
            name, _, value = line.partition("=")
            env[name] = value
    return env


@pytest.fixture(scope="module")
def stack(tmp_path_factory):
    if not Path(NGINX).exists():
        unavailable("nginx is not installed (apt-get install nginx)")
    import psycopg
    import redis

    if PRIVATE_POSTGRES and not (PG_BIN / "initdb").exists():
        unavailable(f"no {PG_BIN}/initdb (apt-get install postgresql-15)")
    try:
        if not PRIVATE_POSTGRES:
            admin = urlsplit(DATABASE_URL)._replace(path="/postgres").geturl()
            psycopg.connect(admin, connect_timeout=3).close()
        redis.Redis.from_url(REDIS_URL, socket_connect_timeout=3).ping()
    except Exception as error:  # noqa: BLE001 - whatever stops them, the stack cannot run
        unavailable(f"PostgreSQL or Redis on 127.0.0.1 does not answer (make services): {error}")
    ports = (PORT, APP_PORT, PORT + 2, PG_PORT, SMTP_PORT)
    if not all(free(port) for port in ports):
        unavailable(f"ports {ports} are not all free (STACK_PORT chooses others)")
    folder = tmp_path_factory.mktemp("stack")
    env = {
        **os.environ,
        "DATABASE_URL": DATABASE_URL,
        "STACK_PRIVATE_POSTGRES": "1" if PRIVATE_POSTGRES else "0",
        "PG_PORT": str(PG_PORT),
        "REDIS_URL": REDIS_URL,
        "PORT": str(PORT),
        "APP_PORT": str(APP_PORT),
        # The front cache keeps pages as long as the site's max-age: short, for the tests.
        "PAGE_CACHE_BROWSER_SECONDS": "5",
        # The worker sends mail to the sink the mail test starts there (down otherwise).
        "STACK_EMAIL_URL": f"smtp://127.0.0.1:{SMTP_PORT}/?timeout=5",
    }
    # The worker indexes into the OpenSearch test node, when there is one.
    node = opensearch_node.node_url()
    info = opensearch_node.about(node)
    if info and info.get("version", {}).get("distribution") == "opensearch":
        env["STACK_SEARCH_ENGINE_URL"] = f"opensearch+{node}"
        env["STACK_SEARCH_INDEX_PREFIX"] = opensearch_node.index_prefix().replace(
            "test_", "stack_", 1
        )
    started = subprocess.run(
        ["deploy/run-local", "start", str(folder)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=900,
    )
    try:
        assert started.returncode == 0, started.stderr[-3000:]
        yield Stack(folder, read_env(folder / "env"), env)
    finally:
        subprocess.run(["deploy/run-local", "stop", str(folder)], cwd=ROOT, env=env, timeout=60)


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


# Dependencies down or hung --------------------------------------------------------------------


@pytest.fixture
def silent_server():
    """A server that accepts connections and never answers: a hung PostgreSQL or Redis."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(64)
    accepted = []
    stop = threading.Event()

    def accept():
        listener.settimeout(0.2)
        while not stop.is_set():
            try:
                accepted.append(listener.accept()[0])
            except TimeoutError:
                continue

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    yield listener.getsockname()[1]
    stop.set()
    thread.join()
    for connection in accepted:
        connection.close()
    listener.close()


def stop_pid(pid_file):
    pid = int(pid_file.read_text())
    os.kill(pid, 15)
    for _ in range(100):
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return
        time.sleep(0.1)


def timed_get(url, **kwargs):
    started = time.monotonic()
    response = requests.get(url, timeout=60, **kwargs)
    return response, time.monotonic() - started


def test_a_hung_postgresql_cached_pages_answer_and_the_rest_fail_fast(stack, silent_server):
    # Pages already in the shared page cache (Redis)…
    assert requests.get(f"{stack.base}/lv/", timeout=30).status_code == 200
    port = APP_PORT + 10
    pid = stack.gunicorn(
        port,
        DATABASE_URL=f"postgres://postgres:postgres@127.0.0.1:{silent_server}/stack",
        GUNICORN_TIMEOUT="30",
    )
    try:
        app = f"http://127.0.0.1:{port}"
        # The worker's first request loads the site; robots.txt needs no database.
        assert requests.get(f"{app}/robots.txt", timeout=30).status_code == 200
        cached, seconds = timed_get(f"{app}/lv/", headers={"Host": "127.0.0.1"})
        assert cached.status_code == 200 and cached.headers["X-Page-Cache"] == "hit"
        assert seconds < 2
        # …the others get the site's own error page after DATABASE_CONNECT_TIMEOUT (3 s), not
        # gunicorn's after its worker timeout (30 s).
        failed, seconds = timed_get(f"{app}/lv/meklet/?q=nav-kese", headers={"Host": "127.0.0.1"})
        assert failed.status_code == 500
        assert "Radās kļūda" in failed.text
        assert seconds < 10
    finally:
        stop_pid(pid)


def test_a_hung_redis_pages_are_rendered_without_waiting(stack, silent_server):
    port = APP_PORT + 11
    pid = stack.gunicorn(port, REDIS_URL=f"redis://127.0.0.1:{silent_server}/0")
    try:
        app = f"http://127.0.0.1:{port}"
        for path in ("/lv/", "/en/", "/lv/par-portalu/"):
            response, seconds = timed_get(app + path, headers={"Host": "127.0.0.1"})
            assert response.status_code == 200, path
            assert seconds < 10, path
    finally:
        stop_pid(pid)


def test_without_gunicorn_nginx_answers_at_once_with_a_clear_page(stack, tmp_path):
    """The same locations in front of an address where nothing listens."""
    closed = APP_PORT + 15  # not PORT + 13, where this nginx listens
    assert free(closed)
    listen = PORT + 13
    env = {
        **os.environ,
        **stack.env,
        "LISTEN": f"127.0.0.1:{listen}",
        "APP_ADDRESS": f"127.0.0.1:{closed}",
        "PURGE_LISTEN": f"127.0.0.1:{PORT + 14}",
    }
    subprocess.run(["deploy/render-nginx", "local", str(tmp_path)], cwd=ROOT, env=env, check=True)
    conf = ["-p", str(tmp_path), "-c", str(tmp_path / "nginx.conf"), "-e", str(tmp_path / "e.log")]
    subprocess.run([NGINX, *conf], check=True)
    try:
        for _ in range(50):
            if not free(listen):
                break
            time.sleep(0.1)
        response, seconds = timed_get(f"http://127.0.0.1:{listen}/lv/")
        assert response.status_code == 502
        assert "Sociālā darba portāls īslaicīgi nav pieejams" in response.text
        assert response.headers["Cache-Control"] == "no-store"
        assert seconds < 5
    finally:
        subprocess.run([NGINX, *conf, "-s", "quit"], check=False)


# The front cache (nginx's proxy cache, deploy/nginx/cache.conf.template) ---------------------

MODERATOR_PASSWORD = "stack-tests-only-moderatore"


@pytest.fixture(scope="module")
def front_pages(stack):
    """A public page, pages behind a password and behind a login, and a moderator."""
    script = f"""
import json
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from wagtail.models import Locale, PageViewRestriction
from website.models.pages import HomePage, StandardPage

home = HomePage.objects.get(locale=Locale.objects.get(language_code="lv"))
made = {{}}
for kind in ("public", "password", "login"):
    page = StandardPage(title="Kešs " + kind, slug="kess-" + kind, introduction="Pirmais teksts.")
    home.add_child(instance=page)
    page.save_revision().publish()
    if kind != "public":
        PageViewRestriction.objects.create(
            page=page, restriction_type=kind, password={PASSWORD!r} if kind == "password" else "")
    made[kind] = {{"id": page.pk, "url": page.url}}
user = get_user_model().objects.create_user(
    "kesa-moderatore", email="kesa@example.lv", password={MODERATOR_PASSWORD!r})
user.groups.add(Group.objects.get(name="Moderatori"))
print(json.dumps(made))
"""
    return json.loads(stack.manage("shell", "-c", script).strip().splitlines()[-1])


def csrf_token(html):
    return html.split('name="csrfmiddlewaretoken" value="', 1)[1].split('"', 1)[0]


class FormFields(HTMLParser):
    """What a browser would send of a form's own fields (without JavaScript)."""

    def __init__(self):
        super().__init__()
        self.fields = {}
        self._textarea = None
        self._select = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        name = attrs.get("name")
        if tag == "input" and name:
            kind = attrs.get("type", "text")
            if kind in ("submit", "button", "file", "image"):
                return
            if kind in ("checkbox", "radio") and "checked" not in attrs:
                return
            self.fields.setdefault(name, []).append(attrs.get("value") or "")
        elif tag == "textarea" and name:
            self._textarea = name
            self.fields[name] = [""]
        elif tag == "select" and name:
            self._select = name
        elif tag == "option" and self._select and "selected" in attrs:
            self.fields.setdefault(self._select, []).append(attrs.get("value") or "")

    def handle_data(self, data):
        if self._textarea:
            self.fields[self._textarea][0] += data

    def handle_endtag(self, tag):
        if tag == "textarea":
            if self._textarea:  # the line break after the tag is not part of the value
                self.fields[self._textarea][0] = self.fields[self._textarea][0].removeprefix("\n")
            self._textarea = None
        elif tag == "select":
            self._select = None


def moderator_session(stack):
    """A member of "Moderatori", signed in through nginx with the admin's login form."""
    session = requests.Session()
    login = session.get(f"{stack.base}/admin/login/", timeout=30)
    session.post(
        f"{stack.base}/admin/login/",
        data={
            "csrfmiddlewaretoken": csrf_token(login.text),
            "username": "kesa-moderatore",
            "password": MODERATOR_PASSWORD,
        },
        headers={"Referer": f"{stack.base}/admin/login/"},
        timeout=30,
    )
    assert "sessionid" in session.cookies
    return session


def publish(stack, page_id, introduction):
    """The admin's Publish over HTTP, as a moderator's browser does it: the page's edit form as
    the admin rendered it, the introduction changed, sent with action-publish."""
    session = moderator_session(stack)
    edit = f"{stack.base}/admin/pages/{page_id}/edit/"
    form = session.get(edit, timeout=30)
    assert form.status_code == 200 and 'name="action-publish"' in form.text
    parser = FormFields()
    parser.feed(form.text)
    data = {name: values for name, values in parser.fields.items() if not name.startswith("body")}
    # The body's StreamField is built by the admin's JavaScript; this page's is empty.
    data.update(nested_form_data({"body": streamfield([])}))
    data["introduction"] = introduction
    data["action-publish"] = "action-publish"
    response = session.post(
        edit, data=data, headers={"Referer": edit}, timeout=60, allow_redirects=False
    )
    assert response.status_code == 302, re.findall(
        r'class="error-message"[^<]*<[^>]*>([^<]*)', response.text
    )
    assert f"/admin/pages/{page_id}/edit/" not in response.headers["Location"]


def app_requests(stack, path, at_least=0):
    """The lines of gunicorn's access log that asked for path.

    Gunicorn writes a line after it has sent the answer, so a client can read the log before
    the line of its own request is there. Wait until there are at least `at_least` lines and
    nothing new has come for half a second.
    """
    log = stack.folder / "gunicorn-access.log"

    def lines():
        return [
            line
            for line in log.read_text().splitlines()
            if f'"GET {path} ' in line or f'"HEAD {path} ' in line
        ]

    deadline = time.monotonic() + 10
    seen = lines()
    quiet_since = time.monotonic()
    while time.monotonic() < deadline:
        time.sleep(0.1)
        now = lines()
        if now != seen:
            seen, quiet_since = now, time.monotonic()
        elif len(seen) >= at_least and time.monotonic() - quiet_since >= 0.5:
            break
    return seen


def cached_status(url, **kwargs):
    response = requests.get(url, timeout=30, allow_redirects=False, **kwargs)
    return response, response.headers.get("X-Cache-Status")


def test_a_page_is_answered_from_the_front_cache_without_gunicorn(stack, front_pages):
    path = front_pages["public"]["url"]
    first, status = cached_status(stack.base + path)
    assert first.status_code == 200 and status in ("MISS", "EXPIRED", "HIT")
    asked = len(app_requests(stack, path, at_least=0 if status == "HIT" else 1))
    for method in ("GET", "HEAD", "GET"):
        response = requests.request(method, stack.base + path, timeout=30)
        assert response.status_code == 200
        assert response.headers["X-Cache-Status"] == "HIT", method
    assert len(app_requests(stack, path)) == asked, "gunicorn was not asked again"
    # Public pages say so, for a limited time, to browsers and to nginx alike.
    assert first.headers["Cache-Control"] == "public, max-age=5"


def test_a_published_change_is_seen_through_the_front_cache_within_two_seconds(stack, front_pages):
    path = front_pages["public"]["url"]
    for _ in range(2):
        response, status = cached_status(stack.base + path)
    assert status == "HIT" and "Pirmais teksts." in response.text
    # The home page lists it too: it is purged with it.
    home, _ = cached_status(f"{stack.base}/lv/")
    home, home_status = cached_status(f"{stack.base}/lv/")
    assert home_status == "HIT"
    publish(stack, front_pages["public"]["id"], "Otrais teksts pēc publicēšanas.")
    published = time.monotonic()
    while True:
        response, status = cached_status(stack.base + path)
        if "Otrais teksts pēc publicēšanas." in response.text:
            break
        assert time.monotonic() - published < 2, f"still the old page ({status})"
        time.sleep(0.1)
    assert cached_status(f"{stack.base}/lv/")[1] != "HIT", "the home page was purged too"


def test_purges_come_only_from_the_loopback_purge_server(stack, front_pages):
    path = front_pages["public"]["url"]
    cached_status(stack.base + path)
    assert cached_status(stack.base + path)[1] == "HIT"
    # The public server never purges, whoever asks.
    refused = requests.request("PURGE", stack.base + path, timeout=30)
    assert refused.status_code == 405
    assert cached_status(stack.base + path)[1] == "HIT"
    # The purge server takes only PURGE.
    purge = f"http://127.0.0.1:{PORT + 2}"
    assert requests.get(purge + path, timeout=30).status_code == 405
    assert cached_status(stack.base + path)[1] == "HIT"
    assert requests.request("PURGE", purge + path, timeout=30).status_code == 200
    assert cached_status(stack.base + path)[1] == "MISS"


# Every way a reader could try to get a restricted or personal answer out of the cache.
TRIES = [
    ("GET", {}),
    ("HEAD", {}),
    ("GET", {"Range": "bytes=0-99"}),
    ("GET", {"Accept-Encoding": "gzip"}),
]


def never_cached(stack, path, expect_status):
    for query in ("", "?x=1"):
        for method, headers in TRIES + TRIES:  # twice: the second could have come from the cache
            response = requests.request(
                method,
                stack.base + path + query,
                headers=headers,
                timeout=30,
                allow_redirects=False,
            )
            assert response.status_code == expect_status, (method, headers, query)
            assert response.headers.get("X-Cache-Status") != "HIT", (method, headers, query)
            assert SECRET.decode() not in response.text


def test_restricted_pages_are_never_kept_by_the_front_cache(stack, front_pages):
    password = front_pages["password"]["url"]
    form = requests.get(stack.base + password, timeout=30)
    assert b'type="password"' in form.content
    assert "private" in form.headers["Cache-Control"] or "no-cache" in form.headers["Cache-Control"]
    never_cached(stack, password, 200)
    login = front_pages["login"]["url"]
    redirect = requests.get(stack.base + login, timeout=30, allow_redirects=False)
    assert "/login" in redirect.headers["Location"]
    never_cached(stack, login, 302)


def test_a_password_page_once_unlocked_is_not_served_to_others(stack, front_pages):
    path = front_pages["password"]["url"]
    session = requests.Session()
    form = session.get(stack.base + path, timeout=30)
    assert "Set-Cookie" in form.headers, "the form sets the CSRF cookie"
    token = form.text.split('name="csrfmiddlewaretoken" value="', 1)[1].split('"', 1)[0]
    action = form.text.split('class="password-form" action="', 1)[1].split('"', 1)[0]
    session.post(
        urljoin(stack.base + path, action),
        data={"csrfmiddlewaretoken": token, "password": PASSWORD, "return_url": path},
        headers={"Referer": stack.base + path},
        timeout=30,
    )
    unlocked = session.get(stack.base + path, timeout=30)
    assert "Pirmais teksts." in unlocked.text
    assert unlocked.headers["X-Cache-Status"] == "BYPASS"
    for method, headers in TRIES:
        anonymous = requests.request(method, stack.base + path, headers=headers, timeout=30)
        assert "Pirmais teksts." not in anonymous.text
        assert anonymous.headers.get("X-Cache-Status") != "HIT"


def test_an_editors_view_is_never_kept_nor_served_from_the_cache(stack, front_pages):
    path = front_pages["public"]["url"]
    editor = requests.Session()
    login = editor.get(f"{stack.base}/admin/login/", timeout=30)
    token = login.text.split('name="csrfmiddlewaretoken" value="', 1)[1].split('"', 1)[0]
    signed_in = editor.post(
        f"{stack.base}/admin/login/",
        data={
            "csrfmiddlewaretoken": token,
            "username": "kesa-moderatore",
            "password": MODERATOR_PASSWORD,
        },
        headers={"Referer": f"{stack.base}/admin/login/"},
        timeout=30,
    )
    assert "sessionid" in editor.cookies, signed_in.status_code
    # Purged, so that the editor's request would be the one to fill the cache.
    requests.request("PURGE", f"http://127.0.0.1:{PORT + 2}{path}", timeout=30)
    for method in ("GET", "HEAD", "GET"):
        seen = editor.request(method, stack.base + path, timeout=30)
        assert seen.status_code == 200
        assert seen.headers["X-Cache-Status"] == "BYPASS"
        assert "private" in seen.headers["Cache-Control"]
    assert "userbar" in editor.get(stack.base + path, timeout=30).text
    # A reader after the editor gets a page of their own, never the editor's.
    for _ in range(2):
        reader, status = cached_status(stack.base + path)
        assert "userbar" not in reader.text
    assert status == "HIT"
    # Any cookie at all, even only the CSRF one, and the cache is neither read nor filled.
    for cookies in ({"csrftoken": "x" * 32}, {"sessionid": "forged"}):
        response, status = cached_status(stack.base + path, cookies=cookies)
        assert status == "BYPASS"


def test_a_response_that_sets_a_cookie_is_never_kept(stack, front_pages):
    # The login page a restricted page sends to sets the CSRF cookie for every visitor.
    redirect = requests.get(
        stack.base + front_pages["login"]["url"], timeout=30, allow_redirects=False
    )
    login = urljoin(stack.base, redirect.headers["Location"])
    for _ in range(3):
        response, status = cached_status(login)
        assert response.status_code == 200
        assert "Set-Cookie" in response.headers
        assert status != "HIT"


def test_without_gunicorn_cached_pages_still_answer(stack, front_pages):
    path = front_pages["public"]["url"]
    cached_status(stack.base + path)
    assert cached_status(stack.base + path)[1] == "HIT"
    pid_file = stack.folder / "gunicorn.pid"
    stop_pid(pid_file)
    try:
        assert free(APP_PORT)
        time.sleep(6)  # past max-age: nginx must ask gunicorn, which is not there
        for _ in range(3):
            response, status = cached_status(stack.base + path)
            assert response.status_code == 200
            assert "Kešs public" in response.text
            assert status in ("STALE", "UPDATING")
        # A page nginx never kept gets the clear page at once.
        missing = requests.get(f"{stack.base}/lv/nav-kesa/", timeout=30)
        assert missing.status_code == 502
    finally:
        pid = stack.gunicorn(
            APP_PORT, GUNICORN_WORKERS="2", GUNICORN_ERROR_LOG=str(stack.folder / "gunicorn.log")
        )
        pid.rename(pid_file)  # run-local stop stops it


# The background worker: mail and search indexing -------------------------------------------


def request_password_reset(stack, address):
    session = requests.Session()
    form = session.get(f"{stack.base}/admin/password_reset/", timeout=30)
    assert form.status_code == 200
    return timed_post(
        session,
        f"{stack.base}/admin/password_reset/",
        data={"csrfmiddlewaretoken": csrf_token(form.text), "email": address},
        headers={"Referer": f"{stack.base}/admin/password_reset/"},
        allow_redirects=False,
    )


def timed_post(session, url, **kwargs):
    started = time.monotonic()
    response = session.post(url, timeout=60, **kwargs)
    return response, time.monotonic() - started


def test_mail_is_sent_by_the_worker_and_a_failed_send_is_kept(stack, front_pages):
    # The moderator of front_pages forgot their password; the mail server is up.
    with SMTPServer(port=SMTP_PORT) as sink:
        response, _seconds = request_password_reset(stack, "kesa@example.lv")
        assert response.status_code == 302
        assert "/admin/password_reset/done/" in response.headers["Location"]
        with sink.inbox.arrived:
            assert sink.inbox.arrived.wait_for(lambda: sink.inbox.messages, timeout=15)
        (received,) = sink.inbox.messages
    assert received.rcpt_tos == ["kesa@example.lv"]
    assert received.mail_from == "portals@socialais-darbs.example.lv"
    link = re.search(r"http\S+/admin/password_reset/confirm/\S+", received.text).group(0)
    assert link.startswith(stack.base + "/"), "the mail's link is on SITE_URL"
    # The link works through nginx: it leads to the form for a new password.
    confirm = requests.get(link, timeout=30)
    assert confirm.status_code == 200 and 'name="new_password1"' in confirm.text

    # The mail server is down: the request does not notice, the worker records the failure.
    response, seconds = request_password_reset(stack, "kesa@example.lv")
    assert response.status_code == 302
    assert seconds < 2, "the request waited for the mail server"
    deadline = time.monotonic() + 20
    while "kesa@example.lv" not in (listed := stack.manage("failed_mail")):
        assert time.monotonic() < deadline, "the failed send is not recorded"
        time.sleep(0.5)
    assert "Connection refused" in listed
    subject = " ".join(received.message["Subject"].split())
    assert repr(subject) in listed, "the message itself is kept, to be sent again"


def test_the_worker_indexes_a_published_change_into_the_search_cluster(stack, front_pages):
    if not stack.env.get("SEARCH_ENGINE_URL"):
        if os.environ.get("REQUIRE_OPENSEARCH") == "1":
            pytest.fail("REQUIRE_OPENSEARCH=1 but no OpenSearch node answers")
        pytest.skip("no OpenSearch node answers (make opensearch-start, OPENSEARCH_TEST_URL)")
    node = stack.env["SEARCH_ENGINE_URL"].split("+", 1)[1]
    prefix = stack.env["SEARCH_INDEX_PREFIX"]
    word = f"zvaigznājs{int(time.time() * 1000) % 100000}"

    def in_cluster():
        answer = requests.post(
            f"{node}/{prefix}*/_search",
            json={"query": {"query_string": {"query": f"*{word}*"}}},
            timeout=10,
        ).json()
        return answer["hits"]["total"]["value"]

    assert in_cluster() == 0
    publish(stack, front_pages["public"]["id"], f"Teksts par {word} un sociālo darbu.")
    published = time.monotonic()
    # The cluster gets it only from the worker (the request writes the database index alone)…
    while not in_cluster():
        assert time.monotonic() - published < 10, "the worker did not index the change"
        time.sleep(0.3)
    indexed = time.monotonic() - published
    # …and the site's search, through nginx, finds the page by it.
    while True:
        found = requests.get(f"{stack.base}/lv/meklet/", params={"q": word}, timeout=30)
        if front_pages["public"]["url"] in found.text:
            break
        assert time.monotonic() - published < 10, "search does not find the new word"
        time.sleep(0.3)
    assert found.status_code == 200
    found_after = time.monotonic() - published
    print(f"\nin the cluster {indexed:.1f} s, found by search {found_after:.1f} s after publishing")


# PostgreSQL stopped (the stack's own cluster) -----------------------------------------------


def test_with_postgresql_stopped_cached_pages_answer_the_rest_fail_fast_then_recover(
    stack, front_pages
):
    if not PRIVATE_POSTGRES:
        pytest.skip("the stack runs on the shared PostgreSQL (STACK_PRIVATE_POSTGRES=0)")
    path = front_pages["public"]["url"]
    for page in (path, "/lv/"):
        cached_status(stack.base + page)
        # nginx keeps a copy: answered from it (UPDATING: a copy past its 5 s max-age on a busy
        # machine, answered while gunicorn is asked for a fresh one).
        assert cached_status(stack.base + page)[1] in ("HIT", "UPDATING")
    stack.run_local("pg-stop")
    try:
        # Within max-age nginx answers on its own; past it, it must ask gunicorn, which cannot
        # reach the database: the kept copy still answers.
        for pause in (0, 6):
            time.sleep(pause)
            for page, text in ((path, "Kešs public"), ("/lv/", "Sociālā darba portāls")):
                (response, status), seconds = timed(cached_status, stack.base + page)
                assert response.status_code == 200, (page, pause)
                assert text in response.text
                assert status in ("HIT", "STALE", "UPDATING", "EXPIRED"), (page, status)
                assert seconds < 2, page
        # What nginx never kept gets the site's error page at once (refused: no timeout).
        for uncached in ("/lv/meklet/?q=bez-datubazes", "/lv/nav-kesa-bez-datubazes/"):
            response, seconds = timed_get(stack.base + uncached)
            assert response.status_code == 500, uncached
            assert "Radās kļūda" in response.text
            assert response.headers.get("X-Cache-Status") != "HIT"
            assert seconds < 5, uncached
    finally:
        stack.run_local("pg-start")
    # Back: pages render again (the first request may still meet a broken pooled connection)…
    deadline = time.monotonic() + 30
    while True:
        response = requests.get(f"{stack.base}/lv/meklet/?q=ar-datubazi", timeout=30)
        if response.status_code == 200:
            break
        assert time.monotonic() < deadline, response.status_code
        time.sleep(0.5)
    assert requests.get(f"{stack.base}/lv/nav-kesa-bez-datubazes/", timeout=30).status_code == 404
    # …and the worker, which exited with the database, runs again (as systemd restarts it):
    # a mail asked for now is sent.
    with SMTPServer(port=SMTP_PORT) as sink:
        response, _seconds = request_password_reset(stack, "kesa@example.lv")
        assert response.status_code == 302
        with sink.inbox.arrived:
            assert sink.inbox.arrived.wait_for(lambda: sink.inbox.messages, timeout=30)
    assert "the worker stopped" in (stack.folder / "worker.log").read_text()


def timed(function, *args, **kwargs):
    started = time.monotonic()
    result = function(*args, **kwargs)
    return result, time.monotonic() - started
